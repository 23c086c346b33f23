import { sql } from 'kysely';
import { registerHook, type HookArgs } from '../../records/hooks.js';
import { contractFor } from './contracts-lifecycle.hook.js';
import { fieldError, merged, visibleRow } from './finance-checks.js';
import { dec, money } from './finance-money.js';
import { SIGNED_CONTRACT_STATUSES } from './finance-status.js';
import { refreshPlan } from './payment-plans-derive.hook.js';

const SIGNED: readonly string[] = SIGNED_CONTRACT_STATUSES;

/** A payment is money received on a signed contract, against one of that contract's instalments if any. */
async function checkPayment(args: HookArgs): Promise<void> {
  const { ctx, before, values } = args;
  const contract = await contractFor(args);
  if (!SIGNED.includes(contract.status)) throw fieldError('contractId', 'finance.payment.contractNotSigned');
  const row = merged(before, values);
  if (row.payment_plan_id) {
    const plan = await visibleRow(ctx, 'paymentPlans', row.payment_plan_id);
    if (!plan || plan.contract_id !== contract.id) throw fieldError('paymentPlanId', 'finance.payment.planContract');
  }
  if (before === undefined) values.account_id ??= contract.account_id;
  if (contract.amount === null || contract.amount === undefined) return;
  const r = await sql<{ s: string | null }>`select sum(amount) as s from payments where workspace_id = ${ctx.auth.workspaceId}::uuid
    and contract_id = ${contract.id}::uuid and deleted_at is null and (${before?.id ?? null}::uuid is null or id <> ${before?.id ?? null}::uuid)`.execute(ctx.trx);
  const total = dec(r.rows[0]?.s).plus(dec(row.amount));
  if (total.gt(dec(contract.amount))) {
    throw fieldError('amount', 'finance.payment.exceedsContract', { amount: money(dec(contract.amount)), received: money(total) });
  }
}

registerHook('payments.beforeCreate', 'finance-payment', checkPayment);
registerHook('payments.beforeUpdate', 'finance-payment', checkPayment);

/** Every change to a payment re-derives the instalments it was and is recorded against. */
const refresh = async ({ ctx, before, values }: HookArgs) => {
  await refreshPlan(ctx, values.payment_plan_id ?? before?.payment_plan_id);
  if (before?.payment_plan_id && before.payment_plan_id !== values.payment_plan_id) await refreshPlan(ctx, before.payment_plan_id);
};
registerHook('payments.afterCreate', 'finance-plan-status', refresh);
registerHook('payments.afterUpdate', 'finance-plan-status', refresh);
registerHook('payments.afterDelete', 'finance-plan-status', ({ ctx, before }) => refreshPlan(ctx, before?.payment_plan_id));
registerHook('payments.afterRestore', 'finance-plan-status', ({ ctx, values }) => refreshPlan(ctx, values.payment_plan_id));
