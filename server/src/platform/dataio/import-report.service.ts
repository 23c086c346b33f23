import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/database.js';
import { runRecords } from '../../records/run.js';
import type { AuthContext } from '../access.js';
import { AppError, notFound } from '../errors.js';
import { t } from '../i18n/i18n.js';
import { issueView } from './import-actions.service.js';
import { ownImport } from './import.service.js';
import { scopeFor } from '../access.js';
import { newId } from '../ids.js';
import type { DuplicatePolicy, MappingEntry } from './mapping.js';
import { assertStorable } from './storable.js';

const PAGE = 1000;

async function errorPage(db: Database, auth: AuthContext | null, id: string, after: [number, number], limit: number) {
  return runRecords(db, auth, async (ctx) => {
    await ownImport(ctx.trx, ctx.auth, id);
    const rows = await ctx.trx.selectFrom('import_errors').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
      .where('import_id', '=', id)
      .where((eb) => eb.or([eb('row_no', '>', after[0]), eb.and([eb('row_no', '=', after[0]), eb('seq', '>', after[1])])]))
      .orderBy('row_no').orderBy('seq').limit(limit).execute();
    return { auth: ctx.auth, rows };
  });
}

/** GET /imports/{id}/errors: rows that failed (and values dropped), by row, in the caller's language. */
export async function listImportErrors(db: Database, auth: AuthContext | null, id: string, limit: number, cursor?: string) {
  let after: [number, number] = [0, 0];
  if (cursor) {
    const m = /^(\d+)\.(\d+)$/.exec(cursor);
    if (!m) throw new AppError(400, 'error.badCursor');
    after = [Number(m[1]), Number(m[2])];
  }
  const { auth: a, rows } = await errorPage(db, auth, id, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => issueView(a, { row: r.row_no, column: r.column_name, field: r.field, code: r.code, params: r.params, value: r.value, severity: r.severity })),
    nextCursor: rows.length > limit && last ? `${last.row_no}.${last.seq}` : null,
  };
}

/** The downloadable error report: CSV with a byte-order mark (Excel), streamed page by page. */
export async function* importErrorsCsv(db: Database, auth: AuthContext | null, id: string): AsyncGenerator<string> {
  const locale = auth?.locale ?? 'en-US';
  const head = ['row', 'column', 'field', 'value', 'reason', 'severity'].map((k) => t(locale, `import.report.${k}`));
  yield `\uFEFF${stringify([head])}`;
  let after: [number, number] = [0, 0];
  for (;;) {
    const { auth: a, rows } = await errorPage(db, auth, id, after, PAGE);
    if (rows.length === 0) return;
    yield stringify(rows.map((r) => [r.row_no, r.column_name ?? '', r.field ?? '', r.value ?? '',
      t(a.locale, r.code, r.params ?? {}), t(a.locale, `import.severity.${r.severity}`)]));
    const last = rows[rows.length - 1];
    after = [last.row_no, last.seq];
    if (rows.length < PAGE) return;
  }
}

export interface TemplateBody { object: string; name: string; mapping: MappingEntry[]; duplicatePolicy?: DuplicatePolicy; matchFields?: string[]; columns?: string[] }

const templateView = (r: Record<string, any>) => ({
  id: r.id, object: r.object, name: r.name, columns: r.columns, mapping: r.mapping, duplicatePolicy: r.duplicate_policy,
  matchFields: r.match_fields, createdAt: new Date(r.created_at).toISOString(),
});

export async function listTemplates(db: Database, auth: AuthContext | null, object?: string) {
  return runRecords(db, auth, async (ctx) => {
    let q = ctx.trx.selectFrom('import_templates').selectAll().where('workspace_id', '=', ctx.auth.workspaceId);
    if (object) q = q.where('object', '=', object);
    const rows = await q.orderBy('object').orderBy('name').execute();
    return { data: rows.filter((r) => scopeFor(ctx.auth.access, r.object, 'import') !== 'none').map(templateView) };
  });
}

/** A saved mapping; the same name for the same object replaces it. */
export async function saveTemplate(db: Database, auth: AuthContext | null, b: TemplateBody) {
  assertStorable(b, 'template');
  return runRecords(db, auth, async (ctx) => {
    if (!ctx.md.objects.has(b.object)) throw new AppError(404, 'error.unknownObject', { object: b.object });
    if (scopeFor(ctx.auth.access, b.object, 'import') === 'none') throw new AppError(403, 'error.forbidden');
    const values = {
      columns: JSON.stringify(b.columns ?? []), mapping: JSON.stringify(b.mapping), duplicate_policy: b.duplicatePolicy ?? 'create',
      match_fields: JSON.stringify(b.matchFields ?? []),
    };
    const row = await ctx.trx.insertInto('import_templates').values({
      workspace_id: ctx.auth.workspaceId, id: newId(), object: b.object, name: b.name, created_by: ctx.auth.userId, ...values,
    }).onConflict((oc) => oc.columns(['workspace_id', 'object', 'name']).doUpdateSet(values)).returningAll().executeTakeFirstOrThrow();
    return templateView(row);
  });
}

export async function deleteTemplate(db: Database, auth: AuthContext | null, id: string) {
  return runRecords(db, auth, async (ctx) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const row = await ctx.trx.selectFrom('import_templates').select(['object']).where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).executeTakeFirst();
    if (!row || scopeFor(ctx.auth.access, row.object, 'import') === 'none') throw notFound();
    await ctx.trx.deleteFrom('import_templates').where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).execute();
  });
}
