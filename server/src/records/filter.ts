import { sql, type RawBuilder } from 'kysely';
import type { FieldDef, ObjectDef } from '../metadata/types.js';
import { FIELD_TYPE_SPECS, FieldError } from '../metadata/field-types.js';
import { indexHint } from '../metadata/custom-sql.js';
import { fieldAccess } from '../platform/access.js';
import { AppError } from '../platform/errors.js';
import { subordinates } from '../platform/org.service.js';
import { fieldByName, fieldSql } from './columns.js';
import type { RecordCtx } from './record-context.js';
import { relativeRange } from './relative-dates.js';

export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | { field: string; op: string; value?: unknown };

const MAX_DEPTH = 8;
const MAX_NODES = 200;

const bad = (detail: string) => new AppError(400, 'error.badFilter', { detail });
// eslint-disable-next-line no-control-regex -- NUL and unpaired surrogates cannot be sent to PostgreSQL as text
const BAD_TEXT_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ID_OPS = ['eq', 'neq', 'in', 'isNull'];

/** Text a filter compares with: a stored value can never contain NUL or half a surrogate pair. */
export function filterText(field: string, value: unknown): string {
  if (typeof value !== 'string') throw bad(`${field}: expected text`);
  if (BAD_TEXT_RE.test(value)) throw bad(`${field}: contains characters that cannot be stored`);
  return value;
}

/** Turns the API's JSON condition tree into SQL, with every value bound as a parameter. */
export function filterSql(ctx: RecordCtx, obj: ObjectDef, node: unknown, alias = 't'): RawBuilder<boolean> {
  let count = 0;
  const walk = (n: unknown, depth: number): RawBuilder<boolean> => {
    if (++count > MAX_NODES) throw bad(`more than ${MAX_NODES} conditions`);
    if (depth > MAX_DEPTH) throw bad(`nested deeper than ${MAX_DEPTH}`);
    if (typeof n !== 'object' || n === null || Array.isArray(n)) throw bad('each condition must be an object');
    const o = n as Record<string, unknown>;
    if ('and' in o || 'or' in o) {
      const list = (o.and ?? o.or) as unknown;
      if (!Array.isArray(list)) throw bad('"and" and "or" take a list');
      if (list.length === 0) return sql<boolean>`true`;
      return sql<boolean>`(${sql.join(list.map((c) => walk(c, depth + 1)), 'and' in o ? sql` and ` : sql` or `)})`;
    }
    // A condition on an empty value is false, never unknown, so "not" keeps the records it did not match.
    if ('not' in o) return sql<boolean>`not coalesce((${walk(o.not, depth + 1)}), false)`;
    return condition(ctx, obj, o, alias);
  };
  return walk(node, 0);
}

function parseValue(field: FieldDef, value: unknown): unknown {
  if (field.type === 'autoNumber' || field.type === 'formula' || field.apiName === 'id') return value;
  if (['createdAt', 'updatedAt'].includes(field.apiName) || field.type === 'datetime') {
    const v = FIELD_TYPE_SPECS.datetime.parse(value, field);
    if (v instanceof FieldError) throw bad(`${field.apiName}: not a date-time`);
    return v;
  }
  if (['text', 'longText', 'richText', 'phone', 'email', 'url', 'select', 'multiSelect'].includes(field.type)) {
    return filterText(field.apiName, value);
  }
  const v = FIELD_TYPE_SPECS[field.type].parse(value, field);
  if (v instanceof FieldError) throw bad(`${field.apiName}: ${v.code}`);
  return v;
}

