import { FIELD_TYPE_SPECS } from '../../metadata/field-types.js';
import type { FieldDef, ObjectDef } from '../../metadata/types.js';
import type { FieldIssue } from '../errors.js';
import { HEADER_RANK, HEADER_SYNONYMS, headerKey } from './header-synonyms.js';

/** One target of the import: a field filled from columns (or a constant), how, and how to find related records. */
export interface MappingEntry {
  /** A field API name, `address.street|city|province|district|postalCode|country`, or `$externalId`. */
  field: string;
  columns?: string[];
  /** A constant for every row instead of columns. */
  value?: string;
  /** Several columns: the first non-empty one, a person's name from given/middle/family parts, or all joined. */
  combine?: 'first' | 'person' | 'join';
  /** Relations and users: which of the target's values the cell holds. */
  match?: string;
  /** Relations: a cell naming no record fails the row, leaves the field empty, or creates the record (by name). */
  onMissing?: 'error' | 'ignore' | 'create';
  /** Select, multi-select and boolean: cell text → option value. */
  values?: Record<string, string>;
}

export type DuplicatePolicy = 'create' | 'skip' | 'update';
export const ADDRESS_PARTS = ['street', 'city', 'province', 'district', 'postalCode', 'country'];
const NOT_IMPORTABLE = new Set(['file', 'autoNumber', 'formula']);

export function importableField(obj: ObjectDef, apiName: string): FieldDef | undefined {
  const f = obj.fields.find((x) => x.apiName === apiName && x.status === 'active');
  if (!f || NOT_IMPORTABLE.has(f.type) || FIELD_TYPE_SPECS[f.type].computed) return undefined;
  if ((f.system || f.readonly) && f.apiName !== 'ownerId') return undefined;
  return f;
}

interface Target { field: string; match?: string; part?: string }

/** A synonym target the object has, e.g. 'accountId:name' on contacts, 'address.city' where there is an address. */
function resolve(obj: ObjectDef, cand: string): Target | null {
  if (cand === '$externalId') return { field: cand };
  if (cand.startsWith('name:')) return { field: 'name', part: cand.slice(5) };
  if (cand.startsWith('address.')) {
    const f = importableField(obj, 'address');
    return f?.type === 'address' ? { field: cand } : null;
  }
  const [field, match] = cand.split(':');
  const f = importableField(obj, field);
  if (!f) return null;
  if (f.type === 'relation' || f.type === 'user' || f.type === 'department') return { field, match: match ?? (f.type === 'user' ? 'email' : 'name') };
  return match ? null : { field };
}

/**
 * Fields whose API name or label (either language) is the header, then the synonym table. A header
 * spelling a relation's API name (AccountId) holds the other system's ids; one spelling a user field's
 * (OwnerId) holds ids this workspace cannot know, so it is left for the user to map.
 */
function candidates(obj: ObjectDef, column: string): string[] {
  const key = headerKey(column);
  const direct: string[] = [];
  for (const f of obj.fields) {
    if (f.status !== 'active') continue;
    const byLabel = Object.values(f.label ?? {}).some((l) => l && headerKey(l) === key);
    const byName = headerKey(f.apiName) === key;
    if (byLabel) direct.push(f.apiName);
    else if (byName && f.type === 'relation') direct.push(`${f.apiName}:externalId`);
    else if (byName && f.type !== 'user') direct.push(f.apiName);
  }
  return [...direct, ...(HEADER_SYNONYMS.get(key) ?? [])];
}

/**
 * The mapping suggested for a file's columns: each column to the first target its name suggests; more
 * columns for one field are coalesced (e-mail work/home/other), split names are joined back.
 */
