import { registerHook, type HookArgs } from '../../records/hooks.js';
import { checkCurrency, checkInitial, checkTransition, fieldError, merged, throwIssues, visibleRow } from './finance-checks.js';
import { CONTRACT_STATUSES, CONTRACT_TRANSITIONS, INITIAL, SIGNED_CONTRACT_STATUSES } from './finance-status.js';
import { isoDay, workspaceTimeZone } from './finance-time.js';
import { nextNumber } from './numbering-rules.service.js';
import type { FieldIssue } from '../../platform/errors.js';
import { dec } from './finance-money.js';
import { recordAccountDeal } from './opportunities.hook.js';

const SIGNED: readonly string[] = SIGNED_CONTRACT_STATUSES;
/** Once signed, the money side of a contract is fixed; a change needs a new contract or a void. */
const LOCKED_WHEN_SIGNED = { amount: 'amount', currency: 'currency', account_id: 'accountId' } as const;

const same = (a: unknown, b: unknown): boolean =>
  a === null || b === null || a === undefined || b === undefined ? a == b : /^-?[\d.]+$/.test(String(a)) ? dec(a).eq(dec(b)) : a === b;

/** A contract made from a quote takes its amount, currency, account and opportunity unless the body says otherwise. */
async function fromQuote({ ctx, values }: HookArgs): Promise<void> {
  const quote = await visibleRow(ctx, 'quotes', values.quote_id);
  if (quote) {
    values.amount ??= quote.total;
    values.currency ??= quote.currency;
    values.account_id ??= quote.account_id;
    values.opportunity_id ??= quote.opportunity_id;
  }
  if (!values.account_id && values.opportunity_id) {
    const opp = await visibleRow(ctx, 'opportunities', values.opportunity_id);
    if (opp?.account_id) values.account_id = opp.account_id;
  }
}

/** Dates in order; a signed contract has an amount and a sign date (today unless given). */
async function checkContract({ ctx, before, values }: HookArgs): Promise<void> {
  checkCurrency(values.currency);
  const row = merged(before, values);
  const issues: FieldIssue[] = [];
  if (row.start_date && row.end_date && row.end_date < row.start_date) issues.push({ field: 'endDate', code: 'finance.contract.endBeforeStart' });
  const signing = SIGNED.includes(row.status ?? 'draft');
  if (signing && (row.amount === null || row.amount === undefined)) issues.push({ field: 'amount', code: 'finance.contract.amountRequired' });
  throwIssues(issues);
  if (signing && !row.sign_date) values.sign_date = isoDay(ctx.now, await workspaceTimeZone(ctx.trx, ctx.auth.workspaceId));
}

registerHook('contracts.beforeCreate', 'finance-contract-create', async (args) => {
  const { ctx, values } = args;
  checkInitial(ctx, CONTRACT_STATUSES, INITIAL.contracts, values.status);
  await fromQuote(args);
  await checkContract(args);
  values.number = await nextNumber(ctx.trx, ctx.auth.workspaceId, 'contracts', ctx.now);
});

registerHook('contracts.beforeUpdate', 'finance-contract-update', async (args) => {
  const { ctx, before, values } = args;
  checkTransition(ctx, CONTRACT_STATUSES, CONTRACT_TRANSITIONS, before!.status, values.status);
  if (SIGNED.includes(before!.status) || before!.status === 'terminated' || before!.status === 'void') {
    const issues: FieldIssue[] = [];
    for (const [col, field] of Object.entries(LOCKED_WHEN_SIGNED)) {
      if (values[col] !== undefined && !same(values[col], before![col])) issues.push({ field, code: 'finance.contract.locked' });
    }
    throwIssues(issues);
  }
  await checkContract(args);
});

/** Signing a contract is a deal (成交) for its customer, as winning an opportunity is: the pool rules read it. */
registerHook('contracts.afterCreate', 'finance-contract-deal', async ({ ctx, values }) => {
  if (SIGNED.includes(values.status)) await recordAccountDeal(ctx, values.account_id);
});

registerHook('contracts.afterUpdate', 'finance-contract-deal', async ({ ctx, before, values }) => {
  if (SIGNED.includes(values.status) && !SIGNED.includes(before!.status)) await recordAccountDeal(ctx, values.account_id);
});

/** Payment plans and payments are in their contract's currency. */
export async function contractFor(args: HookArgs, field = 'contractId'): Promise<Record<string, any>> {
  const row = merged(args.before, args.values);
  const contract = await visibleRow(args.ctx, 'contracts', row.contract_id);
  if (!contract) throw fieldError(field, 'field.notFound');
  if (args.values.currency !== undefined && args.values.currency !== contract.currency) {
    throw fieldError('currency', 'finance.currency.contract', { currency: contract.currency });
  }
  args.values.currency = contract.currency;
  return contract;
}
