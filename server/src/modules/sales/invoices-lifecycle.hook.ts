import { sql } from 'kysely';
import type { FieldIssue } from '../../platform/errors.js';
import { registerHook, type HookArgs } from '../../records/hooks.js';
import { checkCurrency, checkInitial, checkTransition, fieldError, merged, throwIssues, visibleRow } from './finance-checks.js';
import { dec, money } from './finance-money.js';
import { INITIAL, INVOICE_STATUSES, INVOICE_TRANSITIONS } from './finance-status.js';
import { isoDay, workspaceTimeZone } from './finance-time.js';
import { nextNumber } from './numbering-rules.service.js';

/** 统一社会信用代码 (18) or the older taxpayer numbers (15, 17, 20), digits and capital letters. */
const TAX_NUMBER_RE = /^[0-9A-Z]{15}$|^[0-9A-Z]{17,18}$|^[0-9A-Z]{20}$/;
const SPECIAL_REQUIRED = { bank_name: 'bankName', bank_account: 'bankAccount', registered_address: 'registeredAddress', registered_phone: 'registeredPhone' };
const EDITABLE_AFTER_ISSUE = new Set(['status', 'description', 'updated_at', 'version', 'owner_id', 'custom']);

/** A company title needs a valid taxpayer number; a VAT special invoice also needs the bank and registration details. */
function checkTitle(row: Record<string, any>): void {
  const issues: FieldIssue[] = [];
  if (!row.title) issues.push({ field: 'title', code: 'field.required' });
  if ((row.title_type ?? 'company') === 'company') {
    if (!row.tax_number) issues.push({ field: 'taxNumber', code: 'field.required' });
    else if (!TAX_NUMBER_RE.test(row.tax_number)) issues.push({ field: 'taxNumber', code: 'finance.invoice.taxNumber' });
  } else if (row.invoice_type === 'vatSpecial') {
    issues.push({ field: 'titleType', code: 'finance.invoice.specialNeedsCompany' });
  }
  if (row.invoice_type === 'vatSpecial') {
    for (const [col, field] of Object.entries(SPECIAL_REQUIRED)) if (!row[col]) issues.push({ field, code: 'field.required' });
  }
  throwIssues(issues);
}

/** Invoices on a contract are in its currency and, void ones aside, do not add up to more than it. */
async function checkContract({ ctx, before, values }: HookArgs, row: Record<string, any>): Promise<void> {
  if (!row.contract_id) return;
  const contract = await visibleRow(ctx, 'contracts', row.contract_id);
  if (!contract) throw fieldError('contractId', 'field.notFound');
  if (values.currency !== undefined && values.currency !== contract.currency) throw fieldError('currency', 'finance.currency.contract', { currency: contract.currency });
  values.currency = contract.currency;
  if (before === undefined) values.account_id ??= contract.account_id;
  if (contract.amount === null || row.status === 'void') return;
  const r = await sql<{ s: string | null }>`select sum(amount) as s from invoices where workspace_id = ${ctx.auth.workspaceId}::uuid
    and contract_id = ${contract.id}::uuid and deleted_at is null and status <> 'void' and (${before?.id ?? null}::uuid is null or id <> ${before?.id ?? null}::uuid)`.execute(ctx.trx);
  const total = dec(r.rows[0]?.s).plus(dec(row.amount));
  if (total.gt(dec(contract.amount))) throw fieldError('amount', 'finance.invoice.exceedsContract', { amount: money(dec(contract.amount)), invoiced: money(total) });
}

async function checkInvoice(args: HookArgs): Promise<void> {
  const { ctx, before, values } = args;
  checkCurrency(values.currency);
  const row = merged(before, values);
  if (row.status !== 'void') checkTitle(row);
  await checkContract(args, row);
  if (row.status === 'issued' && !row.issue_date) values.issue_date = isoDay(ctx.now, await workspaceTimeZone(ctx.trx, ctx.auth.workspaceId));
}

registerHook('invoices.beforeCreate', 'finance-invoice-create', async (args) => {
  checkInitial(args.ctx, INVOICE_STATUSES, INITIAL.invoices, args.values.status);
  await checkInvoice(args);
  args.values.number = await nextNumber(args.ctx.trx, args.ctx.auth.workspaceId, 'invoices', args.ctx.now);
});

registerHook('invoices.beforeUpdate', 'finance-invoice-update', async (args) => {
  const { ctx, before, values } = args;
  checkTransition(ctx, INVOICE_STATUSES, INVOICE_TRANSITIONS, before!.status, values.status);
  if (before!.status === 'issued' || before!.status === 'void') {
    const changed = Object.keys(values).filter((k) => !EDITABLE_AFTER_ISSUE.has(k));
    if (changed.length) throw fieldError('status', 'finance.invoice.locked');
  }
  await checkInvoice(args);
});
