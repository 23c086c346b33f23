import { sql } from 'kysely';
import { Decimal } from 'decimal.js';
import type { ObjectDef } from '../metadata/types.js';
import { scopeFor } from '../platform/access.js';
import { AppError, forbidden, invalid } from '../platform/errors.js';
import { addOutboxEvent } from '../platform/events/outbox.js';
import { purgeAttachments } from '../platform/files/index.js';
import { newId } from '../platform/ids.js';
import { ownersInScope } from '../platform/org.service.js';
import { rowToRecord, tableOf } from './columns.js';
import { writeHistory, type Change } from './history.js';
import { runHooks } from './hooks.js';
import { presentRecord } from './present.js';
import { loadRow } from './record-read.service.js';
import { objectOf, type RecordCtx } from './record-context.js';
import { parseBody, type ParsedValues } from './validate.js';

const jsonb = (v: unknown) => JSON.stringify(v);

function ownerAllowed(ctx: RecordCtx, obj: ObjectDef, ownerId: string, action: 'create' | 'transfer'): boolean {
  const owners = ownersInScope(ctx.org, ctx.auth.userId, scopeFor(ctx.auth.access, obj.apiName, action));
  return owners === 'all' || owners.includes(ownerId);
}

async function event(ctx: RecordCtx, obj: ObjectDef, id: string, name: string, payload: unknown): Promise<void> {
  await addOutboxEvent(ctx.trx, { workspaceId: ctx.auth.workspaceId, object: obj.apiName, recordId: id, event: `${obj.apiName}.${name}`, payload, actorId: ctx.auth.userId });
}

/** Not found among the deleted rows the user can read: it is not in their recycle bin. */
const notInBin = (err: unknown): never => {
  throw err instanceof AppError && err.status === 404 ? new AppError(404, 'error.notInRecycleBin') : err;
};

/** validate → permissions → write → history → outbox → hooks, for any object. */
export async function createRecord(ctx: RecordCtx, object: string, body: unknown, index?: number) {
  const obj = objectOf(ctx, object);
  if (scopeFor(ctx.auth.access, obj.apiName, 'create') === 'none') throw forbidden();
  const { values, issues } = await parseBody(ctx, obj, body, 'create');
  const ownerId = (values.byField.ownerId ?? ctx.auth.userId) as string;
  if (typeof ownerId !== 'string' || !ctx.org.users.get(ownerId)?.active) issues.push({ field: 'ownerId', code: 'field.notFound' });
  else if (ownerId !== ctx.auth.userId && !ownerAllowed(ctx, obj, ownerId, 'create')) issues.push({ field: 'ownerId', code: 'field.forbidden' });
  if (issues.length) throw invalid(issues.map((i) => ({ ...i, index })));
  const id = newId();
  const row: Record<string, any> = {
    ...values.columns, workspace_id: ctx.auth.workspaceId, id, owner_id: ownerId, created_by: ctx.auth.userId,
    created_at: ctx.now, updated_at: ctx.now, version: 1, custom: jsonb(values.custom),
  };
  if (obj.isCustom) row.object_id = obj.id;
  await runHooks('beforeCreate', { ctx, obj, values: row, ownerDefaulted: values.byField.ownerId === undefined });
  const saved = await ctx.trx.insertInto(tableOf(obj)).values(row).returningAll().executeTakeFirstOrThrow();
  await writeHistory(ctx, obj.apiName, id, 'create', [{ field: '*', old: null, new: rowToRecord(obj, saved) }]);
  await event(ctx, obj, id, 'created', { record: rowToRecord(obj, saved) });
  await runHooks('afterCreate', { ctx, obj, values: saved });
  return presentRecord(ctx, obj, saved);
}

export interface UpdateOptions { expectedVersion?: number; precondition?: boolean; index?: number }

