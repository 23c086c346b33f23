import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { addOutboxEvent } from '../../platform/events/outbox.js';
import { deliverReminders } from '../../platform/notifications/reminders.job.js';
import { runAsSystem } from '../../platform/jobs/system-context.js';
import type { RecordCtx } from '../../records/record-context.js';
import { changeAccountOwner } from './accounts-owner.service.js';
import { listPools, poolForUser, type Pool } from './pool-config.service.js';
import { isoDay } from './finance-time.js';
import { reclaimDueAt, reclaimState, type ReclaimLimit, type ReclaimState } from './pool-rules.js';
import { DAY_MS } from './sales-common.js';

export interface ReclaimPlanItem {
  accountId: string;
  name: string;
  ownerId: string;
  poolId: string;
  dueAt: Date;
  limit: ReclaimLimit;
  days: number;
  state: ReclaimState;
}

/** Owners whose customers a pool's rules govern: those for whom it is the first active pool covering them. */
function ownersOf(pool: Pool, pools: Pool[], ctx: RecordCtx, only?: string): string[] {
  const ids = only ? [only] : [...ctx.org.users.keys()];
  return ids.filter((u) => poolForUser(pools, ctx.org, u)?.id === pool.id);
}

/** Every owned, unlocked customer with a reclaim date under its pool's rules, as of ctx.now. */
export async function reclaimPlan(ctx: RecordCtx, pools: Pool[], ownerId?: string): Promise<ReclaimPlanItem[]> {
  const out: ReclaimPlanItem[] = [];
  for (const pool of pools.filter((p) => p.active && p.rules.length > 0)) {
    const owners = ownersOf(pool, pools, ctx, ownerId);
    if (owners.length === 0) continue;
    const deals = pool.skipWithDeals ? sql`and a.deal_status <> 'won'` : sql``;
    const rows = await sql<Record<string, any>>`select a.id, a.name, a.owner_id, a.level, coalesce(a.owner_since, a.created_at) as since,
        a.last_contact_at, a.last_deal_at,
        (select max(o.created_at) from opportunities o where o.workspace_id = a.workspace_id and o.account_id = a.id and o.deleted_at is null) as last_opp_at
      from accounts a where a.workspace_id = ${ctx.auth.workspaceId}::uuid and a.deleted_at is null and not a.locked
        and a.owner_id = any(${owners}::uuid[]) ${deals}`.execute(ctx.trx);
    for (const r of rows.rows) {
      const due = reclaimDueAt(pool.rules, {
        level: r.level, ownerSince: new Date(r.since), lastContactAt: r.last_contact_at && new Date(r.last_contact_at),
        lastOpportunityAt: r.last_opp_at && new Date(r.last_opp_at), lastDealAt: r.last_deal_at && new Date(r.last_deal_at),
      });
      if (!due) continue;
      out.push({ accountId: r.id, name: r.name, ownerId: r.owner_id, poolId: pool.id, dueAt: due.at, limit: due.limit, days: due.days,
        state: reclaimState(due.at, ctx.now, pool.warnDays) });
    }
  }
  return out;
}

async function reclaimOne(ctx: RecordCtx, item: ReclaimPlanItem, poolName: string): Promise<boolean> {
  const res = await sql<Record<string, any>>`select * from accounts where workspace_id = ${ctx.auth.workspaceId}::uuid
    and id = ${item.accountId}::uuid and deleted_at is null for update skip locked`.execute(ctx.trx);
  const row = res.rows[0];
  if (!row || row.owner_id !== item.ownerId || row.locked) return false;
  await changeAccountOwner(ctx, row, { ownerId: null, poolId: item.poolId, action: 'reclaim', reason: `${item.limit}:${item.days}` });
  await deliverReminders(ctx, [{
    userId: item.ownerId, kind: 'sales.reclaimed', object: 'accounts', recordId: item.accountId, params: { name: item.name, poolName },
    dedupeKey: `sales.reclaimed:${item.accountId}:${isoDay(ctx.now, ctx.auth.timeZone)}`,
  }]);
  return true;
}

async function warnOne(ctx: RecordCtx, item: ReclaimPlanItem): Promise<boolean> {
  const ins = await sql`insert into sales_reclaim_warnings (workspace_id, account_id, owner_id, reclaim_at, warned_at)
    values (${ctx.auth.workspaceId}::uuid, ${item.accountId}::uuid, ${item.ownerId}::uuid, ${item.dueAt}::timestamptz, ${ctx.now}::timestamptz)
    on conflict do nothing returning account_id`.execute(ctx.trx);
  if (ins.rows.length === 0) return false;
  await deliverReminders(ctx, [{
    userId: item.ownerId, kind: 'sales.reclaimWarning', object: 'accounts', recordId: item.accountId,
    params: { name: item.name, reclaimDate: isoDay(item.dueAt, ctx.auth.timeZone), daysLeft: Math.ceil((item.dueAt.getTime() - ctx.now.getTime()) / DAY_MS) },
    dedupeKey: `sales.reclaimWarning:${item.accountId}:${item.dueAt.toISOString()}`,
  }]);
  await addOutboxEvent(ctx.trx, {
    workspaceId: ctx.auth.workspaceId, object: 'accounts', recordId: item.accountId, event: 'accounts.reclaimWarning',
    payload: { accountId: item.accountId, name: item.name, ownerId: item.ownerId, poolId: item.poolId, reclaimAt: item.dueAt.toISOString() }, actorId: null,
  });
  return true;
}

/**
 * The nightly pool job for one workspace, as of `now` (tests pass a simulated clock): customers past their
 * deadline go back to their pool, each change in history and the owner log, and their previous owners are
 * notified; owners of customers inside the warning window get one warning (an outbox event and an in-app
 * notification) per reclaim date. Locked customers are never touched.
 */
export async function runPoolReclaim(db: Database, workspaceId: string, now: Date): Promise<{ reclaimed: string[]; warned: string[] }> {
  return runAsSystem(db, workspaceId, async (ctx) => {
    const pools = await listPools(ctx.trx, workspaceId);
    const plan = await reclaimPlan(ctx, pools);
    const reclaimed: string[] = [];
    const warned: string[] = [];
    for (const item of plan) {
      if (item.state === 'reclaim' && await reclaimOne(ctx, item, pools.find((p) => p.id === item.poolId)?.name ?? '')) reclaimed.push(item.accountId);
      else if (item.state === 'warn' && await warnOne(ctx, item)) warned.push(item.accountId);
    }
    return { reclaimed, warned };
  }, { now });
}

/** Every workspace in turn; what the scheduled job runs. */
export async function runPoolReclaimAll(db: Database, now: Date): Promise<number> {
  const res = await db.executeSql('select id from workspaces order by id');
  let n = 0;
  for (const ws of res.rows) n += (await runPoolReclaim(db, ws.id, now)).reclaimed.length;
  return n;
}
