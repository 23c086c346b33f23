import { sql } from 'kysely';
import { AppError, forbidden } from '../../platform/errors.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { applyUpdate } from '../../records/record-write.service.js';
import { loadRow } from '../../records/record-read.service.js';
import { relativeRange } from '../../records/relative-dates.js';
import { changeAccountOwner } from './accounts-owner.service.js';
import { isPoolAdmin, isPoolMember, listPools, loadPool, poolForUser, type Pool } from './pool-config.service.js';
import { assertLockedCap } from './sales-settings.service.js';
import { DAY_MS, xactLock } from './sales-common.js';

/** A pool customer the caller can see, locked for the change. */
async function loadPooled(ctx: RecordCtx, id: string): Promise<{ row: Record<string, any>; pool: Pool }> {
  const row = await loadRow(ctx, objectOf(ctx, 'accounts'), id, 'read', { forUpdate: true });
  if (row.owner_id !== null || row.pool_id === null) throw new AppError(409, 'sales.pool.notInPool');
  return { row, pool: await loadPool(ctx.trx, ctx.auth.workspaceId, row.pool_id) };
}

async function claimsToday(ctx: RecordCtx, poolId: string): Promise<number> {
  const [from] = relativeRange('today', ctx.auth.timeZone, ctx.now);
  const r = await sql<{ n: number }>`select count(*)::int as n from account_owner_log where workspace_id = ${ctx.auth.workspaceId}::uuid
    and to_owner_id = ${ctx.auth.userId}::uuid and action = 'claim' and pool_id = ${poolId}::uuid and at >= ${from}::timestamptz`.execute(ctx.trx);
  return r.rows[0].n;
}

/** The previous owner waits out the pool's cooldown before taking back a customer they released or lost. */
async function assertCooledDown(ctx: RecordCtx, accountId: string, pool: Pool): Promise<void> {
  if (pool.cooldownDays <= 0) return;
  const last = await ctx.trx.selectFrom('account_owner_log').select(['from_owner_id', 'at']).where('workspace_id', '=', ctx.auth.workspaceId)
    .where('account_id', '=', accountId).where('action', 'in', ['release', 'reclaim']).orderBy('at', 'desc').limit(1).executeTakeFirst();
  if (last?.from_owner_id !== ctx.auth.userId) return;
  const until = new Date(new Date(last.at).getTime() + pool.cooldownDays * DAY_MS);
  if (until > ctx.now) throw new AppError(409, 'sales.pool.cooldown', { until: until.toISOString() });
}

export async function claimAccount(ctx: RecordCtx, id: string) {
  const { row, pool } = await loadPooled(ctx, id);
  if (!isPoolMember(pool, ctx.org, ctx.auth.userId) && !isPoolAdmin(pool, ctx.auth.userId, false)) throw forbidden('sales.pool.notMember');
  await assertCooledDown(ctx, id, pool);
  if (pool.claimDailyCap !== null) {
    await xactLock(ctx.trx, `claim:${ctx.auth.workspaceId}:${ctx.auth.userId}`);
    if (await claimsToday(ctx, pool.id) >= pool.claimDailyCap) throw new AppError(409, 'sales.pool.claimCap', { max: pool.claimDailyCap });
  }
  return changeAccountOwner(ctx, row, { ownerId: ctx.auth.userId, poolId: null, action: 'claim' });
}

export async function assignAccount(ctx: RecordCtx, id: string, ownerId: string) {
  const { row, pool } = await loadPooled(ctx, id);
  if (!isPoolAdmin(pool, ctx.auth.userId, ctx.auth.access.isAdmin)) throw forbidden('sales.pool.notAdmin');
  if (!ctx.org.users.get(ownerId)?.active) throw new AppError(422, 'error.validation', {}, [{ field: 'ownerId', code: 'field.notFound' }]);
  return changeAccountOwner(ctx, row, { ownerId, poolId: null, action: 'assign' });
}

/** An owned customer the caller may change, locked; a pool customer is a conflict, not a permission matter. */
async function loadOwned(ctx: RecordCtx, id: string): Promise<Record<string, any>> {
  const obj = objectOf(ctx, 'accounts');
  const row = await loadRow(ctx, obj, id, 'read', { forUpdate: true });
  if (row.owner_id === null) throw new AppError(409, 'sales.pool.alreadyInPool');
  return loadRow(ctx, obj, id, 'update');
}

/** Back to the pool the owner belongs to (or the one named), with the reason on record. */
export async function releaseAccount(ctx: RecordCtx, id: string, reason: string, poolId?: string) {
  if (!reason.trim()) throw new AppError(422, 'error.validation', {}, [{ field: 'reason', code: 'field.required' }]);
  const row = await loadOwned(ctx, id);
  const pools = await listPools(ctx.trx, ctx.auth.workspaceId);
  const pool = poolId ? pools.find((p) => p.id === poolId && p.active) : poolForUser(pools, ctx.org, row.owner_id);
  if (!pool) throw poolId ? new AppError(422, 'error.validation', {}, [{ field: 'poolId', code: 'field.notFound' }]) : new AppError(409, 'sales.pool.none');
  return changeAccountOwner(ctx, row, { ownerId: null, poolId: pool.id, action: 'release', reason });
}

/** Locked customers are never reclaimed; each owner may hold only so many. */
export async function setAccountLock(ctx: RecordCtx, id: string, locked: boolean) {
  const obj = objectOf(ctx, 'accounts');
  const row = await loadOwned(ctx, id);
  if (row.locked === locked) return applyUpdate(ctx, obj, row, { columns: {}, byField: {}, custom: {} });
  if (locked) await assertLockedCap(ctx.trx, ctx.auth.workspaceId, row.owner_id);
  const at = locked ? ctx.now : null;
  return applyUpdate(ctx, obj, row, { columns: { locked, locked_at: at }, byField: { locked, lockedAt: at ? at.toISOString() : null }, custom: {} });
}

/** The owner-change log of a customer the caller can see, newest first. */
export async function ownerLog(ctx: RecordCtx, id: string) {
  await loadRow(ctx, objectOf(ctx, 'accounts'), id, 'read');
  const rows = await ctx.trx.selectFrom('account_owner_log').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('account_id', '=', id).orderBy('at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id, action: r.action, fromOwnerId: r.from_owner_id, toOwnerId: r.to_owner_id, poolId: r.pool_id,
    reason: r.reason, actorId: r.actor_id, at: new Date(r.at).toISOString(),
  }));
}