function condition(ctx: RecordCtx, obj: ObjectDef, c: Record<string, unknown>, alias: string): RawBuilder<boolean> {
  if (typeof c.field !== 'string' || typeof c.op !== 'string') throw bad('a condition needs "field" and "op"');
  const field = fieldByName(obj, c.field);
  // A hidden field is unknown to its viewer: filtering by it would reveal its values.
  if (!field || fieldAccess(ctx.auth.access, obj.apiName, field.apiName) === 'hidden') throw bad(`unknown field "${c.field}"`);
  const spec = FIELD_TYPE_SPECS[field.type];
  const op = c.op;
  const col = fieldSql(field, alias);
  const isId = field.apiName === 'id';
  if (isId ? !ID_OPS.includes(op) : !spec.ops.includes(op) && !(op === 'eq' || op === 'neq' || op === 'isNull')) {
    throw bad(`"${op}" does not apply to ${field.apiName}`);
  }
  const cast = isId ? 'uuid' : spec.cast;
  const val = (v: unknown) => (cast === 'jsonb' ? sql`${v}` : sql`${v}::${sql.raw(cast)}`);
  switch (op) {
    case 'isNull': {
      const empty = emptySql(field, col);
      return c.value === false ? sql<boolean>`not ${empty}` : empty;
    }
    case 'me': return sql<boolean>`${col} = ${ctx.auth.userId}::uuid`;
    case 'myTeam': return sql<boolean>`${col} = any(${[...subordinates(ctx.org, ctx.auth.userId)]}::uuid[])`;
    case 'relative': {
      const [from, to] = relativeRange(String(c.value), ctx.auth.timeZone, ctx.now);
      return field.type === 'date'
        ? sql<boolean>`(${col} >= ${from.slice(0, 10)}::date and ${col} < ${to.slice(0, 10)}::date)`
        : sql<boolean>`(${col} >= ${from}::timestamptz and ${col} < ${to}::timestamptz)`;
    }
    case 'in': {
      if (!Array.isArray(c.value) || c.value.length === 0 || c.value.length > 1000) throw bad('"in" takes a list of 1 to 1000 values');
      const values = c.value.map((v) => (isId ? checkId(v) : parseValue(field, v)));
      if (field.type === 'multiSelect') {
        return field.column ? sql<boolean>`${col} && ${values}::text[]` : sql<boolean>`${col} ?| ${values}::text[]`;
      }
      return withHint(sql<boolean>`${col} = any(${values}::${sql.raw(cast)}[])`, indexHint(field, op, values, alias));
    }
    case 'between': {
      if (!Array.isArray(c.value) || c.value.length !== 2) throw bad('"between" takes [from, to]');
      const range = [parseValue(field, c.value[0]), parseValue(field, c.value[1])];
      return withHint(sql<boolean>`(${col} between ${val(range[0])} and ${val(range[1])})`, indexHint(field, op, range, alias));
    }
    case 'contains': {
      if (field.type === 'multiSelect') {
        const v = parseValue(field, c.value);
        return field.column ? sql<boolean>`${v}::text = any(${col})` : sql<boolean>`${col} ? ${v}::text`;
      }
      const text = filterText(field.apiName, c.value);
      return sql<boolean>`${field.type === 'address' ? sql`${col}::text` : col} ilike ${'%' + escapeLike(text) + '%'}`;
    }
    case 'startsWith':
      return sql<boolean>`${col} ilike ${escapeLike(filterText(field.apiName, c.value)) + '%'}`;
    case 'eq': case 'neq': case 'lt': case 'lte': case 'gt': case 'gte': {
      if (c.value === null) return op === 'neq' ? sql<boolean>`${col} is not null` : sql<boolean>`${col} is null`;
      const v = isId ? checkId(c.value) : parseValue(field, c.value);
      const sqlOp = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
      if (field.type === 'multiSelect') throw bad(`"${op}" does not apply to ${field.apiName}`);
      const cmp = sql<boolean>`${col} ${sql.raw(sqlOp)} ${val(v)}`;
      return op === 'neq' ? sql<boolean>`(${cmp} or ${col} is null)` : withHint(cmp, indexHint(field, op, v, alias));
    }
    default:
      throw bad(`unknown operator "${op}"`);
  }
}

/** The exact condition, narrowed first by an index-friendly one where the field has such an index. */
function withHint(cmp: RawBuilder<boolean>, hint: RawBuilder<boolean> | null): RawBuilder<boolean> {
  return hint ? sql<boolean>`(${hint} and ${cmp})` : cmp;
}

/** "Is empty": no value, or an empty list or address (a multi-select column is never NULL). */
function emptySql(field: FieldDef, col: RawBuilder<unknown>): RawBuilder<boolean> {
  if (field.type === 'multiSelect' && field.column) return sql<boolean>`(${col} is null or cardinality(${col}) = 0)`;
  if (FIELD_TYPE_SPECS[field.type].cast === 'jsonb') return sql<boolean>`(${col} is null or ${col} in ('null'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
  return sql<boolean>`(${col} is null)`;
}

function checkId(v: unknown): string {
  if (typeof v !== 'string' || !/^[0-9a-f-]{36}$/i.test(v)) throw bad('ids are UUIDs');
  return v;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}
