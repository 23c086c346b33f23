import { sql } from 'kysely';
import { registerHook, type HookArgs } from '../../records/hooks.js';
import type { RecordCtx } from '../../records/record-context.js';
import { objectOf } from '../../records/record-context.js';
import { applyUpdate } from '../../records/record-write.service.js';
import { contractFor } from './contracts-lifecycle.hook.js';
import { fieldError, merged } from './finance-checks.js';
import { D, dec, money } from './finance-money.js';
import { isoDay, workspaceTimeZone } from './finance-time.js';
import { planStatus } from './payment-plans-status.js';

export async function todayFor(ctx: RecordCtx): Promise<string> {
  return isoDay(ctx.now, await workspaceTimeZone(ctx.trx, ctx.auth.workspaceId));
}

/** Payments recorded against an instalment (live ones only: a payment in the recycle bin does not count). */
export async function paidOn(ctx: RecordCtx, planId: string): Promise<string> {
  const r = await sql<{ s: string | null }>`select sum(amount) as s from payments where workspace_id = ${ctx.auth.workspaceId}::uuid
    and payment_plan_id = ${planId}::uuid and deleted_at is null`.execute(ctx.trx);
  return money(dec(r.rows[0]?.s));
}

/** The instalments of a contract may not add up to more than the contract. */
async function checkPlanTotal(ctx: RecordCtx, contract: Record<string, any>, selfId: string | null, amount: unknown): Promise<void> {
  if (contract.amount === null || contract.amount === undefined) return;
  const r = await sql<{ s: string | null }>`select sum(amount) as s from payment_plans where workspace_id = ${ctx.auth.workspaceId}::uuid
    and contract_id = ${contract.id}::uuid and deleted_at is null and (${selfId}::uuid is null or id <> ${selfId}::uuid)`.execute(ctx.trx);
  const total = dec(r.rows[0]?.s).plus(dec(amount));
  if (total.gt(dec(contract.amount))) throw fieldError('amount', 'finance.plan.exceedsContract', { amount: money(dec(contract.amount)), planned: money(total) });
}

async function derive(args: HookArgs, planId: string | null): Promise<void> {
  const row = merged(args.before, args.values);
  const paid = planId ? await paidOn(args.ctx, planId) : '0.00';
  args.values.paid_amount = paid;
  args.values.status = planStatus(row.amount, paid, row.due_date, await todayFor(args.ctx));
}

registerHook('paymentPlans.beforeCreate', 'finance-plan-create', async (args) => {
  const contract = await contractFor(args);
  await checkPlanTotal(args.ctx, contract, null, args.values.amount);
  if (args.values.instalment === undefined || args.values.instalment === null) {
    const r = await sql<{ n: number }>`select count(*)::int as n from payment_plans where workspace_id = ${args.ctx.auth.workspaceId}::uuid
      and contract_id = ${contract.id}::uuid and deleted_at is null`.execute(args.ctx.trx);
    args.values.instalment = Number(r.rows[0].n) + 1;
  }
  await derive(args, null);
});

/** Status and paid amount are recomputed from the payments on every change (amount, due date, or a payment). */
registerHook('paymentPlans.beforeUpdate', 'finance-plan-update', async (args) => {
  const contract = await contractFor(args);
  if (args.values.amount !== undefined || args.values.contract_id !== undefined) {
    await checkPlanTotal(args.ctx, contract, args.before!.id, merged(args.before, args.values).amount);
  }
  await derive(args, args.before!.id);
});

/** Saves a plan's derived status through the pipeline when it changed, so the change has history and an event. */
export async function refreshPlan(ctx: RecordCtx, planId: string | null | undefined): Promise<void> {
  if (!planId) return;
  const res = await sql<Record<string, any>>`select * from payment_plans where workspace_id = ${ctx.auth.workspaceId}::uuid
    and id = ${planId}::uuid and deleted_at is null for update`.execute(ctx.trx);
  const plan = res.rows[0];
  if (!plan) return;
  const paid = await paidOn(ctx, planId);
  const status = planStatus(plan.amount, paid, plan.due_date, await todayFor(ctx));
  if (status === plan.status && new D(paid).eq(dec(plan.paid_amount))) return;
  await applyUpdate(ctx, objectOf(ctx, 'paymentPlans'), plan, {
    columns: { paid_amount: paid, status }, custom: {}, byField: { paidAmount: paid, status },
  });
}
