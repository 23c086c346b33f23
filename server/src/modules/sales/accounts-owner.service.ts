import { sql } from 'kysely';
import type { RecordCtx } from '../../records/record-context.js';
import { objectOf } from '../../records/record-context.js';
import { applyUpdate } from '../../records/record-write.service.js';
import { newId } from '../../platform/ids.js';

export type OwnerAction = 'claim' | 'release' | 'assign' | 'reclaim' | 'transfer';

export interface OwnerChange {
  ownerId: string | null;
  poolId: string | null;
  action: OwnerAction;
  reason?: string | null;
}

const isSystem = (ctx: RecordCtx) => !ctx.org.users.has(ctx.auth.userId);

/** Writes one line of the customer's owner-change log; pool_id is the pool entered, or the one left. */
export async function logOwnerChange(ctx: RecordCtx, accountId: string, from: string | null, c: OwnerChange, fromPool: string | null = null): Promise<void> {
  await ctx.trx.insertInto('account_owner_log').values({
    workspace_id: ctx.auth.workspaceId, id: newId(), account_id: accountId, action: c.action, from_owner_id: from,
    to_owner_id: c.ownerId, pool_id: c.poolId ?? fromPool, reason: c.reason ?? null, actor_id: isSystem(ctx) ? null : ctx.auth.userId, at: ctx.now,
  }).execute();
}

/**
 * Moves a customer (row already loaded and locked by the caller) to a new owner or into a pool through the
 * records pipeline, so history, outbox and hooks see the change; its contacts go with it, and the owner log
 * gets a line.
 */
export async function changeAccountOwner(ctx: RecordCtx, before: Record<string, any>, c: OwnerChange) {
  const obj = objectOf(ctx, 'accounts');
  const columns: Record<string, unknown> = { owner_id: c.ownerId, pool_id: c.poolId };
  const byField: Record<string, unknown> = { poolId: c.poolId };
  if (before.locked) { columns.locked = false; columns.locked_at = null; byField.locked = false; byField.lockedAt = null; }
  const saved = await applyUpdate(ctx, obj, before, { columns, byField, custom: {} });
  await moveContacts(ctx, before.id, before.owner_id ?? null, c.ownerId);
  await logOwnerChange(ctx, before.id, before.owner_id ?? null, c, before.pool_id ?? null);
  await ctx.trx.deleteFrom('sales_reclaim_warnings').where('workspace_id', '=', ctx.auth.workspaceId).where('account_id', '=', before.id).execute();
  return saved;
}

/** Contacts that belonged with the customer (same previous owner, or none while pooled) follow it. */
async function moveContacts(ctx: RecordCtx, accountId: string, from: string | null, to: string | null): Promise<void> {
  const obj = objectOf(ctx, 'contacts');
  const owned = from === null ? sql`owner_id is null` : sql`owner_id = ${from}::uuid`;
  const rows = await sql<Record<string, any>>`select * from contacts where workspace_id = ${ctx.auth.workspaceId}::uuid
    and account_id = ${accountId}::uuid and deleted_at is null and ${owned} for update`.execute(ctx.trx);
  for (const row of rows.rows) {
    await applyUpdate(ctx, obj, row, { columns: { owner_id: to }, byField: {}, custom: {} });
  }
}
