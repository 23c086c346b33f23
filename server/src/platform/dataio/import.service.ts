import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import type { ObjectDef } from '../../metadata/types.js';
import { objectOf } from '../../records/record-context.js';
import { runRecords } from '../../records/run.js';
import { scopeFor, type AuthContext } from '../access.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { normaliseEncodingName, type DetectedEncoding } from './encoding.js';
import { fileError } from './import-run.js';
import { loadImport, type ImportRow } from './import-store.js';
import { readChunks, storeUpload } from './file-store.js';
import { ICAL_MAX_BYTES } from './ical-source.js';
import { suggestMapping, type MappingEntry } from './mapping.js';
import { storableText } from './storable.js';
import { csvSettings, detectFormat, openRows, type ImportFormat } from './row-source.js';

export const PREVIEW_ROWS = 20;

export interface UploadInput {
  object: string;
  fileName: string;
  stream: Readable & { truncated?: boolean };
  delimiter?: string;
  encoding?: string;
}

/** The API's view of an import. */
export function importView(imp: ImportRow, extra: Record<string, unknown> = {}) {
  return {
    id: imp.id, object: imp.object, format: imp.format, status: imp.status, fileName: imp.file_name, fileSize: imp.file_size,
    encoding: imp.encoding, delimiter: imp.delimiter, columns: imp.columns, preview: imp.preview,
    mapping: imp.mapping, duplicatePolicy: imp.duplicate_policy, matchFields: imp.match_fields,
    options: { invalidValues: imp.options.invalidValues ?? 'reject' },
    processed: imp.processed, created: imp.created, updated: imp.updated, skipped: imp.skipped, failed: imp.failed,
    error: imp.error, createdBy: imp.created_by, createdAt: iso(imp.created_at), startedAt: iso(imp.started_at),
    finishedAt: iso(imp.finished_at), undoneAt: iso(imp.undone_at), ...extra,
  };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** An import the caller may see: their own, or any for administrators. */
export async function ownImport(trx: Trx, auth: AuthContext, id: string): Promise<ImportRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const imp = await loadImport(trx, auth.workspaceId, id);
  if (!imp || (imp.created_by !== auth.userId && !auth.access.isAdmin)) throw notFound();
  return imp;
}

