import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Trx } from '../../db/tenant.js';
import { withTenant } from '../../db/tenant.js';
import type { RecordCtx } from '../../records/record-context.js';
import { objectOf } from '../../records/record-context.js';
import { baseWhere } from '../../records/record-read.service.js';
import { addDays, daysBetween, isoDay, workspaceTimeZone } from './finance-time.js';

export const DEFAULT_CONTRACT_REMIND_DAYS = 30;
export const DEFAULT_PLAN_REMIND_DAYS = 7;

export interface ContractReminder { id: string; name: string; number: string; ownerId: string | null; accountId: string | null; endDate: string; daysLeft: number }
export interface InstalmentReminder {
  id: string; name: string; contractId: string; ownerId: string | null; dueDate: string; amount: string; paidAmount: string;
  currency: string; status: string; daysLeft: number;
}
export interface FinanceReminders { today: string; contracts: ContractReminder[]; instalments: InstalmentReminder[] }

/**
 * Contracts running out and unpaid instalments falling due within `days` of today (the workspace's
 * calendar day); without `days`, each record's own remindDays (30 for contracts, 7 for instalments).
 * Overdue instalments are listed too, with a negative daysLeft. `visible` narrows to what a user may read.
 */
export async function remindersInTrx(trx: Trx, workspaceId: string, now: Date, days?: number, visible?: { contracts: RawBuilder<boolean>; plans: RawBuilder<boolean> }): Promise<FinanceReminders> {
  const today = isoDay(now, await workspaceTimeZone(trx, workspaceId));
  const window = (col: string, fallback: number) => (days !== undefined
    ? sql`${addDays(today, days)}::date`
    : sql`(${today}::date + coalesce(${sql.ref(col)}, ${fallback})::int)`);
  const contracts = await sql<Record<string, any>>`select t.id, t.name, t.number, t.owner_id, t.account_id, t.end_date from contracts t
    where t.workspace_id = ${workspaceId}::uuid and t.deleted_at is null and t.status in ('signed', 'active')
    and t.end_date >= ${today}::date and t.end_date <= ${window('t.remind_days', DEFAULT_CONTRACT_REMIND_DAYS)}
    and ${visible?.contracts ?? sql`true`} order by t.end_date, t.id limit 500`.execute(trx);
  const plans = await sql<Record<string, any>>`select t.* from payment_plans t
    where t.workspace_id = ${workspaceId}::uuid and t.deleted_at is null and t.status <> 'paid'
    and exists (select 1 from contracts c where c.workspace_id = t.workspace_id and c.id = t.contract_id and c.deleted_at is null
      and c.status not in ('void', 'terminated'))
    and t.due_date <= ${window('t.remind_days', DEFAULT_PLAN_REMIND_DAYS)} and ${visible?.plans ?? sql`true`}
    order by t.due_date, t.id limit 500`.execute(trx);
  return {
    today,
    contracts: contracts.rows.map((r) => ({
      id: r.id, name: r.name, number: r.number, ownerId: r.owner_id, accountId: r.account_id, endDate: r.end_date, daysLeft: daysBetween(today, r.end_date),
    })),
    instalments: plans.rows.map((r) => ({
      id: r.id, name: r.name, contractId: r.contract_id, ownerId: r.owner_id, dueDate: r.due_date, amount: String(r.amount),
      paidAmount: String(r.paid_amount), currency: r.currency, status: r.status, daysLeft: daysBetween(today, r.due_date),
    })),
  };
}

/** For the "today" list and reminder jobs: opens its own tenant transaction (never call it while holding one). */
export async function dueReminders(db: Database, workspaceId: string, now: Date, days?: number): Promise<FinanceReminders> {
  return withTenant(db, workspaceId, (trx) => remindersInTrx(trx, workspaceId, now, days));
}

/**
 * The reminders a signed-in user may see, through the records pipeline's visibility predicate; with
 * `ownOnly`, only those of records they own (filtered before the list's limit, so a manager's own are
 * never crowded out by their team's).
 */
export async function visibleReminders(ctx: RecordCtx, days?: number, ownOnly = false): Promise<FinanceReminders> {
  const mine = ownOnly ? sql<boolean>`t.owner_id = ${ctx.auth.userId}::uuid` : sql<boolean>`true`;
  return remindersInTrx(ctx.trx, ctx.auth.workspaceId, ctx.now, days, {
    contracts: sql<boolean>`(${baseWhere(ctx, objectOf(ctx, 'contracts'), 'read')} and ${mine})`,
    plans: sql<boolean>`(${baseWhere(ctx, objectOf(ctx, 'paymentPlans'), 'read')} and ${mine})`,
  });
}
