import { sql, type RawBuilder } from 'kysely';
import { FIELD_TYPE_SPECS } from '../../metadata/field-types.js';
import type { FieldDef, ObjectDef } from '../../metadata/types.js';
import type { RecordCtx } from '../../records/record-context.js';
import { fieldAccess } from '../access.js';
import { indexedFields } from './search-index.js';
import { compact, fold, queryTerms, reverse, type QueryTerm } from './tokens.js';

interface SearchField { name: string; type: string; restricted: boolean }

/** A tsquery lexeme, quoted; `:*` makes it a prefix. */
export function lex(text: string, prefix: boolean): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

/**
 * The fields a viewer may search by. Masked ones (phone, e-mail, sensitive fields of viewers who may not
 * unmask) are "restricted": they match only a whole value, or no more than the mask itself shows (the
 * first 3 and last 4 digits of a phone, the domain of an e-mail), so no one can spell out a hidden number
 * by searching prefix after prefix.
 */
function searchFields(ctx: RecordCtx, obj: ObjectDef): SearchField[] {
  return indexedFields(obj)
    .filter((f) => fieldAccess(ctx.auth.access, obj.apiName, f.apiName) !== 'hidden')
    .map((f: FieldDef) => ({
      name: f.apiName, type: f.type,
      restricted: !!(FIELD_TYPE_SPECS[f.type].maskedByDefault || f.sensitive),
    }));
}

function fieldAlternatives(f: SearchField, t: QueryTerm, masked: boolean): string[] {
  const r = masked && f.restricted;
  const p = f.name;
  if (f.type === 'phone') {
    // Numbers match from the start (3 digits or more) or the end (4 or more: "the last four").
    if (!t.digits || t.text.length < 3) return [];
    const tail = t.text.length >= 4 ? [lex(`${p}~:${reverse(t.text)}`, true)] : [];
    if (!r) return [lex(`${p}:${t.text}`, true), ...tail];
    return [lex(`${p}:${t.text}`, false), ...(t.text.length <= 3 ? [lex(`${p}:${t.text}`, true)] : []),
      ...(t.text.length === 4 ? tail : [])];
  }
  if (f.type === 'email') return [lex(`${p}:${t.text}`, t.prefix && !r), lex(`${p}@:${t.text}`, t.prefix)];
  return [lex(`${p}:${t.text}`, t.prefix && !r)];
}

/** Every term must match the name or one of the fields; `masked` applies the restrictions above. */
function tsquery(terms: QueryTerm[], fields: SearchField[], masked: boolean): string {
  return terms.map((t) => `(${[lex(t.text, t.prefix), ...fields.flatMap((f) => fieldAlternatives(f, t, masked))].join(' | ')})`).join(' & ');
}

export interface MatchSql {
  /** Predicate on search_index alias s and the record alias t. */
  where: RawBuilder<boolean>;
  /** The query folded like the name keys, for the exact and prefix ranks. */
  exact: string;
  /** Every term matches the name itself (rather than a phone, e-mail or other field). */
  nameOnly: string;
}

/**
 * The index condition of a query for one object and viewer, or null when the query has no terms. A viewer
 * who may not unmask gets the full match on their own records only (they see those unmasked anyway).
 */
export function matchSql(ctx: RecordCtx, obj: ObjectDef, q: string, s = 's', t = 't'): MatchSql | null {
  const terms = queryTerms(q);
  if (terms.length === 0) return null;
  const fields = searchFields(ctx, obj);
  const full = tsquery(terms, fields, false);
  const tokens = sql.ref(`${s}.tokens`);
  const needsMask = !ctx.auth.access.canUnmask && fields.some((f) => f.restricted);
  const where = needsMask
    ? sql<boolean>`(${tokens} @@ ${tsquery(terms, fields, true)}::tsquery or (${sql.ref(`${t}.owner_id`)} = ${ctx.auth.userId}::uuid and ${tokens} @@ ${full}::tsquery))`
    : sql<boolean>`${tokens} @@ ${full}::tsquery`;
  return { where, exact: compact(fold(q)), nameOnly: terms.map((x) => lex(x.text, x.prefix)).join(' & ') };
}
