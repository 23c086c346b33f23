import { sql } from 'kysely';
import type { ObjectDef } from '../../metadata/types.js';
import { rowToRecord, tableOf } from '../../records/columns.js';
import { writeHistory } from '../../records/history.js';
import { deleteMany } from '../../records/record-batch.service.js';
import { getRecord, loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { restoreRecord, updateRecord } from '../../records/record-write.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { addOutboxEvent } from '../events/outbox.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { copyShares, incomingLinks, moveAttachments, moveExternalIds, moveHistory, relink, type Move } from './merge-moves.js';

export interface MergeBody {
  object: string;
  survivorId: string;
  mergedIds: string[];
  /** field → id of the record (survivor or merged) whose value the survivor keeps; unlisted fields keep the survivor's. */
  values?: Record<string, string>;
}

export const MAX_MERGE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkBody(b: MergeBody): void {
  const ids = [b.survivorId, ...b.mergedIds];
  if (b.mergedIds.length < 1 || ids.length > MAX_MERGE) throw new AppError(422, 'merge.count', { max: MAX_MERGE });
  if (!ids.every((id) => UUID.test(id)) || new Set(ids).size !== ids.length) throw new AppError(422, 'merge.ids');
  for (const [f, src] of Object.entries(b.values ?? {})) {
    if (!ids.includes(src)) throw new AppError(422, 'error.validation', {}, [{ field: `values.${f}`, code: 'merge.badSource' }]);
  }
}

/** The survivor's new values: for each chosen field, the value the chosen record holds. */
function chosenValues(obj: ObjectDef, rows: Map<string, Record<string, any>>, b: MergeBody): Record<string, unknown> {
  const survivor = rowToRecord(obj, rows.get(b.survivorId)!);
  const body: Record<string, unknown> = {};
  for (const [field, src] of Object.entries(b.values ?? {})) {
    if (src === b.survivorId) continue;
    const v = rowToRecord(obj, rows.get(src)!)[field];
    if (JSON.stringify(v ?? null) !== JSON.stringify(survivor[field] ?? null)) body[field] = v ?? null;
  }
  return body;
}

async function saveMerge(ctx: RecordCtx, obj: ObjectDef, b: MergeBody, before: Record<string, unknown>, after: Record<string, unknown>, moves: Move[]): Promise<string> {
  const id = newId();
  const ws = ctx.auth.workspaceId;
  await ctx.trx.insertInto('record_merges').values({
    workspace_id: ws, id, object: obj.apiName, survivor_id: b.survivorId, merged_ids: b.mergedIds,
    survivor_before: JSON.stringify(before), survivor_after: JSON.stringify(after), created_by: ctx.auth.userId,
  }).execute();
  for (let i = 0; i < moves.length; i += 2000) {
    await sql`insert into record_merge_moves (workspace_id, merge_id, seq, kind, object, record_id, field, old_value)
      select ${ws}::uuid, ${id}::uuid, ${i}::int + m.ord::int, m.kind, m.object, m.record_id, m.field, m.old_value
      from jsonb_to_recordset(${JSON.stringify(moves.slice(i, i + 2000).map((m, ord) => ({ ...m, ord })))}::jsonb)
        as m(ord int, kind text, object text, record_id uuid, field text, old_value text)`.execute(ctx.trx);
  }
  return id;
}

/**
 * Merges 2..10 records of one object into the survivor: the chosen field values are written to it
 * through the pipeline, records linked to the others are re-linked to it, their history, shares and
 * external ids move to it, and the others go to the recycle bin. Everything moved is kept, so the merge
 * can be undone while they are still there. Requires update on the survivor and delete on the others.
 */
export async function mergeRecords(ctx: RecordCtx, b: MergeBody) {
  checkBody(b);
  const obj = objectOf(ctx, b.object);
  const rows = new Map<string, Record<string, any>>([[b.survivorId, await loadRow(ctx, obj, b.survivorId, 'update', { forUpdate: true })]]);
  for (const id of b.mergedIds) rows.set(id, await loadRow(ctx, obj, id, 'delete', { forUpdate: true }));
  const body = chosenValues(obj, rows, b);
  const survivorRec = rowToRecord(obj, rows.get(b.survivorId)!);
  const before = Object.fromEntries(Object.keys(body).map((k) => [k, survivorRec[k] ?? null]));
  const updated = Object.keys(body).length ? await updateRecord(ctx, obj.apiName, b.survivorId, body) : null;
  const moves: Move[] = [];
  for (const link of incomingLinks(ctx, obj.apiName)) moves.push(...await relink(ctx, link.obj, link.field, b.mergedIds, b.survivorId));
  moves.push(...await moveHistory(ctx, obj.apiName, b.mergedIds, b.survivorId));
  moves.push(...await copyShares(ctx, obj.apiName, b.mergedIds, b.survivorId));
  moves.push(...await moveExternalIds(ctx, obj.apiName, b.mergedIds, b.survivorId));
  moves.push(...await moveAttachments(ctx, obj.apiName, b.mergedIds, b.survivorId));
  const deleted = await deleteMany(ctx, obj.apiName, b.mergedIds);
  if (deleted.length !== b.mergedIds.length) throw forbidden();
  const after = Object.fromEntries(Object.keys(body).map((k) => [k, updated?.[k] ?? null]));
  const id = await saveMerge(ctx, obj, b, before, after, moves);
  await writeHistory(ctx, obj.apiName, b.survivorId, 'merge', [{ field: '*', old: null, new: { mergeId: id, mergedIds: b.mergedIds } }]);
  await addOutboxEvent(ctx.trx, { workspaceId: ctx.auth.workspaceId, object: obj.apiName, recordId: b.survivorId, event: `${obj.apiName}.merged`, payload: { mergeId: id, survivorId: b.survivorId, mergedIds: b.mergedIds }, actorId: ctx.auth.userId });
  await recordAudit(ctx.trx, { workspaceId: ctx.auth.workspaceId, actorId: ctx.auth.userId, event: 'records.merged', ip: ctx.auth.ip, detail: { mergeId: id, object: obj.apiName, survivorId: b.survivorId, mergedIds: b.mergedIds, fields: Object.keys(body), moved: moves.length } });
  return { id, record: await getRecord(ctx, obj.apiName, b.survivorId) };
}

export async function loadMerge(ctx: RecordCtx, id: string) {
  if (!UUID.test(id)) throw notFound();
  const m = await ctx.trx.selectFrom('record_merges').selectAll().where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound();
  await loadRow(ctx, objectOf(ctx, m.object), m.survivor_id, 'read');
  return m;
}

export function mergeView(m: Record<string, any>) {
  return {
    id: m.id, object: m.object, survivorId: m.survivor_id, mergedIds: m.merged_ids, fields: Object.keys(m.survivor_before ?? {}),
    createdBy: m.created_by, createdAt: new Date(m.created_at).toISOString(), undoneAt: m.undone_at ? new Date(m.undone_at).toISOString() : null,
  };
}

/** Puts back what a merge moved: relations (still pointing at the survivor), history, attachments, shares, external ids. */
async function reverseMoves(ctx: RecordCtx, m: Record<string, any>): Promise<void> {
  const ws = ctx.auth.workspaceId;
  const moves = await ctx.trx.selectFrom('record_merge_moves').selectAll().where('workspace_id', '=', ws).where('merge_id', '=', m.id).orderBy('seq').execute();
  for (const link of incomingLinks(ctx, m.object)) {
    const mine = moves.filter((x) => x.kind === 'relation' && x.object === link.obj.apiName && x.field === link.field.apiName);
    const back = new Map(mine.map((x) => [x.record_id as string, x.old_value as string]));
    if (mine.length) await relink(ctx, link.obj, link.field, [m.survivor_id], (id) => back.get(id)!, [...back.keys()]);
  }
  const hist = moves.filter((x) => x.kind === 'history');
  await sql`update record_history h set record_id = x.old::uuid from jsonb_to_recordset(${JSON.stringify(hist.map((x) => ({ id: x.record_id, old: x.old_value })))}::jsonb) as x(id uuid, old text)
    where h.workspace_id = ${ws}::uuid and h.id = x.id`.execute(ctx.trx);
  const shares = moves.filter((x) => x.kind === 'share').map((x) => x.field as string);
  if (shares.length) {
    await sql`delete from record_shares where workspace_id = ${ws}::uuid and object = ${m.object} and record_id = ${m.survivor_id}::uuid
      and user_id = any(${shares}::uuid[])`.execute(ctx.trx);
  }
  const files = moves.filter((x) => x.kind === 'attachment');
  await sql`update attachments a set record_id = x.old::uuid from jsonb_to_recordset(${JSON.stringify(files.map((x) => ({ id: x.record_id, old: x.old_value })))}::jsonb) as x(id uuid, old text)
    where a.workspace_id = ${ws}::uuid and a.id = x.id`.execute(ctx.trx);
  for (const x of moves.filter((y) => y.kind === 'externalId')) {
    await sql`update external_ids set record_id = ${x.old_value}::uuid where workspace_id = ${ws}::uuid and object = ${m.object}
      and external_id = ${x.field} and record_id = ${m.survivor_id}::uuid`.execute(ctx.trx);
  }
}

/** Undoes a merge while the merged-away records are still in the recycle bin. */
export async function undoMerge(ctx: RecordCtx, id: string) {
  const m = await loadMerge(ctx, id);
  if (m.undone_at) throw new AppError(409, 'merge.alreadyUndone');
  const obj = objectOf(ctx, m.object);
  const present = await sql<{ id: string }>`select id from ${sql.table(tableOf(obj))} where workspace_id = ${ctx.auth.workspaceId}::uuid
    and id = any(${m.merged_ids}::uuid[]) and deleted_at is not null`.execute(ctx.trx);
  if (present.rows.length !== m.merged_ids.length) throw new AppError(409, 'merge.expired');
  for (const mid of m.merged_ids as string[]) await restoreRecord(ctx, obj.apiName, mid);
  await reverseMoves(ctx, m);
  const current = rowToRecord(obj, await loadRow(ctx, obj, m.survivor_id, 'update', { forUpdate: true }));
  const restore = Object.fromEntries(Object.entries(m.survivor_before ?? {})
    .filter(([k]) => JSON.stringify(current[k] ?? null) === JSON.stringify((m.survivor_after ?? {})[k] ?? null)));
  if (Object.keys(restore).length) await updateRecord(ctx, obj.apiName, m.survivor_id, restore);
  await ctx.trx.updateTable('record_merges').set({ undone_at: ctx.now, undone_by: ctx.auth.userId }).where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).execute();
  await writeHistory(ctx, obj.apiName, m.survivor_id, 'unmerge', [{ field: '*', old: { mergeId: id }, new: null }]);
  await recordAudit(ctx.trx, { workspaceId: ctx.auth.workspaceId, actorId: ctx.auth.userId, event: 'records.mergeUndone', ip: ctx.auth.ip, detail: { mergeId: id, object: obj.apiName } });
  const records = [];
  for (const rid of [m.survivor_id, ...m.merged_ids] as string[]) records.push(await getRecord(ctx, obj.apiName, rid));
  return { ...mergeView({ ...m, undone_at: ctx.now }), records };
}