export async function updateRecord(ctx: RecordCtx, object: string, id: string, body: unknown, opts: UpdateOptions = {}) {
  const obj = objectOf(ctx, object);
  const before = await loadRow(ctx, obj, id, 'update', { forUpdate: true });
  const bodyVersion = (body as Record<string, unknown> | null)?.version;
  if (bodyVersion !== undefined && !Number.isInteger(bodyVersion)) throw invalid([{ field: 'version', code: 'field.type.number', index: opts.index }]);
  const expected = opts.expectedVersion ?? (typeof bodyVersion === 'number' ? bodyVersion : undefined);
  if (expected !== undefined && expected !== before.version) {
    throw opts.precondition
      ? new AppError(412, 'error.preconditionFailed', { expected, current: before.version })
      : new AppError(409, 'error.versionConflict', { current: before.version });
  }
  const { values, issues } = await parseBody(ctx, obj, body, 'update');
  const newOwner = values.byField.ownerId as string | undefined;
  if (newOwner !== undefined && newOwner !== before.owner_id) {
    if (scopeFor(ctx.auth.access, obj.apiName, 'transfer') === 'none' || !ownerAllowed(ctx, obj, before.owner_id ?? ctx.auth.userId, 'transfer')) {
      throw new AppError(403, 'error.transferForbidden');
    }
    if (typeof newOwner !== 'string' || !ctx.org.users.get(newOwner)?.active) issues.push({ field: 'ownerId', code: 'field.notFound' });
    else values.columns.owner_id = newOwner;
  }
  if (issues.length) throw invalid(issues.map((i) => ({ ...i, index: opts.index })));
  return applyUpdate(ctx, obj, before, values);
}

const NUMERIC_TYPES = new Set(['number', 'currency', 'percent', 'formula']);

/** Equal as the field's type sees it: 100 and '100.00' are the same amount. */
function sameValue(type: string, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (NUMERIC_TYPES.has(type)) {
    try { return new Decimal(a as string).eq(new Decimal(b as string)); } catch { return false; }
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-level differences between two stored rows, as history records them. */
function diffRows(obj: ObjectDef, before: Record<string, any>, after: Record<string, any>): Change[] {
  const a = rowToRecord(obj, before);
  const b = rowToRecord(obj, after);
  return obj.fields
    .filter((f) => f.apiName !== 'updatedAt' && f.apiName !== 'version' && !sameValue(f.type, a[f.apiName], b[f.apiName]))
    .map((f) => ({ field: f.apiName, old: a[f.apiName] ?? null, new: b[f.apiName] ?? null }));
}

/**
 * Writes only what changed, bumping the version under the row lock taken by loadRow. History and the
 * event describe the row as stored, so values set by beforeUpdate hooks are recorded too.
 */
export async function applyUpdate(ctx: RecordCtx, obj: ObjectDef, before: Record<string, any>, values: ParsedValues) {
  const set: Record<string, any> = {};
  const beforeRec = rowToRecord(obj, before);
  let customChanged = false;
  for (const f of obj.fields) {
    const next = f.apiName === 'ownerId' ? values.columns.owner_id : values.byField[f.apiName];
    if (next === undefined || sameValue(f.type, beforeRec[f.apiName], next)) continue;
    if (f.column) set[f.column] = values.columns[f.column];
    else customChanged = true;
  }
  if (customChanged) set.custom = jsonb({ ...(before.custom ?? {}), ...values.custom });
  if (Object.keys(set).length === 0) return presentRecord(ctx, obj, before);
  const row = { ...set, updated_at: ctx.now, version: before.version + 1 };
  await runHooks('beforeUpdate', { ctx, obj, before, values: row });
  const saved = await ctx.trx.updateTable(tableOf(obj)).set(row)
    .where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', before.id).where('version', '=', before.version)
    .returningAll().executeTakeFirst();
  if (!saved) throw new AppError(409, 'error.versionConflict', { current: before.version + 1 });
  const changes = diffRows(obj, before, saved);
  await writeHistory(ctx, obj.apiName, before.id, 'update', changes);
  await event(ctx, obj, before.id, 'updated', { record: rowToRecord(obj, saved), changes });
  await runHooks('afterUpdate', { ctx, obj, before, values: saved });
  return presentRecord(ctx, obj, saved);
}

export async function deleteRecord(ctx: RecordCtx, object: string, id: string): Promise<void> {
  const obj = objectOf(ctx, object);
  const before = await loadRow(ctx, obj, id, 'delete', { forUpdate: true });
  const values = { deleted_at: ctx.now, deleted_by: ctx.auth.userId, updated_at: ctx.now, version: before.version + 1 };
  await runHooks('beforeDelete', { ctx, obj, before, values });
  await ctx.trx.updateTable(tableOf(obj)).set(values).where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).execute();
  await writeHistory(ctx, obj.apiName, id, 'delete', []);
  await event(ctx, obj, id, 'deleted', { id });
  await runHooks('afterDelete', { ctx, obj, before, values });
}

export async function restoreRecord(ctx: RecordCtx, object: string, id: string) {
  const obj = objectOf(ctx, object);
  const before = await loadRow(ctx, obj, id, 'delete', { deleted: true, forUpdate: true }).catch(notInBin);
  const saved = await ctx.trx.updateTable(tableOf(obj)).set({ deleted_at: null, deleted_by: null, updated_at: ctx.now, version: before.version + 1 })
    .where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await writeHistory(ctx, obj.apiName, id, 'restore', []);
  await event(ctx, obj, id, 'restored', { record: rowToRecord(obj, saved) });
  await runHooks('afterRestore', { ctx, obj, before, values: saved });
  return presentRecord(ctx, obj, saved);
}

/** Removes a record from the recycle bin for good; history stays, as the audit of what was there. */
export async function purgeRecord(ctx: RecordCtx, object: string, id: string): Promise<void> {
  const obj = objectOf(ctx, object);
  await loadRow(ctx, obj, id, 'delete', { deleted: true, forUpdate: true }).catch(notInBin);
  await ctx.trx.deleteFrom(tableOf(obj)).where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).execute();
  await purgeAttachments(ctx.trx, ctx.auth.workspaceId, obj.apiName, [id]);
  await writeHistory(ctx, obj.apiName, id, 'purge', []);
  await event(ctx, obj, id, 'purged', { id });
}

