import { sql, type RawBuilder } from 'kysely';
import { FIELD_TYPE_SPECS, FieldError } from '../../metadata/field-types.js';
import type { ObjectDef } from '../../metadata/types.js';
import { fieldSql, tableOf } from '../../records/columns.js';
import { baseWhere } from '../../records/record-read.service.js';
import type { RecordCtx } from '../../records/record-context.js';
import { nationalPhone } from '../search/tokens.js';
import type { DuplicatePolicy } from './mapping.js';
import type { Prepared } from './transform.js';

const CASELESS = new Set(['text', 'email', 'url', 'select']);

/** A value as stored: the field type's own normalisation (phones, e-mails), text compared without case. */
function keyPart(obj: ObjectDef, field: string, r: Prepared): string | null {
  if (field === '$externalId') return r.externalId;
  const f = obj.fields.find((x) => x.apiName === field);
  const v = r.body[field];
  if (!f || v === undefined || v === null || v === '') return null;
  const parsed = FIELD_TYPE_SPECS[f.type].parse(v, f);
  if (parsed instanceof FieldError) return null;
  const s = typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  // +86 138… and 138…, +86 21 6123 4567 and 021-61234567 are the same number.
  if (f.type === 'phone') return nationalPhone(s) || null;
  return CASELESS.has(f.type) || field === 'name' ? s.toLowerCase() : s;
}

/** The row's duplicate key under the chosen match fields; null when one of them is empty. */
export function matchKey(obj: ObjectDef, matchFields: string[], r: Prepared): string | null {
  const parts = matchFields.map((f) => keyPart(obj, f, r));
  return parts.some((p) => p === null) ? null : JSON.stringify(parts);
}

/** `nationalPhone` in SQL, for stored phone numbers. */
export function nationalPhoneSql(v: RawBuilder<unknown>): RawBuilder<string> {
  const d = sql`regexp_replace(${v}, '[^0-9]', '', 'g')`;
  const n = sql`regexp_replace(${d}, '^(0086|86)', '')`;
  return sql<string>`(case when ${v} ~ '^\\s*(\\+|00)\\s*86' or ${d} ~ '^(0086|86)1[3-9][0-9]{9}$'
    then (case when ${n} ~ '^(1[3-9][0-9]{9}|0)' then ${n} else '0' || ${n} end) else ${d} end)`;
}

function column(obj: ObjectDef, field: string): RawBuilder<unknown> {
  if (field === '$externalId') return sql`(select e.external_id from external_ids e where e.workspace_id = t.workspace_id and e.object = ${obj.apiName} and e.record_id = t.id limit 1)`;
  const f = obj.fields.find((x) => x.apiName === field)!;
  const expr = sql`${fieldSql(f)}::text`;
  if (f.type === 'phone') return nationalPhoneSql(expr);
  return CASELESS.has(f.type) || field === 'name' ? sql`lower(${expr})` : expr;
}

/**
 * Existing records that rows of a batch duplicate under the match fields, among those the importer may
 * update (policy update) or read (policy skip). A key matching several records is ambiguous.
 */
export async function findMatches(ctx: RecordCtx, obj: ObjectDef, policy: DuplicatePolicy, matchFields: string[], rows: Prepared[]): Promise<Map<string, string[]>> {
  const keyed = rows.map((r) => matchKey(obj, matchFields, r)).filter((k): k is string => k !== null);
  if (keyed.length === 0 || policy === 'create') return new Map();
  const parts = keyed.map((k) => JSON.parse(k) as string[]);
  const conds = matchFields.map((f, i) => f === '$externalId'
    ? sql`t.id in (select e.record_id from external_ids e where e.workspace_id = ${ctx.auth.workspaceId}::uuid and e.object = ${obj.apiName} and e.external_id = any(${parts.map((p) => p[i])}::text[]))`
    : sql`${column(obj, f)} = any(${[...new Set(parts.map((p) => p[i]))]}::text[])`);
  const cols = sql.join(matchFields.map((f, i) => sql`${column(obj, f)} as ${sql.ref(`k${i}`)}`));
  const res = await sql<Record<string, string>>`select t.id, ${cols} from ${sql.table(tableOf(obj))} t
    where ${baseWhere(ctx, obj, policy === 'update' ? 'update' : 'read')} and ${sql.join(conds, sql` and `)}`.execute(ctx.trx);
  const out = new Map<string, string[]>();
  for (const row of res.rows) {
    const k = JSON.stringify(matchFields.map((_, i) => row[`k${i}`]));
    out.set(k, [...(out.get(k) ?? []), row.id]);
  }
  return out;
}
