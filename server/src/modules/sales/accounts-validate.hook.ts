import { invalid, type FieldIssue } from '../../platform/errors.js';
import { registerHook, type HookArgs } from '../../records/hooks.js';
import { normaliseCreditCode } from './credit-code.js';
import { checkPhone } from './phone-check.js';
import { assertOwnedCap } from './sales-settings.service.js';

/** column → API field name of the phone numbers each customer object carries. */
const PHONES: Record<string, Record<string, string>> = {
  accounts: { phone: 'phone' },
  contacts: { phone: 'phone', mobile: 'mobile' },
  leads: { phone: 'phone', mobile: 'mobile' },
};

/** The stricter checks the generic field types leave to the sales domain: +86 numbers and the credit code. */
function checkCustomerValues({ obj, values }: HookArgs): void {
  const issues: FieldIssue[] = [];
  for (const [column, field] of Object.entries(PHONES[obj.apiName] ?? {})) {
    const v = values[column];
    if (typeof v !== 'string' || v === '') continue;
    const ok = checkPhone(v);
    if (!ok) issues.push({ field, code: 'sales.phone.invalid' });
    else values[column] = ok.value;
  }
  if (obj.apiName === 'accounts' && typeof values.credit_code === 'string' && values.credit_code !== '') {
    const code = normaliseCreditCode(values.credit_code);
    if (!code) issues.push({ field: 'creditCode', code: 'sales.creditCode.invalid' });
    else values.credit_code = code;
  }
  if (issues.length) throw invalid(issues);
}

for (const object of Object.keys(PHONES)) {
  registerHook(`${object}.beforeCreate`, 'sales-customer-values', checkCustomerValues);
  registerHook(`${object}.beforeUpdate`, 'sales-customer-values', checkCustomerValues);
}

// A customer counts against its owner's cap from the moment they own it, however they came to own it:
// created, converted, claimed, assigned or transferred.
registerHook('accounts.beforeCreate', 'owned-cap', async ({ ctx, values }) => {
  values.owner_since = ctx.now;
  if (values.owner_id) await assertOwnedCap(ctx.trx, ctx.auth.workspaceId, values.owner_id);
});

registerHook('accounts.beforeUpdate', 'owned-cap', async ({ ctx, before, values }) => {
  if (values.owner_id === undefined || values.owner_id === before?.owner_id) return;
  values.owner_since = values.owner_id ? ctx.now : null;
  if (values.owner_id) await assertOwnedCap(ctx.trx, ctx.auth.workspaceId, values.owner_id);
  // An owner given to a pool customer (an administrator's transfer) takes it out of the pool.
  if (values.owner_id && before?.pool_id && values.pool_id === undefined) values.pool_id = null;
  // A customer changing hands drops its lock: the lock protected the previous owner's work.
  if (before?.locked && values.locked === undefined) { values.locked = false; values.locked_at = null; }
});