/** Rows per multi-row insert of the purge's history and events: well under PostgreSQL's parameter limit. */
const PURGE_SLICE = 1000;

/**
 * Purges every record deleted more than `days` ago, across all objects of the workspace. Each purged record
 * gets its 'purge' history row and a `{object}.purged` outbox event, as a purge by hand does. Returns the
 * count per object (objects with none left out).
 */
export async function purgeExpired(ctx: RecordCtx, days: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const obj of ctx.md.objects.values()) {
    const where = obj.isCustom ? sql`and object_id = ${obj.id}::uuid` : sql``;
    const res = await sql<{ id: string }>`delete from ${sql.table(tableOf(obj))} where workspace_id = ${ctx.auth.workspaceId}::uuid
      and deleted_at < ${ctx.now}::timestamptz - make_interval(days => ${days}) ${where} returning id`.execute(ctx.trx);
    if (res.rows.length === 0) continue;
    out[obj.apiName] = res.rows.length;
    for (let i = 0; i < res.rows.length; i += PURGE_SLICE) {
      const ids = res.rows.slice(i, i + PURGE_SLICE).map((r) => r.id);
      await purgeAttachments(ctx.trx, ctx.auth.workspaceId, obj.apiName, ids);
      await ctx.trx.insertInto('record_history').values(ids.map((id) => ({
        workspace_id: ctx.auth.workspaceId, id: newId(), object: obj.apiName, record_id: id, op: 'purge', field: null,
        old_value: null, new_value: null, actor_id: ctx.auth.userId, tx_id: ctx.txId, at: ctx.now,
      }))).execute();
      await ctx.trx.insertInto('outbox_events').values(ids.map((id) => ({
        workspace_id: ctx.auth.workspaceId, id: newId(), object: obj.apiName, record_id: id, event: `${obj.apiName}.purged`,
        payload: jsonb({ id }), actor_id: ctx.auth.userId,
      }))).execute();
    }
  }
  return out;
}
