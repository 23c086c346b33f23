import { sql } from 'kysely';
import { rowToRecord, tableOf } from '../../records/columns.js';
import { createMany } from '../../records/record-batch.service.js';
import type { RecordCtx } from '../../records/record-context.js';
import { updateRecord } from '../../records/record-write.service.js';
import { AppError, type FieldIssue } from '../errors.js';
import { findMatches, matchKey } from './import-match.js';
import { resolveRefs, type CreatedRef, type Lookups } from './import-refs.js';
import type { DuplicatePolicy } from './mapping.js';
import type { ImportIssue, Plan, Prepared } from './transform.js';

export interface RunSettings { plan: Plan; policy: DuplicatePolicy; matchFields: string[]; lookups: Lookups; dropInvalid: boolean }

export interface BatchOutcome {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  issues: ImportIssue[];
  records: { row: number; id: string; op: 'created' | 'updated'; before: Record<string, unknown> | null }[];
  externals: { externalId: string; recordId: string }[];
  /** Related records created for rows naming ones that did not exist (mapping onMissing: 'create'). */
  related: CreatedRef[];
}

const failedRow = (r: Prepared) => r.issues.some((i) => i.severity === 'error');

/** Pipeline issues (by field) → report issues (by column). */
function toIssues(s: RunSettings, r: Prepared, issues: FieldIssue[]): ImportIssue[] {
  return issues.map((i) => {
    const e = s.plan.byField.get(i.field);
    const v = r.body[i.field];
    return {
      row: r.row, column: e?.label ?? null, field: i.field, code: i.code, params: i.params, severity: 'error' as const,
      value: v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v),
    };
  });
}

function appIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof AppError)) throw err;
  return err.errors.length ? err.errors : [{ field: '(record)', code: err.code, params: err.params }];
}

/** Updates matched records one by one through the pipeline, keeping what they held before for undo. */
async function updateMatched(ctx: RecordCtx, s: RunSettings, pairs: { r: Prepared; id: string }[], out: BatchOutcome): Promise<void> {
  if (pairs.length === 0) return;
  const obj = s.plan.obj;
  const before = await sql<Record<string, any>>`select t.* from ${sql.table(tableOf(obj))} t where t.workspace_id = ${ctx.auth.workspaceId}::uuid
    and t.id = any(${pairs.map((p) => p.id)}::uuid[])`.execute(ctx.trx);
  const byId = new Map(before.rows.map((b) => [b.id, rowToRecord(obj, b)]));
  for (const { r, id } of pairs) {
    try {
      const after = await updateRecord(ctx, obj.apiName, id, r.body);
      const old = byId.get(id) ?? {};
      const prev = Object.fromEntries(Object.keys(r.body).map((k) => [k, old[k] ?? null]));
      out.records.push({ row: r.row, id, op: 'updated', before: { ...prev, $version: after.version } });
      out.updated++;
      if (r.externalId) out.externals.push({ externalId: r.externalId, recordId: id });
    } catch (err) {
      out.failed++;
      out.issues.push(...toIssues(s, r, appIssues(err)));
    }
  }
}

/**
 * One batch of prepared rows in the caller's transaction: relations resolved, duplicates matched under the
 * policy, new records created through createMany, matched ones updated (or skipped). Rows with errors
 * are counted and reported; the others are written.
 */
export async function processBatch(ctx: RecordCtx, s: RunSettings, rows: Prepared[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, skipped: 0, failed: 0, issues: [], records: [], externals: [], related: [] };
  const live = rows.filter((r) => {
    if (!r.skip) return true;
    out.skipped++;
    out.issues.push({ row: r.row, column: null, field: null, code: r.skip, severity: 'warning' });
    return false;
  });
  await resolveRefs(ctx, s.plan.entries, live.filter((r) => !failedRow(r)), s.lookups, out.related);
  for (const r of live) out.issues.push(...r.issues);
  const ok = live.filter((r) => !failedRow(r));
  out.failed += live.length - ok.length;
  const matches = await findMatches(ctx, s.plan.obj, s.policy, s.matchFields, ok);
  const toCreate: Prepared[] = [];
  const toUpdate: { r: Prepared; id: string }[] = [];
  for (const r of ok) {
    const key = s.policy === 'create' ? null : matchKey(s.plan.obj, s.matchFields, r);
    const ids = key ? matches.get(key) : undefined;
    if (!ids) toCreate.push(r);
    else if (ids.length > 1) {
      out.failed++;
      out.issues.push({ row: r.row, column: null, field: null, code: 'import.ambiguousMatch', params: { count: ids.length }, severity: 'error' });
    } else if (s.policy === 'skip') {
      out.skipped++;
      out.issues.push({ row: r.row, column: null, field: null, code: 'import.duplicateSkipped', params: { id: ids[0] }, severity: 'warning' });
    } else toUpdate.push({ r, id: ids[0] });
  }
  await updateMatched(ctx, s, toUpdate, out);
  await createRows(ctx, s, toCreate, out, s.dropInvalid ? 3 : 0);
  return out;
}

/**
 * New records through createMany. With invalid values dropped, rows refused only for optional fields'
 * values are tried again without those values (a few rounds: hooks see the row only once fields pass),
 * and the report lists the dropped values as warnings.
 */
async function createRows(ctx: RecordCtx, s: RunSettings, rows: Prepared[], out: BatchOutcome, retries: number): Promise<void> {
  const res = await createMany(ctx, s.plan.obj.apiName, rows.map((r, index) => ({ index, body: r.body })));
  const retry: Prepared[] = [];
  for (const f of res.failed) {
    const r = rows[f.index];
    const droppable = retries > 0 && f.issues.every((i) => i.field in r.body && i.field !== 'name' && i.code !== 'field.required');
    if (!droppable) {
      out.issues.push(...toIssues(s, r, f.issues));
      out.failed++;
      continue;
    }
    out.issues.push(...toIssues(s, r, f.issues).map((i) => ({ ...i, severity: 'warning' as const })));
    const body = { ...r.body };
    for (const i of f.issues) delete body[i.field];
    retry.push({ ...r, body });
  }
  out.created += res.created.length;
  for (const c of res.created) {
    out.records.push({ row: rows[c.index].row, id: c.id, op: 'created', before: null });
    if (rows[c.index].externalId) out.externals.push({ externalId: rows[c.index].externalId!, recordId: c.id });
  }
  if (retry.length) await createRows(ctx, s, retry, out, retries - 1);
}
