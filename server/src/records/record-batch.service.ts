import { sql } from 'kysely';
import type { ObjectDef } from '../metadata/types.js';
import { scopeFor } from '../platform/access.js';
import { AppError, forbidden, type FieldIssue } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { ownersInScope } from '../platform/org.service.js';
import { collectIndexRows, flushIndexRows } from '../platform/search/search-index.hook.js';
import { insertRows } from './bulk-insert.js';
import { rowToRecord, tableOf } from './columns.js';
import { runHooks } from './hooks.js';
import { baseWhere } from './record-read.service.js';
import { objectOf, type RecordCtx } from './record-context.js';
import { parseBody, type ParsedValues } from './validate.js';
import { visibilitySql } from './visibility.js';

/**
 * The records pipeline for many rows at once (imports, undo of an import): the same steps and guarantees
 * as createRecord/deleteRecord — validation against metadata and field permissions, owner scope, hooks,
 * history rows, outbox events, search index — with each step written as one multi-row statement per batch
 * instead of one per record. A row that fails validation (or a before-hook) is reported by its index and
 * left out; the others are written. A database error aborts the caller's transaction as usual.
 */

export interface BatchInput { index: number; body: Record<string, unknown> }
export interface BatchFailure { index: number; issues: FieldIssue[] }
export interface CreateManyResult { created: { index: number; id: string; row: Record<string, any> }[]; failed: BatchFailure[] }

const jsonb = (v: unknown) => JSON.stringify(v);

/** Users must be active; departments and related records must exist (and be visible) — one query per field. */
async function checkReferencesMany(ctx: RecordCtx, obj: ObjectDef, rows: { values: ParsedValues; issues: FieldIssue[] }[]): Promise<void> {
  for (const f of obj.fields) {
    if (f.status !== 'active' || f.apiName === 'ownerId' || !['user', 'department', 'relation'].includes(f.type)) continue;
    const withValue = rows.filter((r) => r.issues.length === 0 && r.values.byField[f.apiName] != null);
    if (withValue.length === 0) continue;
    const ids = [...new Set(withValue.map((r) => r.values.byField[f.apiName] as string))];
    let found: Set<string>;
    if (f.type === 'user') found = new Set(ids.filter((id) => ctx.org.users.get(id)?.active));
    else if (f.type === 'department') {
      const res = await ctx.trx.selectFrom('departments').select('id').where('workspace_id', '=', ctx.auth.workspaceId).where('id', 'in', ids).execute();
      found = new Set(res.map((r) => r.id));
    } else {
      const target = ctx.md.objects.get(f.options?.target);
      if (!target) found = new Set();
      else {
        const custom = target.isCustom ? sql`and t.object_id = ${target.id}::uuid` : sql``;
        const res = await sql<{ id: string }>`select t.id from ${sql.table(tableOf(target))} t where t.workspace_id = ${ctx.auth.workspaceId}::uuid
          and t.id = any(${ids}::uuid[]) and t.deleted_at is null ${custom} and ${visibilitySql(ctx, target, 'read')}`.execute(ctx.trx);
        found = new Set(res.rows.map((r) => r.id));
      }
    }
    for (const r of withValue) if (!found.has(r.values.byField[f.apiName] as string)) r.issues.push({ field: f.apiName, code: 'field.notFound' });
  }
}

function ownerIssue(ctx: RecordCtx, obj: ObjectDef, ownerId: unknown): FieldIssue | null {
  if (typeof ownerId !== 'string' || !ctx.org.users.get(ownerId)?.active) return { field: 'ownerId', code: 'field.notFound' };
  if (ownerId === ctx.auth.userId) return null;
  const owners = ownersInScope(ctx.org, ctx.auth.userId, scopeFor(ctx.auth.access, obj.apiName, 'create'));
  return owners === 'all' || owners.includes(ownerId) ? null : { field: 'ownerId', code: 'field.forbidden' };
}

/** Rows as createRecord builds them, before-hooks applied; rows a hook rejects are reported. */
async function buildRows(ctx: RecordCtx, obj: ObjectDef, parsed: { index: number; values: ParsedValues }[], failed: BatchFailure[]) {
  const rows: { index: number; row: Record<string, any> }[] = [];
  for (const { index, values } of parsed) {
    const row: Record<string, any> = {
      ...values.columns, workspace_id: ctx.auth.workspaceId, id: newId(), owner_id: values.byField.ownerId ?? ctx.auth.userId,
      created_by: ctx.auth.userId, created_at: ctx.now, updated_at: ctx.now, version: 1, custom: jsonb(values.custom),
    };
    if (obj.isCustom) row.object_id = obj.id;
    try {
      await runHooks('beforeCreate', { ctx, obj, values: row, ownerDefaulted: values.byField.ownerId === undefined });
      rows.push({ index, row });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ index, issues: err.errors.length ? err.errors : [{ field: '(record)', code: err.code, params: err.params }] });
    }
  }
  return rows;
}

