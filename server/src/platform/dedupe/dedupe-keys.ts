import type { ObjectDef } from '../../metadata/types.js';
import { compact, fold, nationalPhone, segments, stripAccents } from '../search/tokens.js';

/**
 * Blocking keys of likely duplicates, stored with the search index row of each record: two records sharing
 * a key are candidates. Each key starts with its kind, whose weight is the similarity it stands for.
 */
export const KEY_WEIGHTS: Record<string, number> = { c: 1, e: 0.95, p: 0.9, n: 0.9, a: 0.85 };
export const KEY_REASONS: Record<string, string> = { c: 'creditCode', e: 'email', p: 'phone', n: 'name', a: 'nameInAccount' };

const CJK_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '株式会社', '集团', '公司'];
const LATIN_SUFFIXES = new Set([
  'co', 'ltd', 'limited', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'corp', 'corporation', 'company', 'gmbh',
  'ag', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'plc', 'pte', 'pty', 'kk', 'oy', 'ab', 'as', 'group',
  'kg', 'se', 'ltda', 'pvt', 'sdn', 'bhd',
]);
const BRACKETS = /[(（[【][^)）\]】]*[)）\]】]/g;

/**
 * A company name without its legal form, brackets or punctuation: 上海星辰科技有限公司 → 上海星辰科技,
 * "Acme Co., Ltd." → acme, "星辰科技（上海）有限公司" → 星辰科技.
 */
export function normaliseCompanyName(raw: string): string {
  const words = segments(stripAccents(fold(raw).replace(BRACKETS, ' '))).map((s) => s.text);
  while (words.length > 1 && LATIN_SUFFIXES.has(words[words.length - 1])) words.pop();
  let s = words.join('');
  for (let changed = true; changed && !CJK_SUFFIXES.includes(s);) {
    changed = false;
    for (const suf of CJK_SUFFIXES) {
      if (s.length > suf.length && s.endsWith(suf)) { s = s.slice(0, -suf.length); changed = true; }
    }
  }
  if (s.startsWith('株式会社') && s.length > 4) s = s.slice(4);
  return s || compact(raw);
}

/** A person's name in one order: Latin words sorted (Wei Zhang = Zhang Wei), CJK as written. */
export function normalisePersonName(raw: string): string {
  const segs = segments(stripAccents(raw));
  if (segs.some((s) => s.kind === 'cjk')) return segs.map((s) => s.text).join('');
  return segs.map((s) => s.text).sort().join(' ');
}

/** Digits a phone is compared by: mainland numbers as dialled at home (no +86; landlines with their 0). */
export function phoneKey(raw: string): string | null {
  const d = nationalPhone(raw);
  return d.length >= 6 ? d : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The blocking keys of one record, from its stored row. */
export function dedupeKeys(obj: ObjectDef, row: Record<string, any>): string[] {
  const keys = new Set<string>();
  const name = str(row.name);
  const add = (k: string | null, prefix: string) => { if (k) keys.add(`${prefix}:${k}`.slice(0, 200)); };
  if (obj.apiName === 'accounts') {
    if (name) add(normaliseCompanyName(name), 'n');
    const code = str(row.credit_code);
    if (code) add(code.replace(/[\s-]/g, '').toUpperCase(), 'c');
  }
  if (obj.apiName === 'contacts' || obj.apiName === 'leads') {
    for (const col of ['phone', 'mobile']) { const v = str(row[col]); if (v) add(phoneKey(v), 'p'); }
    const email = str(row.email);
    if (email) add(email.trim().toLowerCase(), 'e');
    if (obj.apiName === 'contacts' && name && row.account_id) add(`${row.account_id}:${normalisePersonName(name)}`, 'a');
  }
  return [...keys];
}
