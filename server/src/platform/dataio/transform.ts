import type { FieldDef, ObjectDef } from '../../metadata/types.js';
import { CoerceError, coerceBoolean, coerceDate, coerceDateTime, coerceEmail, coerceNumber, coerceOption, coercePhone, coerceUrl, splitMulti, type Coerced } from './coerce.js';
import { clean, type SourceRow } from './csv-source.js';
import { importableField, type MappingEntry } from './mapping.js';

/** A problem of one row: with severity 'warning' the row was imported without the value. */
export interface ImportIssue {
  row: number;
  column: string | null;
  field: string | null;
  code: string;
  params?: Record<string, unknown>;
  value?: string;
  severity: 'error' | 'warning';
}

export interface CompiledEntry extends MappingEntry {
  f?: FieldDef;
  idx: number[];
  /** The source column(s) as the error report names them. */
  label: string;
}

export interface Plan { obj: ObjectDef; entries: CompiledEntry[]; byField: Map<string, CompiledEntry> }

/** A checked mapping with column positions resolved. */
export function compilePlan(obj: ObjectDef, columns: string[], mapping: MappingEntry[]): Plan {
  const entries = mapping.map((e) => ({
    ...e,
    f: e.field === '$externalId' ? undefined : importableField(obj, e.field.startsWith('address.') ? 'address' : e.field),
    idx: (e.columns ?? []).map((c) => columns.indexOf(c)),
    label: e.columns?.join(' + ') ?? '',
  }));
  const byField = new Map(entries.map((e) => [e.field.startsWith('address.') ? 'address' : e.field, e]));
  return { obj, entries, byField };
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The entry's text for a row: a constant, the first non-empty column, all joined, or a person's name. */
export function cellText(e: CompiledEntry, cells: string[]): string {
  // A constant is trimmed like a cell (a leading byte-order mark would not even survive every engine).
  if (e.value !== undefined) return clean(e.value);
  const parts = e.idx.map((i) => cells[i] ?? '');
  if (e.combine === 'person') {
    const given = parts[0] ?? '';
    const family = parts.length > 1 ? parts[parts.length - 1] : '';
    if (CJK.test(given + family)) return `${family}${given}`;
    return parts.filter(Boolean).join(' ');
  }
  if (e.combine === 'join') return parts.filter(Boolean).join(' ');
  return parts.find((p) => p !== '') ?? '';
}

function coerce(f: FieldDef, e: CompiledEntry, raw: string, timeZone: string): Coerced {
  switch (f.type) {
    case 'number': case 'currency': case 'percent': return coerceNumber(raw);
    case 'date': return coerceDate(raw);
    case 'datetime': return coerceDateTime(raw, timeZone);
    case 'boolean': return e.values && raw in e.values ? coerceBoolean(e.values[raw]) : coerceBoolean(raw);
    case 'select': return coerceOption(raw, f, e.values);
    case 'multiSelect': {
      const out: string[] = [];
      for (const v of splitMulti(raw)) {
        const c = coerceOption(v, f, e.values);
        if (c instanceof CoerceError) return c;
        out.push(c as string);
      }
      return out;
    }
    case 'phone': return coercePhone(raw);
    case 'email': return coerceEmail(raw);
    case 'url': return coerceUrl(raw);
    default: return raw;
  }
}

export interface Prepared {
  row: number;
  body: Record<string, unknown>;
  externalId: string | null;
  /** Relations, users and departments to look up in bulk: the cell's candidate values (entry by field). */
  refs: { entry: CompiledEntry; candidates: string[] }[];
  issues: ImportIssue[];
  /** The source says to skip the row (message key). */
  skip?: string;
}

/** One source row → a records API body; bad values fail the row, or are dropped with a warning. */
export function prepareRow(plan: Plan, src: SourceRow, timeZone: string, dropInvalid: boolean): Prepared {
  const out: Prepared = { row: src.row, body: {}, externalId: null, refs: [], issues: [], skip: src.skip };
  if (src.error) {
    out.issues.push({ row: src.row, column: null, field: null, code: src.error, severity: 'error' });
    return out;
  }
  for (const e of plan.entries) {
    const raw = cellText(e, src.cells);
    if (raw === '') continue;
    if (e.field === '$externalId') { out.externalId = raw; continue; }
    if (e.field.startsWith('address.')) {
      out.body.address = { ...(out.body.address as object ?? {}), [e.field.slice(8)]: raw };
      continue;
    }
    const f = e.f!;
    if (f.type === 'relation' || f.type === 'user' || f.type === 'department') {
      const multi = e.match === 'email' ? raw.split(/[\s,;]+/).filter(Boolean) : [raw];
      out.refs.push({ entry: e, candidates: multi });
      continue;
    }
    const v = coerce(f, e, raw, timeZone);
    if (v instanceof CoerceError) {
      out.issues.push({ row: src.row, column: e.label, field: f.apiName, code: v.code, params: v.params, value: raw, severity: dropInvalid ? 'warning' : 'error' });
    } else out.body[f.apiName] = v;
  }
  return out;
}