function overrides(input: UploadInput): { encoding: DetectedEncoding | null; delimiter: string | null } {
  let encoding: DetectedEncoding | null = null;
  if (input.encoding) {
    const e = normaliseEncodingName(input.encoding);
    if (!e) throw new AppError(422, 'error.validation', {}, [{ field: 'encoding', code: 'import.badEncoding', params: { encoding: input.encoding } }]);
    encoding = { encoding: e, bom: 0 };
  }
  const d = input.delimiter === '\\t' || input.delimiter === 'tab' ? '\t' : input.delimiter;
  if (d !== undefined && (d.length !== 1 || /[\r\n"]/.test(d))) {
    throw new AppError(422, 'error.validation', {}, [{ field: 'delimiter', code: 'import.badDelimiter' }]);
  }
  return { encoding, delimiter: d ?? null };
}

/** Header and first rows of a stored file; a file that cannot be read is a 422. */
async function sniff(db: Database, ws: string, id: string, format: ImportFormat, head: Buffer, o: ReturnType<typeof overrides>) {
  const csv = format === 'csv' ? csvSettings(head, o.encoding, o.delimiter) : null;
  try {
    const { columns, rows } = await openRows(() => readChunks(db, ws, id), { format, encoding: csv?.encoding ?? null, delimiter: csv?.delimiter ?? null });
    const preview: { row: number; cells: string[] }[] = [];
    for await (const r of rows) {
      preview.push({ row: r.row, cells: r.cells.slice(0, columns.length) });
      if (preview.length >= PREVIEW_ROWS) break;
    }
    await rows.return(undefined);
    if (columns.length === 0) throw new AppError(422, 'import.emptyFile');
    return { columns, preview, csv };
  } catch (err) {
    if (fileError(err)) throw new AppError(422, 'import.badFile');
    throw err;
  }
}

/**
 * Cards and calendars name companies and attendees in passing: a name matching no record leaves the
 * link empty instead of failing the contact or the meeting. Meetings become follow-ups of type meeting.
 */
function suggestion(obj: ObjectDef, format: ImportFormat, columns: string[]): MappingEntry[] {
  const m = suggestMapping(obj, columns);
  if (format !== 'vcard' && format !== 'ical') return m;
  const out = m.map((e) => (e.onMissing ? { ...e, onMissing: 'ignore' as const } : e));
  const type = obj.fields.find((f) => f.apiName === 'type' && f.type === 'select' && f.options?.options?.some((o: { value: string }) => o.value === 'meeting'));
  if (format === 'ical' && type && !out.some((e) => e.field === 'type')) out.push({ field: 'type', value: 'meeting' });
  return out;
}

async function templateFor(trx: Trx, ws: string, object: string, columns: string[]): Promise<{ id: string; mapping: MappingEntry[] } | null> {
  const rows = await trx.selectFrom('import_templates').select(['id', 'columns', 'mapping']).where('workspace_id', '=', ws)
    .where('object', '=', object).orderBy('created_at', 'desc').execute();
  const hit = rows.find((r) => JSON.stringify(r.columns) === JSON.stringify(columns));
  return hit ? { id: hit.id, mapping: hit.mapping } : null;
}

/**
 * POST /imports: streams the file into storage, detects format, encoding and separator, reads the header
 * and the first rows, and suggests a mapping (a saved template's when its columns are the same).
 */
export async function createImport(db: Database, auth: AuthContext | null, input: UploadInput) {
  const o = overrides(input);
  const { ws, userId, obj } = await runRecords(db, auth, async (ctx) => {
    const obj = objectOf(ctx, input.object);
    if (scopeFor(ctx.auth.access, obj.apiName, 'import') === 'none') throw forbidden();
    return { ws: ctx.auth.workspaceId, userId: ctx.auth.userId, obj };
  });
  const id = newId();
  await withTenant(db, ws, (trx) => trx.insertInto('imports').values({
    workspace_id: ws, id, object: obj.apiName, format: 'csv', status: 'uploading', file_name: storableText(input.fileName).slice(0, 255), created_by: userId,
  }).execute());
  try {
    const stored = await storeUpload(db, ws, id, input.stream);
    if (input.stream.truncated) throw new AppError(413, 'import.fileTooLarge');
    if (stored.size === 0) throw new AppError(422, 'import.emptyFile');
    const format = detectFormat(stored.head, input.fileName);
    if (format === 'ical' && stored.size > ICAL_MAX_BYTES) throw new AppError(413, 'import.fileTooLarge');
    const s = await sniff(db, ws, id, format, stored.head, o);
    return await withTenant(db, ws, async (trx) => {
      const tpl = await templateFor(trx, ws, obj.apiName, s.columns);
      await trx.updateTable('imports').set({
        status: 'uploaded', format, file_size: stored.size, encoding: s.csv?.encoding.encoding ?? null, delimiter: s.csv?.delimiter ?? null,
        columns: JSON.stringify(s.columns), preview: JSON.stringify(s.preview),
        options: JSON.stringify({ bom: s.csv?.encoding.bom ?? 0, invalidValues: format === 'vcard' || format === 'ical' ? 'drop' : 'reject' }),
      }).where('workspace_id', '=', ws).where('id', '=', id).execute();
      const imp = (await loadImport(trx, ws, id))!;
      return importView(imp, { suggestedMapping: tpl?.mapping ?? suggestion(obj, format, s.columns), templateId: tpl?.id ?? null });
    });
  } catch (err) {
    await withTenant(db, ws, (trx) => trx.deleteFrom('imports').where('workspace_id', '=', ws).where('id', '=', id).execute());
    throw err;
  }
}

export async function getImport(db: Database, auth: AuthContext | null, id: string) {
  return runRecords(db, auth, async (ctx) => importView(await ownImport(ctx.trx, ctx.auth, id)));
}

/** The caller's imports (every one for administrators), newest first. */
export async function listImports(db: Database, auth: AuthContext | null, limit: number) {
  return runRecords(db, auth, async (ctx) => {
    let q = ctx.trx.selectFrom('imports').selectAll().where('workspace_id', '=', ctx.auth.workspaceId);
    if (!ctx.auth.access.isAdmin) q = q.where('created_by', '=', ctx.auth.userId);
    const rows = await q.orderBy('created_at', 'desc').limit(limit).execute();
    return { data: rows.map((r) => importView(r as ImportRow)) };
  });
}
