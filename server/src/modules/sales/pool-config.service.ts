import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Org } from '../../platform/org.service.js';
import { departmentsAbove, iso } from './sales-common.js';

export interface ReclaimRule {
  /** Customer level the rule is for; null for every level without a rule of its own. */
  level: string | null;
  noFollowUpDays?: number | null;
  noOpportunityDays?: number | null;
  noDealDays?: number | null;
}

export interface PoolInput {
  name?: string;
  departmentIds?: string[];
  adminIds?: string[];
  rules?: ReclaimRule[];
  warnDays?: number;
  claimDailyCap?: number | null;
  cooldownDays?: number;
  skipWithDeals?: boolean;
  position?: number;
  active?: boolean;
}

export interface Pool extends Required<Omit<PoolInput, 'claimDailyCap'>> { id: string; claimDailyCap: number | null; createdAt: string | null; updatedAt: string | null }

export function toPool(r: Record<string, any>): Pool {
  return {
    id: r.id, name: r.name, departmentIds: r.department_ids ?? [], adminIds: r.admin_ids ?? [], rules: r.rules ?? [],
    warnDays: r.warn_days, claimDailyCap: r.claim_daily_cap, cooldownDays: r.cooldown_days, skipWithDeals: r.skip_with_deals,
    position: r.position, active: r.active, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

/** Departments and admins must exist; each level has at most one rule, and a rule names at least one limit. */
async function checkPool(trx: Trx, ws: string, org: Org, p: PoolInput, levels: Set<string>): Promise<void> {
  const issues: FieldIssue[] = [];
  if (p.departmentIds?.length) {
    const found = await trx.selectFrom('departments').select('id').where('workspace_id', '=', ws).where('id', 'in', p.departmentIds).execute();
    p.departmentIds.forEach((d, i) => { if (!found.some((f) => f.id === d)) issues.push({ field: `departmentIds.${i}`, code: 'field.notFound' }); });
  }
  p.adminIds?.forEach((u, i) => { if (!org.users.get(u)?.active) issues.push({ field: `adminIds.${i}`, code: 'field.notFound' }); });
  const seen = new Set<string>();
  p.rules?.forEach((r, i) => {
    const key = r.level ?? '*';
    if (r.level !== null && !levels.has(r.level)) issues.push({ field: `rules.${i}.level`, code: 'field.option', params: { value: r.level } });
    if (seen.has(key)) issues.push({ field: `rules.${i}.level`, code: 'sales.pool.duplicateRule' });
    seen.add(key);
    if (!r.noFollowUpDays && !r.noOpportunityDays && !r.noDealDays) issues.push({ field: `rules.${i}`, code: 'sales.pool.emptyRule' });
  });
  if (issues.length) throw invalid(issues);
}

export async function createPool(trx: Trx, ws: string, org: Org, p: PoolInput, levels: Set<string>): Promise<Pool> {
  await checkPool(trx, ws, org, p, levels);
  const row = await trx.insertInto('sales_pools').values({
    workspace_id: ws, id: newId(), name: p.name!, department_ids: p.departmentIds ?? [], admin_ids: p.adminIds ?? [],
    rules: JSON.stringify(p.rules ?? []), warn_days: p.warnDays ?? 0, claim_daily_cap: p.claimDailyCap ?? null,
    cooldown_days: p.cooldownDays ?? 0, skip_with_deals: p.skipWithDeals ?? false, position: p.position ?? 0, active: p.active ?? true,
  }).returningAll().executeTakeFirstOrThrow();
  return toPool(row);
}

export async function updatePool(trx: Trx, ws: string, org: Org, id: string, p: PoolInput, levels: Set<string>): Promise<Pool> {
  await loadPool(trx, ws, id);
  await checkPool(trx, ws, org, p, levels);
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (p.name !== undefined) set.name = p.name;
  if (p.departmentIds !== undefined) set.department_ids = p.departmentIds;
  if (p.adminIds !== undefined) set.admin_ids = p.adminIds;
  if (p.rules !== undefined) set.rules = JSON.stringify(p.rules);
  if (p.warnDays !== undefined) set.warn_days = p.warnDays;
  if (p.claimDailyCap !== undefined) set.claim_daily_cap = p.claimDailyCap;
  if (p.cooldownDays !== undefined) set.cooldown_days = p.cooldownDays;
  if (p.skipWithDeals !== undefined) set.skip_with_deals = p.skipWithDeals;
  if (p.position !== undefined) set.position = p.position;
  if (p.active !== undefined) set.active = p.active;
  const row = await trx.updateTable('sales_pools').set(set).where('workspace_id', '=', ws).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return toPool(row);
}

/** Only an empty pool can go: its customers would otherwise belong to no one and nowhere. */
export async function deletePool(trx: Trx, ws: string, id: string): Promise<void> {
  await loadPool(trx, ws, id);
  const used = await sql`select 1 from accounts where workspace_id = ${ws}::uuid and pool_id = ${id}::uuid limit 1`.execute(trx);
  if (used.rows.length) throw new AppError(409, 'sales.pool.notEmpty');
  await trx.deleteFrom('sales_pools').where('workspace_id', '=', ws).where('id', '=', id).execute();
}

export async function loadPool(trx: Trx, ws: string, id: string): Promise<Pool> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const row = await trx.selectFrom('sales_pools').selectAll().where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toPool(row);
}

export async function listPools(trx: Trx, ws: string): Promise<Pool[]> {
  const rows = await trx.selectFrom('sales_pools').selectAll().where('workspace_id', '=', ws).orderBy('position').orderBy('created_at').execute();
  return rows.map(toPool);
}

export function isPoolMember(pool: Pool, org: Org, userId: string): boolean {
  const depts = departmentsAbove(org, userId);
  return pool.departmentIds.some((d) => depts.includes(d));
}

export function isPoolAdmin(pool: Pool, userId: string, isAdmin: boolean): boolean {
  return isAdmin || pool.adminIds.includes(userId);
}

/** The pool a rep's customers fall back to: the first active pool covering their department. */
export function poolForUser(pools: Pool[], org: Org, userId: string): Pool | null {
  return pools.find((p) => p.active && isPoolMember(p, org, userId)) ?? null;
}