export function suggestMapping(obj: ObjectDef, columns: string[]): MappingEntry[] {
  const entries = new Map<string, MappingEntry>();
  const parts: Record<string, string> = {};
  for (const column of columns) {
    for (const cand of candidates(obj, column)) {
      const t = resolve(obj, cand);
      if (!t) continue;
      if (t.part) { parts[t.part] ??= column; break; }
      const e = entries.get(t.field);
      if (e) { if (e.field !== '$externalId' && e.field !== 'name') { e.columns!.push(column); e.combine = 'first'; } break; }
      // An owner the workspace does not know leaves the record with the importer (a warning), not a failed row.
      const onMissing = t.field === 'ownerId' ? 'ignore' as const : 'error' as const;
      entries.set(t.field, { field: t.field, columns: [column], ...(t.match ? { match: t.match, onMissing } : {}) });
      break;
    }
  }
  const rank = (c: string) => HEADER_RANK.get(headerKey(c)) ?? -1;
  for (const e of entries.values()) if (e.combine === 'first') e.columns!.sort((a, b) => rank(a) - rank(b));
  const person = ['given', 'middle', 'family'].map((p) => parts[p]).filter(Boolean);
  if (!entries.has('name') && person.length) entries.set('name', { field: 'name', columns: person, combine: 'person' });
  return [...entries.values()];
}

const MATCH_BY_TYPE: Record<string, string[]> = { user: ['email', 'name', 'id'], department: ['name', 'id'] };

function checkMatch(md: Map<string, ObjectDef>, f: FieldDef, e: MappingEntry, at: string, issues: FieldIssue[]): void {
  if (f.type === 'relation') {
    const target = md.get(f.options?.target);
    const ok = ['name', 'id', 'externalId'].includes(e.match ?? 'name')
      || !!target?.fields.some((x) => x.apiName === e.match && ['text', 'email', 'phone', 'autoNumber'].includes(x.type));
    if (!ok) issues.push({ field: `${at}.match`, code: 'import.badMatch', params: { match: String(e.match) } });
    if (e.onMissing === 'create' && (e.match ?? 'name') !== 'name') issues.push({ field: `${at}.onMissing`, code: 'import.createNeedsName' });
  } else if (MATCH_BY_TYPE[f.type]) {
    if (e.match && !MATCH_BY_TYPE[f.type].includes(e.match)) issues.push({ field: `${at}.match`, code: 'import.badMatch', params: { match: e.match } });
    if (e.onMissing === 'create') issues.push({ field: `${at}.onMissing`, code: 'import.createNeedsName' });
  } else if (e.match || e.onMissing) issues.push({ field: `${at}.match`, code: 'import.badMatch', params: { match: String(e.match ?? e.onMissing) } });
}

/** Every problem of a mapping at once, as field issues (`mapping.2.columns`, `matchFields`…). */
export function checkMapping(obj: ObjectDef, md: Map<string, ObjectDef>, columns: string[], mapping: MappingEntry[],
  policy: DuplicatePolicy, matchFields: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const known = new Set(columns);
  mapping.forEach((e, i) => {
    const at = `mapping.${i}`;
    const base = e.field.startsWith('address.') ? 'address' : e.field;
    const f = e.field === '$externalId' ? undefined : importableField(obj, base);
    if (e.field !== '$externalId' && (!f || (e.field.startsWith('address.') && (f.type !== 'address' || !ADDRESS_PARTS.includes(e.field.slice(8)))))) {
      issues.push({ field: `${at}.field`, code: 'import.badTarget', params: { field: e.field } });
      return;
    }
    if (seen.has(e.field)) issues.push({ field: `${at}.field`, code: 'import.duplicateTarget', params: { field: e.field } });
    seen.add(e.field);
    const hasColumns = Array.isArray(e.columns) && e.columns.length > 0;
    if (hasColumns === (e.value !== undefined)) issues.push({ field: `${at}.columns`, code: 'import.columnsOrValue' });
    for (const c of e.columns ?? []) if (!known.has(c)) issues.push({ field: `${at}.columns`, code: 'import.unknownColumn', params: { column: c } });
    if (f) checkMatch(md, f, e, at, issues);
    if (e.values && (!f || !['select', 'multiSelect', 'boolean'].includes(f.type))) issues.push({ field: `${at}.values`, code: 'import.valuesNotApplicable' });
  });
  // Rows that create records need a name; an update-only run may leave it out and match by other fields.
  if (policy !== 'update' && !seen.has('name')) issues.push({ field: 'mapping', code: 'import.nameRequired' });
  if (policy !== 'create' && matchFields.length === 0) issues.push({ field: 'matchFields', code: 'import.matchFieldsRequired' });
  for (const m of matchFields) if (!seen.has(m)) issues.push({ field: 'matchFields', code: 'import.matchFieldNotMapped', params: { field: m } });
  return issues;
}
