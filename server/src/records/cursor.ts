import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../platform/errors.js';

export interface SortKey {
  expr: RawBuilder<unknown>; key: string; desc: boolean; cast: string;
  /** The column can never be NULL (id, createdAt, updatedAt): no NULLS LAST branch is needed. */
  notNull?: boolean;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

export function decodeCursor(cursor: string, n: number): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== n) throw new Error('shape');
    return v;
  } catch {
    throw new AppError(400, 'error.badCursor');
  }
}

/**
 * Rows strictly after the cursor's row in the given order (NULLS LAST in both directions), as
 * (k1 after v1) or (k1 = v1 and k2 after v2) or … — keyset paging that stays fast on any page.
 */
export function afterCursor(keys: SortKey[], values: unknown[]): RawBuilder<boolean> {
  // Keys that are never NULL and all in one direction (createdAt desc, id desc): a row comparison, which
  // PostgreSQL reads as a range of the list index, where the OR form below makes it filter row by row.
  if (keys.every((k, i) => k.notNull && k.desc === keys[0].desc && values[i] !== null)) {
    const cols = sql.join(keys.map((k) => k.expr));
    const vals = sql.join(keys.map((k, i) => sql`${values[i]}::${sql.raw(k.cast)}`));
    return sql<boolean>`(${cols}) ${sql.raw(keys[0].desc ? '<' : '>')} (${vals})`;
  }
  const ors: RawBuilder<boolean>[] = [];
  for (let i = 0; i < keys.length; i++) {
    const eqs = keys.slice(0, i).map((k, j) => (values[j] === null
      ? sql<boolean>`${k.expr} is null`
      : sql<boolean>`${k.expr} = ${values[j]}::${sql.raw(k.cast)}`));
    const k = keys[i];
    const v = values[i];
    if (v === null) continue; // nothing sorts after NULL in this key: NULLS LAST
    const after = k.notNull
      ? sql<boolean>`${k.expr} ${sql.raw(k.desc ? '<' : '>')} ${v}::${sql.raw(k.cast)}`
      : sql<boolean>`(${k.expr} ${sql.raw(k.desc ? '<' : '>')} ${v}::${sql.raw(k.cast)} or ${k.expr} is null)`;
    ors.push(eqs.length ? sql<boolean>`(${sql.join([...eqs, after], sql` and `)})` : after);
  }
  return ors.length ? sql<boolean>`(${sql.join(ors, sql` or `)})` : sql<boolean>`false`;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL text cannot hold
const BAD_TEXT_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function validDateParts(y: string, m: string, d: string, bc: string | undefined): boolean {
  const t = new Date(0);
  t.setUTCFullYear(bc ? 1 - Number(y) : Number(y), Number(m) - 1, Number(d));
  return t.getUTCMonth() === Number(m) - 1 && t.getUTCDate() === Number(d);
}

/** The text form PostgreSQL gives a sort key (`(expr)::text`), checked so that casting it back cannot fail. */
function castable(cast: string, v: string): boolean {
  switch (cast) {
    case 'uuid': return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
    case 'numeric': return /^(-?\d+(\.\d+)?|NaN|-?Infinity)$/.test(v);
    case 'boolean': return v === 'true' || v === 'false';
    case 'date': {
      const m = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/.exec(v);
      return !!m && validDateParts(m[1], m[2], m[3], m[4]);
    }
    case 'timestamptz': {
      const m = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-]\d{2}(?::\d{2}){0,2}( BC)?$/.exec(v);
      return !!m && validDateParts(m[1], m[2], m[3], m[7]) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
    }
    default: return !BAD_TEXT_RE.test(v);
  }
}

const signature = (keys: SortKey[]) => keys.map((k) => `${k.desc ? '-' : ''}${k.key}`).join(',');

/** A list page's cursor: the sort it belongs to and the last row's sort-key values. */
export function encodeListCursor(keys: SortKey[], values: unknown[]): string {
  return encodeCursor([signature(keys), ...values]);
}

/** The sort-key values of a list cursor; 400 for a cursor of another sort or with values the keys cannot hold. */
export function decodeListCursor(cursor: string, keys: SortKey[]): unknown[] {
  const [sig, ...values] = decodeCursor(cursor, keys.length + 1);
  const ok = sig === signature(keys) && values.every((v, i) => v === null || (typeof v === 'string' && castable(keys[i].cast, v)));
  if (!ok) throw new AppError(400, 'error.badCursor');
  return values;
}
