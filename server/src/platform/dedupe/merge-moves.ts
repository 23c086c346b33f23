import { sql } from 'kysely';
import type { FieldDef, ObjectDef } from '../../metadata/types.js';
import { rowToRecord, tableOf } from '../../records/columns.js';
import type { RecordCtx } from '../../records/record-context.js';
import { newId } from '../ids.js';
import { buildIndexRow, upsertIndexRows } from '../search/search-index.js';

/** What a merge moved, so that undo can put it back: one row per moved value. */
export interface Move { kind: 'relation' | 'history' | 'share' | 'externalId' | 'attachment'; object: string; record_id: string; field: string | null; old_value: string | null }

/** Relation fields of every object that point at `object`. */
export function incomingLinks(ctx: RecordCtx, object: string): { obj: ObjectDef; field: FieldDef }[] {
  const out: { obj: ObjectDef; field: FieldDef }[] = [];
  for (const obj of ctx.md.objects.values()) {
    for (const field of obj.fields) {
      if (field.status === 'active' && field.type === 'relation' && field.options?.target === object) out.push({ obj, field });
    }
  }
  return out;
}

/** The value of a relation field of record alias t: its column, or its key in the custom values. */
export function linkSql(field: FieldDef) {
  return field.column ? sql.ref(`t.${field.column}`) : sql`(t.custom->>${field.apiName})::uuid`;
}

/**
 * Points one relation field of related records from `from` ids to `to`, writing history rows and outbox
 * events like any update, and re-indexing the moved records (duplicate keys include the account).
 * Returns the moves. `only` limits it to given record ids (undo).
 */
export async function relink(ctx: RecordCtx, obj: ObjectDef, field: FieldDef, from: string[], to: string | ((id: string) => string), only?: string[]): Promise<Move[]> {
  const ws = ctx.auth.workspaceId;
  const custom = obj.isCustom ? sql`and t.object_id = ${obj.id}::uuid` : sql``;
  const limit = only ? sql`and t.id = any(${only}::uuid[])` : sql``;
  const rows = (await sql<{ id: string; old: string }>`select t.id, ${linkSql(field)}::text as old from ${sql.table(tableOf(obj))} t
    where t.workspace_id = ${ws}::uuid and ${linkSql(field)} = any(${from}::uuid[]) ${custom} ${limit}`.execute(ctx.trx)).rows;
  if (rows.length === 0) return [];
  const target = (id: string, old: string) => (typeof to === 'string' ? to : to(id) ?? old);
  const pairs = rows.map((r) => ({ id: r.id, old: r.old, new: target(r.id, r.old) }));
  const set = field.column
    ? sql`${sql.ref(field.column)} = p.new::uuid`
    : sql`custom = jsonb_set(t.custom, ${`{${field.apiName}}`}::text[], to_jsonb(p.new::text))`;
  const saved = await sql<Record<string, any>>`update ${sql.table(tableOf(obj))} t set ${set}, updated_at = ${ctx.now}, version = t.version + 1
    from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p(id uuid, new text)
    where t.workspace_id = ${ws}::uuid and t.id = p.id returning t.*`.execute(ctx.trx);
  await ctx.trx.insertInto('record_history').values(pairs.map((p) => ({
    workspace_id: ws, id: newId(), object: obj.apiName, record_id: p.id, op: 'update', field: field.apiName,
    old_value: JSON.stringify(p.old), new_value: JSON.stringify(p.new), actor_id: ctx.auth.userId, tx_id: ctx.txId, at: ctx.now,
  }))).execute();
  await ctx.trx.insertInto('outbox_events').values(saved.rows.map((r) => ({
    workspace_id: ws, id: newId(), object: obj.apiName, record_id: r.id, event: `${obj.apiName}.updated`, actor_id: ctx.auth.userId,
    payload: JSON.stringify({ record: rowToRecord(obj, r), changes: [{ field: field.apiName, old: pairs.find((p) => p.id === r.id)!.old, new: r[field.column ?? ''] ?? r.custom?.[field.apiName] }] }),
  }))).execute();
  await upsertIndexRows(ctx.trx, saved.rows.map((r) => buildIndexRow(obj, r, ws)));
  return pairs.map((p) => ({ kind: 'relation', object: obj.apiName, record_id: p.id, field: field.apiName, old_value: p.old }));
}

/** The merged-away records' history now tells the survivor's story (moved back on undo). */
export async function moveHistory(ctx: RecordCtx, object: string, from: string[], to: string): Promise<Move[]> {
  const rows = (await sql<{ id: string; record_id: string }>`update record_history h set record_id = ${to}::uuid
    from (select id, record_id from record_history where workspace_id = ${ctx.auth.workspaceId}::uuid and object = ${object}
      and record_id = any(${from}::uuid[])) old
    where h.workspace_id = ${ctx.auth.workspaceId}::uuid and h.id = old.id returning h.id, old.record_id`.execute(ctx.trx)).rows;
  return rows.map((r) => ({ kind: 'history', object, record_id: r.id, field: null, old_value: r.record_id }));
}

/** Sharing of the merged-away records carries over to the survivor (shares it already had stay as they are). */
export async function copyShares(ctx: RecordCtx, object: string, from: string[], to: string): Promise<Move[]> {
  const rows = (await sql<{ user_id: string }>`insert into record_shares (workspace_id, object, record_id, user_id, access, expires_at, created_by, created_at)
    select distinct on (user_id) workspace_id, object, ${to}::uuid, user_id, access, expires_at, created_by, ${ctx.now}::timestamptz from record_shares
    where workspace_id = ${ctx.auth.workspaceId}::uuid and object = ${object} and record_id = any(${from}::uuid[])
    order by user_id, access desc on conflict do nothing returning user_id`.execute(ctx.trx)).rows;
  return rows.map((r) => ({ kind: 'share', object, record_id: to, field: r.user_id, old_value: null }));
}

/** External ids (of imports) follow the record they now mean. */
export async function moveExternalIds(ctx: RecordCtx, object: string, from: string[], to: string): Promise<Move[]> {
  const rows = (await sql<{ external_id: string; old: string }>`update external_ids e set record_id = ${to}::uuid
    from (select external_id, record_id from external_ids where workspace_id = ${ctx.auth.workspaceId}::uuid and object = ${object}
      and record_id = any(${from}::uuid[])) old
    where e.workspace_id = ${ctx.auth.workspaceId}::uuid and e.object = ${object} and e.external_id = old.external_id
    returning e.external_id, old.record_id as old`.execute(ctx.trx)).rows;
  return rows.map((r) => ({ kind: 'externalId', object, record_id: to, field: r.external_id, old_value: r.old }));
}

/** Files attached to the merged-away records now hang on the survivor (and go back on undo). */
export async function moveAttachments(ctx: RecordCtx, object: string, from: string[], to: string): Promise<Move[]> {
  const rows = (await sql<{ id: string; old: string }>`update attachments a set record_id = ${to}::uuid
    from (select id, record_id from attachments where workspace_id = ${ctx.auth.workspaceId}::uuid and object = ${object}
      and record_id = any(${from}::uuid[])) old
    where a.workspace_id = ${ctx.auth.workspaceId}::uuid and a.id = old.id returning a.id, old.record_id as old`.execute(ctx.trx)).rows;
  return rows.map((r) => ({ kind: 'attachment', object, record_id: r.id, field: null, old_value: r.old }));
}
