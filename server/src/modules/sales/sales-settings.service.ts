import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { xactLock } from './sales-common.js';

export interface SalesSettings { maxOwnedAccounts: number | null; maxLockedAccounts: number | null }
export interface RepLimits { maxOwnedAccounts: number | null; maxLockedAccounts: number | null }

export async function getSalesSettings(trx: Trx, ws: string): Promise<SalesSettings> {
  const r = await trx.selectFrom('sales_settings').selectAll().where('workspace_id', '=', ws).executeTakeFirst();
  return { maxOwnedAccounts: r?.max_owned_accounts ?? null, maxLockedAccounts: r?.max_locked_accounts ?? null };
}

export async function putSalesSettings(trx: Trx, ws: string, s: SalesSettings): Promise<SalesSettings> {
  await trx.insertInto('sales_settings')
    .values({ workspace_id: ws, max_owned_accounts: s.maxOwnedAccounts, max_locked_accounts: s.maxLockedAccounts, updated_at: new Date() })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ max_owned_accounts: s.maxOwnedAccounts, max_locked_accounts: s.maxLockedAccounts, updated_at: new Date() }))
    .execute();
  return s;
}

export async function getRepLimits(trx: Trx, ws: string, userId: string): Promise<RepLimits> {
  const r = await trx.selectFrom('sales_rep_limits').selectAll().where('workspace_id', '=', ws).where('user_id', '=', userId).executeTakeFirst();
  return { maxOwnedAccounts: r?.max_owned_accounts ?? null, maxLockedAccounts: r?.max_locked_accounts ?? null };
}

export async function putRepLimits(trx: Trx, ws: string, userId: string, l: RepLimits): Promise<RepLimits> {
  await trx.insertInto('sales_rep_limits')
    .values({ workspace_id: ws, user_id: userId, max_owned_accounts: l.maxOwnedAccounts, max_locked_accounts: l.maxLockedAccounts })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ max_owned_accounts: l.maxOwnedAccounts, max_locked_accounts: l.maxLockedAccounts }))
    .execute();
  return l;
}

/** A rep's own limit when one is set, else the workspace's; null means no limit. One round trip: it runs on every create. */
async function effectiveLimits(trx: Trx, ws: string, userId: string): Promise<RepLimits> {
  const r = await sql<{ owned: number | null; locked: number | null }>`select
      coalesce((select max_owned_accounts from sales_rep_limits where workspace_id = ${ws}::uuid and user_id = ${userId}::uuid),
        (select max_owned_accounts from sales_settings where workspace_id = ${ws}::uuid)) as owned,
      coalesce((select max_locked_accounts from sales_rep_limits where workspace_id = ${ws}::uuid and user_id = ${userId}::uuid),
        (select max_locked_accounts from sales_settings where workspace_id = ${ws}::uuid)) as locked`.execute(trx);
  return { maxOwnedAccounts: r.rows[0]?.owned ?? null, maxLockedAccounts: r.rows[0]?.locked ?? null };
}

/** Refuses to give a rep one more customer than their cap allows. */
export async function assertOwnedCap(trx: Trx, ws: string, ownerId: string): Promise<void> {
  const { maxOwnedAccounts: max } = await effectiveLimits(trx, ws, ownerId);
  if (max === null) return;
  await xactLock(trx, `owned:${ws}:${ownerId}`);
  const r = await sql<{ n: number }>`select count(*)::int as n from accounts where workspace_id = ${ws}::uuid
    and owner_id = ${ownerId}::uuid and deleted_at is null`.execute(trx);
  if (r.rows[0].n + 1 > max) throw new AppError(409, 'sales.cap.owned', { max });
}

/** Refuses to lock one more customer than the owner's cap on locked customers allows. */
export async function assertLockedCap(trx: Trx, ws: string, ownerId: string): Promise<void> {
  const { maxLockedAccounts: max } = await effectiveLimits(trx, ws, ownerId);
  if (max === null) return;
  await xactLock(trx, `locked:${ws}:${ownerId}`);
  const r = await sql<{ n: number }>`select count(*)::int as n from accounts where workspace_id = ${ws}::uuid
    and owner_id = ${ownerId}::uuid and locked and deleted_at is null`.execute(trx);
  if (r.rows[0].n + 1 > max) throw new AppError(409, 'sales.cap.locked', { max });
}
