import { sql } from 'kysely';
import { registerReminderSource, type ReminderCandidate } from '../../platform/notifications/reminders.job.js';
import type { RecordCtx } from '../../records/record-context.js';
import { DEFAULT_CONTRACT_REMIND_DAYS, DEFAULT_PLAN_REMIND_DAYS } from './finance-reminders.service.js';
import { addDays, daysBetween, isoDay } from './finance-time.js';

/**
 * The sales side's reminders, sent to each record's owner by the platform's reminders job (every quarter of
 * an hour) as in-app notifications: next-contact times that have come, contracts about to expire and
 * instalments about to fall due (each record's remindDays ahead, else 30 and 7 days), and instalments just
 * gone overdue. Each is sent once per record and date (the dedupe key holds both), so a changed date
 * reminds again. Reclaim warnings come from the nightly pool job (pool-reclaim.service.ts).
 *
 * Each source looks back a bounded way only (LOOKBACK_DAYS), so a pass re-examines a few rows, not the
 * whole history, and a freshly upgraded workspace is not flooded with years-old reminders.
 */
export const LOOKBACK_DAYS = 7;
const LIMIT = 5000;

const iso = (v: unknown) => new Date(v as string).toISOString();
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

async function followUpsDue(ctx: RecordCtx): Promise<ReminderCandidate[]> {
  const rows = await sql<Record<string, any>>`select id, name, owner_id, next_contact_at from activities
    where workspace_id = ${ctx.auth.workspaceId}::uuid and deleted_at is null and owner_id is not null and not next_contact_done
      and next_contact_at <= ${ctx.now}::timestamptz and next_contact_at > ${ctx.now}::timestamptz - make_interval(days => ${LOOKBACK_DAYS})
    order by next_contact_at limit ${LIMIT}`.execute(ctx.trx);
  return rows.rows.map((r) => ({
    userId: r.owner_id, kind: 'sales.followUpDue', object: 'activities', recordId: r.id,
    params: { name: r.name, dueAt: iso(r.next_contact_at) }, dedupeKey: `sales.followUpDue:${r.id}:${iso(r.next_contact_at)}`,
  }));
}

async function contractsExpiring(ctx: RecordCtx, today: string): Promise<ReminderCandidate[]> {
  const rows = await sql<Record<string, any>>`select id, name, number, owner_id, end_date from contracts
    where workspace_id = ${ctx.auth.workspaceId}::uuid and deleted_at is null and owner_id is not null and status in ('signed', 'active')
      and end_date >= ${today}::date and end_date <= ${today}::date + coalesce(remind_days, ${DEFAULT_CONTRACT_REMIND_DAYS})::int
    order by end_date limit ${LIMIT}`.execute(ctx.trx);
  return rows.rows.map((r) => ({
    userId: r.owner_id, kind: 'sales.contractExpiring', object: 'contracts', recordId: r.id,
    params: { name: r.name, number: r.number, endDate: day(r.end_date), daysLeft: daysBetween(today, day(r.end_date)) },
    dedupeKey: `sales.contractExpiring:${r.id}:${day(r.end_date)}`,
  }));
}

/** Unpaid instalments of live contracts due within their reminder window, or overdue since at most LOOKBACK_DAYS. */
async function instalments(ctx: RecordCtx, today: string): Promise<ReminderCandidate[]> {
  const rows = await sql<Record<string, any>>`select t.id, t.name, t.owner_id, t.due_date, t.amount, t.paid_amount, t.currency from payment_plans t
    where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null and t.owner_id is not null and t.status <> 'paid'
      and t.due_date >= ${addDays(today, -LOOKBACK_DAYS)}::date and t.due_date <= ${today}::date + coalesce(t.remind_days, ${DEFAULT_PLAN_REMIND_DAYS})::int
      and exists (select 1 from contracts c where c.workspace_id = t.workspace_id and c.id = t.contract_id and c.deleted_at is null
        and c.status not in ('void', 'terminated'))
    order by t.due_date limit ${LIMIT}`.execute(ctx.trx);
  return rows.rows.map((r) => {
    const due = day(r.due_date);
    const left = daysBetween(today, due);
    const kind = left < 0 ? 'sales.paymentOverdue' : 'sales.paymentDue';
    return {
      userId: r.owner_id, kind, object: 'paymentPlans', recordId: r.id,
      params: { name: r.name, dueDate: due, amount: String(r.amount), paidAmount: String(r.paid_amount), currency: r.currency, daysLeft: left, daysOverdue: -left },
      dedupeKey: `${kind}:${r.id}:${due}`,
    };
  });
}

registerReminderSource('sales.followUps', followUpsDue);
registerReminderSource('sales.finance', async (ctx) => {
  const today = isoDay(ctx.now, ctx.auth.timeZone);
  return [...await contractsExpiring(ctx, today), ...await instalments(ctx, today)];
});
