import { sql } from 'kysely';
import type { FieldIssue } from '../../platform/errors.js';
import { registerHook, type HookArgs } from '../../records/hooks.js';
import { checkCurrency, fieldError, merged, throwIssues } from './finance-checks.js';

/** Scope and period fields must agree: a department target names a department, a monthly one a month. */
function normalise({ before, values }: HookArgs): Record<string, any> {
  const row = merged(before, values);
  const issues: FieldIssue[] = [];
  const scope = row.scope ?? 'company';
  if (scope === 'department' && !row.department_id) issues.push({ field: 'departmentId', code: 'field.required' });
  if (scope === 'user' && !row.user_id) issues.push({ field: 'userId', code: 'field.required' });
  if ((row.period_type ?? 'month') === 'month' && !row.month) issues.push({ field: 'month', code: 'field.required' });
  throwIssues(issues);
  if (scope !== 'department' && row.department_id) values.department_id = null;
  if (scope !== 'user' && row.user_id) values.user_id = null;
  if (row.period_type === 'year' && row.month) values.month = null;
  return merged(before, values);
}

/** One target per scope, person or department, metric, period and currency. */
async function checkDuplicate({ ctx, before }: HookArgs, row: Record<string, any>): Promise<void> {
  const r = await sql`select 1 from targets where workspace_id = ${ctx.auth.workspaceId}::uuid and deleted_at is null
    and scope = ${row.scope ?? 'company'} and metric = ${row.metric ?? 'contractAmount'} and period_type = ${row.period_type ?? 'month'}
    and year = ${row.year} and month is not distinct from ${row.month ?? null}::int
    and department_id is not distinct from ${row.department_id ?? null}::uuid and user_id is not distinct from ${row.user_id ?? null}::uuid
    and currency = ${row.currency ?? 'CNY'} and (${before?.id ?? null}::uuid is null or id <> ${before?.id ?? null}::uuid) limit 1`.execute(ctx.trx);
  if (r.rows.length) throw fieldError('scope', 'finance.target.duplicate');
}

const check = async (args: HookArgs) => {
  checkCurrency(args.values.currency);
  await checkDuplicate(args, normalise(args));
};
registerHook('targets.beforeCreate', 'finance-target', check);
registerHook('targets.beforeUpdate', 'finance-target', check);
