import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import type { FieldDef, ObjectDef } from '../../metadata/types.js';
import { dedupeKeys, normaliseCompanyName } from '../dedupe/dedupe-keys.js';
import { clip, compact, phoneDigits, pinyinForms, reverse, segments, stripAccents, textTokens } from './tokens.js';

export interface IndexRow {
  workspace_id: string;
  object: string;
  record_id: string;
  name: string;
  keys: string[];
  tokens: string[];
  dedupe: string[];
}

const INDEXED_TYPES = new Set(['text', 'phone', 'email', 'url', 'autoNumber']);
/** Marks the exact keys of the name among the tokens (no field name or query term contains it). */
export const KEY = '#';
/** Objects whose name is a person's: pinyin reads the first character as a surname (单 → shan). */
const PERSON_OBJECTS = new Set(['contacts', 'leads']);
const COMPANY_OBJECTS = new Set(['accounts']);

/** Fields besides the name whose values are searchable; long texts stay out of the index. */
export function indexedFields(obj: ObjectDef): FieldDef[] {
  return obj.fields.filter((f) => f.status === 'active' && f.apiName !== 'name' && f.apiName !== 'id' && INDEXED_TYPES.has(f.type));
}

export function fieldValue(f: FieldDef, row: Record<string, any>): unknown {
  return f.column ? row[f.column] : row.custom?.[f.apiName];
}

/** Tokens of the name (unprefixed) and its exact keys, which rank exact and prefix matches first. */
function nameTokens(obj: ObjectDef, name: string): { tokens: string[]; keys: string[] } {
  const segs = segments(name);
  const tokens = textTokens(segs);
  const folded = compact(segs);
  const keys = [folded, stripAccents(folded)];
  const py = pinyinForms(segs, PERSON_OBJECTS.has(obj.apiName));
  if (py) {
    // Mid-name starts matter in long company names (xingchen in 上海星辰科技); a person's 2–3 syllables have them already.
    tokens.push(...py.syllables, py.full, py.initials, ...(PERSON_OBJECTS.has(obj.apiName) ? [] : py.tails));
    keys.push(py.full, py.initials);
  }
  if (COMPANY_OBJECTS.has(obj.apiName)) {
    const base = normaliseCompanyName(name);
    keys.push(base);
    const basePy = pinyinForms(base, false);
    if (basePy) keys.push(basePy.full, basePy.initials);
  }
  return { tokens, keys };
}

/**
 * Tokens of other fields carry the field's name (`mobile:138…`), so a search can leave out fields hidden
 * from the viewer and match masked ones only as a whole. Phones add their digits reversed (`mobile~:`)
 * for searches by the last digits; e-mail domains sit under `email@:`.
 */
function fieldTokens(f: FieldDef, value: string): string[] {
  const p = f.apiName;
  if (f.type === 'phone') return phoneDigits(value).flatMap((d) => [`${p}:${d}`, `${p}~:${reverse(d)}`]);
  if (f.type === 'email') {
    const at = value.lastIndexOf('@');
    const local = segments(at > 0 ? value.slice(0, at) : value);
    const domain = segments(at > 0 ? value.slice(at + 1) : '');
    return [
      `${p}:${compact(local)}`, ...textTokens(local).map((t) => `${p}:${t}`),
      `${p}@:${compact(domain)}`, ...textTokens(domain).map((t) => `${p}@:${t}`),
    ];
  }
  if (f.type === 'url') {
    let host = value;
    try { host = new URL(value).hostname.replace(/^www\./, ''); } catch { /* not a URL: index the text */ }
    return textTokens(host).map((t) => `${p}:${t}`);
  }
  return textTokens(value).map((t) => `${p}:${t}`);
}

/** The index row of a stored record row (snake_case columns, custom jsonb). */
export function buildIndexRow(obj: ObjectDef, row: Record<string, any>, workspaceId: string): IndexRow {
  const name = typeof row.name === 'string' ? row.name : '';
  const { tokens, keys } = nameTokens(obj, name);
  for (const f of indexedFields(obj)) {
    const v = fieldValue(f, row);
    if (typeof v === 'string' && v !== '') tokens.push(...fieldTokens(f, v));
  }
  const exact = clip(keys);
  return {
    workspace_id: workspaceId, object: obj.apiName, record_id: row.id, name,
    keys: exact, tokens: clip([...tokens, ...exact.map((k) => `${KEY}${k}`)]), dedupe: dedupeKeys(obj, row),
  };
}

/** Writes index rows (of one workspace) in one statement; the last row of a record wins when it appears twice. */
export async function upsertIndexRows(trx: Trx, rows: IndexRow[]): Promise<void> {
  if (rows.length === 0) return;
  const unique = [...new Map(rows.map((r) => [`${r.object}:${r.record_id}`, r])).values()];
  const data = JSON.stringify(unique.map((r) => ({ o: r.object, r: r.record_id, n: r.name, k: r.keys, t: r.tokens, d: r.dedupe })));
  await sql`insert into search_index (workspace_id, object, record_id, name, keys, tokens, dedupe, updated_at)
    select ${unique[0].workspace_id}::uuid, r.o, r.r, r.n, r.k, array_to_tsvector(r.t), r.d, now()
    from jsonb_to_recordset(${data}::jsonb) as r(o text, r uuid, n text, k text[], t text[], d text[])
    on conflict (workspace_id, object, record_id) do update set name = excluded.name, keys = excluded.keys,
      tokens = excluded.tokens, dedupe = excluded.dedupe, updated_at = excluded.updated_at`.execute(trx);
}
