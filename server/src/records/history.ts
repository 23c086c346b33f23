import type { RecordCtx } from './record-context.js';
import { newId } from '../platform/ids.js';

export interface Change { field: string; old: unknown; new: unknown }

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v instanceof Date ? v.toISOString() : v));

/** Field-level history, written in the same transaction as the change it records. */
export async function writeHistory(ctx: RecordCtx, object: string, recordId: string, op: string, changes: Change[]): Promise<void> {
  const rows = (changes.length ? changes : [{ field: null, old: null, new: null }]).map((c) => ({
    workspace_id: ctx.auth.workspaceId, id: newId(), object, record_id: recordId, op, field: c.field,
    old_value: json(c.old), new_value: json(c.new), actor_id: ctx.auth.userId, tx_id: ctx.txId, at: ctx.now,
  }));
  await ctx.trx.insertInto('record_history').values(rows).execute();
}
