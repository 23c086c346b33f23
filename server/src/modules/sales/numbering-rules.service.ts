import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { DATE_FORMATS, DEFAULT_RULES, formatNumber, localDay, NUMBERED_OBJECTS, periodKey, RESETS, type NumberedObject, type NumberingRule } from './numbering-format.js';
import { workspaceTimeZone } from './finance-time.js';

// eslint-disable-next-line no-control-regex -- control characters have no place in a printed number
const BAD_AFFIX_RE = /[\u0000-\u001f\u007f]|[\uD800-\uDFFF]/;

export function isNumbered(object: string): object is NumberedObject {
  return (NUMBERED_OBJECTS as readonly string[]).includes(object);
}

export async function getRule(trx: Trx, workspaceId: string, object: NumberedObject): Promise<NumberingRule> {
  const row = await trx.selectFrom('numbering_rules').selectAll().where('workspace_id', '=', workspaceId).where('object', '=', object).executeTakeFirst();
  if (!row) return DEFAULT_RULES[object];
  return { prefix: row.prefix, dateFormat: row.date_format, separator: row.separator, seqDigits: row.seq_digits, reset: row.reset };
}

/** Checks a rule sent by an administrator, collecting every problem at once. */
export function parseRule(body: Record<string, unknown>): NumberingRule {
  const issues: FieldIssue[] = [];
  const text = (k: string, max: number) => {
    const v = body[k];
    if (typeof v !== 'string') { issues.push({ field: k, code: 'field.type.text' }); return ''; }
    if ([...v].length > max) issues.push({ field: k, code: 'field.tooLong', params: { max } });
    else if (BAD_AFFIX_RE.test(v)) issues.push({ field: k, code: 'field.badCharacters' });
    return v;
  };
  const rule = {
    prefix: text('prefix', 20).trim(),
    separator: text('separator', 3),
    dateFormat: body.dateFormat as NumberingRule['dateFormat'],
    reset: body.reset as NumberingRule['reset'],
    seqDigits: body.seqDigits as number,
  };
  if (!DATE_FORMATS.includes(rule.dateFormat)) issues.push({ field: 'dateFormat', code: 'field.option', params: { value: String(body.dateFormat) } });
  if (!RESETS.includes(rule.reset)) issues.push({ field: 'reset', code: 'field.option', params: { value: String(body.reset) } });
  if (!Number.isInteger(rule.seqDigits) || rule.seqDigits < 1 || rule.seqDigits > 10) issues.push({ field: 'seqDigits', code: 'finance.numbering.digits' });
  if (issues.length) throw new AppError(422, 'error.validation', {}, issues);
  return rule;
}

export async function putRule(trx: Trx, workspaceId: string, object: NumberedObject, rule: NumberingRule, userId: string): Promise<void> {
  const row = {
    prefix: rule.prefix, date_format: rule.dateFormat, separator: rule.separator, seq_digits: rule.seqDigits,
    reset: rule.reset, updated_at: new Date(), updated_by: userId,
  };
  await trx.insertInto('numbering_rules').values({ workspace_id: workspaceId, object, ...row })
    .onConflict((oc) => oc.columns(['workspace_id', 'object']).doUpdateSet(row)).execute();
}

const TABLES: Record<NumberedObject, string> = { contracts: 'contracts', quotes: 'quotes', invoices: 'invoices' };

/**
 * The next number for an object. The upsert locks the period's counter row until the transaction ends, so
 * concurrent creators queue on it and a rolled-back create gives its number back: no gaps, no duplicates.
 * A number already taken (the rule was changed mid-period) is skipped.
 */
export async function nextNumber(trx: Trx, workspaceId: string, object: NumberedObject, now: Date): Promise<string> {
  const rule = await getRule(trx, workspaceId, object);
  const day = localDay(now, await workspaceTimeZone(trx, workspaceId));
  const period = periodKey(rule, day);
  for (;;) {
    const res = await sql<{ value: number }>`insert into numbering_counters (workspace_id, object, period, value)
      values (${workspaceId}::uuid, ${object}, ${period}, 1)
      on conflict (workspace_id, object, period) do update set value = numbering_counters.value + 1
      returning value`.execute(trx);
    const number = formatNumber(rule, day, Number(res.rows[0].value));
    const taken = await sql`select 1 from ${sql.table(TABLES[object])} where workspace_id = ${workspaceId}::uuid and number = ${number} limit 1`.execute(trx);
    if (taken.rows.length === 0) return number;
  }
}