/**
 * History row and outbox event of each written record, in one statement: the records travel once, as one
 * JSON parameter, and an event without a payload of its own carries `{ record }` (the history value).
 */
async function recordEvents(ctx: RecordCtx, obj: ObjectDef, op: string, event: string, items: { id: string; history?: unknown; payload?: unknown }[]): Promise<void> {
  if (items.length === 0) return;
  const rows = JSON.stringify(items.map((it) => ({ h: newId(), o: newId(), r: it.id, v: it.history ?? null, p: it.payload ?? null })));
  const ws = ctx.auth.workspaceId;
  await sql`with e as (select * from jsonb_to_recordset(${rows}::jsonb) as e(h uuid, o uuid, r uuid, v jsonb, p jsonb)),
    h as (insert into record_history (workspace_id, id, object, record_id, op, field, new_value, actor_id, tx_id, at)
      select ${ws}::uuid, e.h, ${obj.apiName}, e.r, ${op}, case when e.v is null then null else '*' end, e.v, ${ctx.auth.userId}::uuid, ${ctx.txId}::uuid, ${ctx.now}::timestamptz from e)
    insert into outbox_events (workspace_id, id, object, record_id, event, payload, actor_id)
      select ${ws}::uuid, e.o, ${obj.apiName}, e.r, ${`${obj.apiName}.${event}`}, coalesce(e.p, jsonb_build_object('record', e.v)), ${ctx.auth.userId}::uuid from e`.execute(ctx.trx);
}

/** createRecord for many bodies in the caller's transaction. */
export async function createMany(ctx: RecordCtx, object: string, inputs: BatchInput[]): Promise<CreateManyResult> {
  const obj = objectOf(ctx, object);
  if (scopeFor(ctx.auth.access, obj.apiName, 'create') === 'none') throw forbidden();
  const checked: { index: number; values: ParsedValues; issues: FieldIssue[] }[] = [];
  for (const { index, body } of inputs) {
    const { values, issues } = await parseBody(ctx, obj, body, 'create', '', { references: false });
    if (issues.length === 0) {
      const owner = ownerIssue(ctx, obj, values.byField.ownerId ?? ctx.auth.userId);
      if (owner) issues.push(owner);
    }
    checked.push({ index, values, issues });
  }
  await checkReferencesMany(ctx, obj, checked);
  const failed: BatchFailure[] = checked.filter((c) => c.issues.length > 0).map((c) => ({ index: c.index, issues: c.issues }));
  const rows = await buildRows(ctx, obj, checked.filter((c) => c.issues.length === 0), failed);
  const saved = new Map((await insertRows(ctx.trx, tableOf(obj), rows.map((r) => r.row), true)).map((r) => [r.id, r]));
  const created = rows.map((r) => ({ index: r.index, id: r.row.id as string, row: saved.get(r.row.id)! }));
  await recordEvents(ctx, obj, 'create', 'created', created.map((c) => ({ id: c.id, history: rowToRecord(obj, c.row) })));
  collectIndexRows(ctx);
  for (const c of created) await runHooks('afterCreate', { ctx, obj, values: c.row });
  await flushIndexRows(ctx);
  return { created, failed };
}

/** deleteRecord for many ids: those the caller may delete move to the recycle bin; returns their ids. */
export async function deleteMany(ctx: RecordCtx, object: string, ids: string[]): Promise<string[]> {
  const obj = objectOf(ctx, object);
  if (ids.length === 0) return [];
  const rows = await sql<Record<string, any>>`select t.* from ${sql.table(tableOf(obj))} t
    where ${baseWhere(ctx, obj, 'delete')} and t.id = any(${ids}::uuid[]) for update`.execute(ctx.trx);
  const before = rows.rows;
  for (const b of before) {
    await runHooks('beforeDelete', { ctx, obj, before: b, values: { deleted_at: ctx.now, deleted_by: ctx.auth.userId, updated_at: ctx.now, version: b.version + 1 } });
  }
  const done = before.map((b) => b.id as string);
  await sql`update ${sql.table(tableOf(obj))} set deleted_at = ${ctx.now}, deleted_by = ${ctx.auth.userId}::uuid, updated_at = ${ctx.now},
    version = version + 1 where workspace_id = ${ctx.auth.workspaceId}::uuid and id = any(${done}::uuid[])`.execute(ctx.trx);
  await recordEvents(ctx, obj, 'delete', 'deleted', done.map((id) => ({ id, payload: { id } })));
  for (const b of before) {
    await runHooks('afterDelete', { ctx, obj, before: b, values: { deleted_at: ctx.now, deleted_by: ctx.auth.userId, updated_at: ctx.now, version: b.version + 1 } });
  }
  return done;
}
