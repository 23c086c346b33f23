import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../../platform/errors.js';
import { departmentTree } from '../../platform/org.service.js';
import { baseWhere, listRecords, loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { D, dec, money } from './finance-money.js';
import { SIGNED_CONTRACT_STATUSES } from './finance-status.js';

interface Period { key: string; from: string; to: string }

export function periodOf(year: number, month: number | null): Period {
  if (!month) return { key: String(year), from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { key: `${year}-${String(month).padStart(2, '0')}`, from: `${year}-${String(month).padStart(2, '0')}-01`, to: next };
}

/** Whose records count for a target: everyone, a department and those below it, or one rep. */
function scopeSql(ctx: RecordCtx, target: Record<string, any>): RawBuilder<boolean> {
  if (target.scope === 'user') return sql<boolean>`t.owner_id = ${target.user_id}::uuid`;
  if (target.scope === 'department') {
    const depts = departmentTree(ctx.org, target.department_id);
    const users = [...ctx.org.users.values()].filter((u) => u.departmentId && depts.has(u.departmentId)).map((u) => u.id);
    return sql<boolean>`t.owner_id = any(${users}::uuid[])`;
  }
  return sql<boolean>`true`;
}

/**
 * What the caller can see of a target's achievement: signed contracts by sign date, or payments by the day
 * received, in the target's currency and period, read through the records pipeline's visibility predicate.
 */
export async function actualFor(ctx: RecordCtx, target: Record<string, any>): Promise<string> {
  const p = periodOf(target.year, target.period_type === 'year' ? null : target.month);
  const contracts = target.metric !== 'paymentAmount';
  const obj = objectOf(ctx, contracts ? 'contracts' : 'payments');
  const dateCol = sql.ref(contracts ? 't.sign_date' : 't.received_date');
  const status = contracts ? sql<boolean>`t.status = any(${[...SIGNED_CONTRACT_STATUSES]}::text[])` : sql<boolean>`true`;
  const r = await sql<{ s: string | null }>`select sum(t.amount) as s from ${sql.table(obj.table)} t
    where ${baseWhere(ctx, obj, 'read')} and ${status} and t.currency = ${target.currency}
    and ${dateCol} >= ${p.from}::date and ${dateCol} < ${p.to}::date and ${scopeSql(ctx, target)}`.execute(ctx.trx);
  return money(dec(r.rows[0]?.s));
}

export async function completionOf(ctx: RecordCtx, target: Record<string, any>) {
  const actual = await actualFor(ctx, target);
  const goal = dec(target.amount);
  const p = periodOf(target.year, target.period_type === 'year' ? null : target.month);
  return {
    targetId: target.id, name: target.name, scope: target.scope, departmentId: target.department_id, userId: target.user_id,
    metric: target.metric, period: p.key, from: p.from, to: p.to, currency: target.currency,
    target: money(goal), actual, remaining: money(D.max(goal.minus(actual), 0)),
    rate: goal.isZero() ? null : dec(actual).div(goal).times(100).toDecimalPlaces(2).toFixed(2),
  };
}

export async function targetCompletion(ctx: RecordCtx, id: string) {
  return completionOf(ctx, await loadRow(ctx, objectOf(ctx, 'targets'), id, 'read'));
}

export interface SummaryQuery { period: string; scope?: string; metric?: string; departmentId?: string; userId?: string }

/** GET /targets/completion: every target of the period the caller can see, each with its completion. */
export async function completionSummary(ctx: RecordCtx, q: SummaryQuery) {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/.exec(q.period);
  if (!m) throw new AppError(400, 'finance.target.badPeriod', { period: q.period });
  const conds: unknown[] = [{ field: 'year', op: 'eq', value: Number(m[1]) }];
  conds.push(m[2] ? { and: [{ field: 'periodType', op: 'eq', value: 'month' }, { field: 'month', op: 'eq', value: Number(m[2]) }] }
    : { field: 'periodType', op: 'eq', value: 'year' });
  if (q.scope) conds.push({ field: 'scope', op: 'eq', value: q.scope });
  if (q.metric) conds.push({ field: 'metric', op: 'eq', value: q.metric });
  if (q.departmentId) conds.push({ field: 'departmentId', op: 'eq', value: q.departmentId });
  if (q.userId) conds.push({ field: 'userId', op: 'eq', value: q.userId });
  const page = await listRecords(ctx, 'targets', { filter: { and: conds }, sort: 'scope', limit: 1000 });
  const obj = objectOf(ctx, 'targets');
  const data = [];
  for (const rec of page.data) data.push(await completionOf(ctx, await loadRow(ctx, obj, rec.id as string, 'read')));
  return { period: m[2] ? `${m[1]}-${m[2]}` : m[1], data };
}
