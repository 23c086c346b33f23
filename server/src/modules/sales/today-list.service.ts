import { sql } from 'kysely';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { relativeRange } from '../../records/relative-dates.js';
import { visibilitySql } from '../../records/visibility.js';
import { listPools } from './pool-config.service.js';
import { reclaimPlan } from './pool-reclaim.service.js';
import { DAY_MS, iso } from './sales-common.js';
import { financeVisibleReminders } from './index.js';

export interface TodayItem { object: string; id: string; name: string; at: string | null; [key: string]: unknown }
/** The user's day as [from, to): today in their time zone. */
export interface TodayRange { from: Date; to: Date }
export type TodaySection = (ctx: RecordCtx, day: TodayRange) => Promise<TodayItem[]>;

const LIMIT = 100;
const RECLAIM_HORIZON_DAYS = 7;
const sections = new Map<string, TodaySection>();

/**
 * Other parts of the sales domain add their lists to the "today" page here (contracts expiring, payments
 * due); each runs in the caller's transaction and must keep to the caller's visibility.
 */
export function registerTodaySection(key: string, fn: TodaySection): void {
  sections.set(key, fn);
}

const followUpsDue: TodaySection = async (ctx, day) => {
  const rows = await sql<Record<string, any>>`select t.id, t.name, t.type, t.next_contact_at, t.account_id, t.contact_id, t.lead_id, t.opportunity_id
    from activities t where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null and t.owner_id = ${ctx.auth.userId}::uuid
      and t.next_contact_at < ${day.to}::timestamptz and not t.next_contact_done and ${visibilitySql(ctx, objectOf(ctx, 'activities'), 'read')}
    order by t.next_contact_at limit ${LIMIT}`.execute(ctx.trx);
  return rows.rows.map((r) => ({
    object: 'activities', id: r.id, name: r.name, at: iso(r.next_contact_at), type: r.type, accountId: r.account_id,
    contactId: r.contact_id, leadId: r.lead_id, opportunityId: r.opportunity_id, overdue: new Date(r.next_contact_at) < day.from,
  }));
};

function tasks(when: 'overdue' | 'today'): TodaySection {
  return async (ctx, day) => {
    const range = when === 'overdue' ? sql`t.due_at < ${ctx.now}::timestamptz` : sql`t.due_at >= ${ctx.now}::timestamptz and t.due_at < ${day.to}::timestamptz`;
    const rows = await sql<Record<string, any>>`select t.id, t.name, t.due_at, t.priority, t.account_id from tasks t
      where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null and t.owner_id = ${ctx.auth.userId}::uuid
        and t.status = 'open' and ${range} and ${visibilitySql(ctx, objectOf(ctx, 'tasks'), 'read')}
      order by t.due_at limit ${LIMIT}`.execute(ctx.trx);
    return rows.rows.map((r) => ({ object: 'tasks', id: r.id, name: r.name, at: iso(r.due_at), priority: r.priority, accountId: r.account_id }));
  };
}

/** The user's customers that go back to the pool within their pool's warning window (at least a week). */
const reclaimSoon: TodaySection = async (ctx) => {
  const pools = await listPools(ctx.trx, ctx.auth.workspaceId);
  const plan = await reclaimPlan(ctx, pools, ctx.auth.userId);
  const warn = new Map(pools.map((p) => [p.id, Math.max(p.warnDays, RECLAIM_HORIZON_DAYS) * DAY_MS]));
  return plan.filter((p) => p.dueAt.getTime() - ctx.now.getTime() <= warn.get(p.poolId)!)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, LIMIT)
    .map((p) => ({ object: 'accounts', id: p.accountId, name: p.name, at: p.dueAt.toISOString(), reason: p.limit, days: p.days }));
};

/** The user's own contracts running out and instalments falling due (or overdue), from the finance side. */
async function financeSections(ctx: RecordCtx): Promise<Record<string, TodayItem[]>> {
  const r = await financeVisibleReminders(ctx, undefined, true);
  const mine = <T>(list: T[]) => list.slice(0, LIMIT);
  return {
    contractsExpiring: mine(r.contracts).map((c) => ({ object: 'contracts', id: c.id, name: c.name, at: c.endDate, number: c.number, accountId: c.accountId, daysLeft: c.daysLeft })),
    paymentsDue: mine(r.instalments).map((p) => ({
      object: 'paymentPlans', id: p.id, name: p.name, at: p.dueDate, contractId: p.contractId, amount: p.amount, paidAmount: p.paidAmount,
      currency: p.currency, status: p.status, daysLeft: p.daysLeft, overdue: p.daysLeft < 0,
    })),
  };
}

/** What the user should see first thing: due follow-ups, tasks, customers about to be reclaimed, and more. */
export async function todayList(ctx: RecordCtx) {
  const [from, to] = relativeRange('today', ctx.auth.timeZone, ctx.now);
  const day = { from: new Date(from), to: new Date(to) };
  const out: Record<string, TodayItem[]> = {
    followUpsDue: await followUpsDue(ctx, day),
    overdueTasks: await tasks('overdue')(ctx, day),
    tasksDueToday: await tasks('today')(ctx, day),
    reclaimSoon: await reclaimSoon(ctx, day),
    ...await financeSections(ctx),
  };
  for (const [key, fn] of sections) out[key] = await fn(ctx, day);
  return { date: from, timeZone: ctx.auth.timeZone, sections: out };
}
