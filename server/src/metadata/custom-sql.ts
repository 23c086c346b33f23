import { sql, type RawBuilder } from 'kysely';
import { FIELD_TYPE_SPECS } from './field-types.js';
import type { FieldDef, FieldType } from './types.js';

/**
 * The typed SQL value of a custom field inside the custom jsonb column. Queries (filters, sorts, cursors)
 * and the expression indexes of filterable and unique fields are both built here, so an index always
 * matches the expression a filter uses. The rapport_cf_* functions of migration 0020 are leak-proof,
 * immutable and never raise — without that, row-level security would keep the planner off the indexes.
 * Values that need no index (multi-selects, addresses) stay plain jsonb.
 */
export function customValueSql(apiName: string, type: FieldType, alias = 't'): RawBuilder<unknown> {
  const cast = FIELD_TYPE_SPECS[type].cast;
  const col = sql.ref(`${alias}.custom`);
  if (cast === 'jsonb') return sql`(${col}->${apiName})`;
  return sql`${sql.raw(`rapport_cf_${cast}`)}(${col}, ${apiName})`;
}

/**
 * An index expression as DDL text; apiName is a validated camelCase identifier, so it is safe inline.
 * Filter indexes of numeric fields hold float8 (see indexHint); unique indexes stay exact.
 */
export function customIndexExpr(apiName: string, type: FieldType, purpose: 'filter' | 'unique'): string {
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(apiName)) throw new Error(`unsafe field name ${apiName}`);
  const cast = FIELD_TYPE_SPECS[type].cast;
  if (cast === 'jsonb') throw new Error(`${type} values are not indexed`);
  const fn = cast === 'numeric' && purpose === 'filter' ? 'float8' : cast;
  return `rapport_cf_${fn}(custom, '${apiName}'::text)`;
}

/**
 * For a filterable numeric custom field, a float8 condition implied by the exact one, which the filter
 * index can serve under row-level security (numeric comparisons are not leak-proof, so PostgreSQL would
 * not use an index on them). The caller ANDs it with the exact numeric condition.
 */
export function indexHint(field: FieldDef, op: string, value: unknown, alias = 't'): RawBuilder<boolean> | null {
  if (field.column || !field.filterable || FIELD_TYPE_SPECS[field.type].cast !== 'numeric') return null;
  const f = sql`rapport_cf_float8(${sql.ref(`${alias}.custom`)}, ${field.apiName})`;
  const num = (v: unknown) => sql`${String(v)}::numeric::float8`;
  switch (op) {
    case 'eq': return sql<boolean>`${f} = ${num(value)}`;
    case 'lt': case 'lte': return sql<boolean>`${f} <= ${num(value)}`;
    case 'gt': case 'gte': return sql<boolean>`${f} >= ${num(value)}`;
    case 'between': {
      const [lo, hi] = value as unknown[];
      return sql<boolean>`${f} between ${num(lo)} and ${num(hi)}`;
    }
    case 'in': return sql<boolean>`${f} = any(${(value as unknown[]).map(String)}::numeric[]::float8[])`;
    default: return null;
  }
}
