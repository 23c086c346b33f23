import { pinyin } from 'pinyin-pro';

/**
 * Search tokens, made in application code at write time (index) and at read time (query) by the same
 * functions, so both sides always agree. PostgreSQL stores them verbatim (array_to_tsvector) and matches
 * whole tokens or, for words, prefixes (tsquery `:*`).
 */

const CJK_CLASS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
/** Runs of CJK characters, or runs of other letters, digits and combining marks; anything else separates. */
const SEGMENT = new RegExp(String.raw`([${CJK_CLASS}]+)|((?:(?![${CJK_CLASS}])[\p{L}\p{N}\p{M}])+)`, 'gu');
const MARKS = /\p{M}+/gu;
// eslint-disable-next-line no-control-regex -- the ASCII range
const NON_ASCII = /[^\x00-\x7f]/;
export const MAX_TOKEN = 100;

/** NFKC folds full-width letters, digits and the ideographic space; then lower case. ASCII is its own NFKC form. */
export function fold(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFKC').toLowerCase() : s.toLowerCase();
}

/** The text without accents: "crédito" → "credito". */
export function stripAccents(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFD').replace(MARKS, '').normalize('NFC') : s;
}

export interface Segment { kind: 'cjk' | 'word'; text: string }

/** Runs of CJK characters and runs of other letters and digits; everything else separates. */
export function segments(raw: string): Segment[] {
  const out: Segment[] = [];
  for (const m of fold(raw).matchAll(SEGMENT)) out.push(m[1] ? { kind: 'cjk', text: m[1] } : { kind: 'word', text: m[2] });
  return out;
}

/** Unigrams and bigrams of a CJK run: 张伟明 → 张 伟 明 张伟 伟明. */
export function cjkGrams(run: string): string[] {
  const chars = [...run];
  const out = [...chars];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Words and CJK grams of free text; accented words also without their accents. */
export function textTokens(raw: string | Segment[]): string[] {
  const out: string[] = [];
  for (const seg of typeof raw === 'string' ? segments(raw) : raw) {
    if (seg.kind === 'cjk') out.push(...cjkGrams(seg.text));
    else {
      out.push(seg.text);
      const plain = stripAccents(seg.text);
      if (plain !== seg.text) out.push(plain);
    }
  }
  return out;
}

export interface PinyinForms {
  syllables: string[];
  full: string;
  initials: string;
  /** full and initials from each syllable on (xingchenkeji…, xckj…), so a search may start mid-name. */
  tails: string[];
}

/** Names repeat (common names, a company's many contacts): their pinyin is kept for the next time. */
const pinyinCache = new Map<string, PinyinForms | null>();
const PINYIN_CACHE_MAX = 50_000;

/** Pinyin of the CJK characters of a name; person names read their first character as a surname. */
export function pinyinForms(raw: string | Segment[], person: boolean): PinyinForms | null {
  const han = (typeof raw === 'string' ? segments(raw) : raw).filter((s) => s.kind === 'cjk').map((s) => s.text).join('');
  if (!han) return null;
  const key = `${person ? 'p' : 'o'}${han}`;
  let forms = pinyinCache.get(key);
  if (forms === undefined) {
    forms = hanPinyin(han, person);
    if (pinyinCache.size >= PINYIN_CACHE_MAX) pinyinCache.clear();
    pinyinCache.set(key, forms);
  }
  return forms;
}

function hanPinyin(han: string, person: boolean): PinyinForms | null {
  if (!/\p{Script=Han}/u.test(han)) return null;
  const syllables = pinyin(han, { toneType: 'none', type: 'array', nonZh: 'removed', ...(person ? { surname: 'head' } : {}) })
    .map((s) => s.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, '')).filter(Boolean);
  if (syllables.length === 0) return null;
  const tails: string[] = [];
  for (let i = 1; i < Math.min(syllables.length, 16); i++) {
    tails.push(syllables.slice(i).join('').slice(0, 40), syllables.slice(i).map((s) => s[0]).join(''));
  }
  return { syllables, full: syllables.join(''), initials: syllables.map((s) => s[0]).join(''), tails };
}

const CN_INTL = /^\s*(\+|00)\s*86/;
const CN_MOBILE_86 = /^(0086|86)1[3-9]\d{9}$/;

/**
 * The digits of a mainland number as dialled at home: +86 138… → 138…, +86 21 6123 4567 → 02161234567,
 * so that a number typed with the country code and one typed without compare equal. Other numbers: their
 * digits. `nationalPhoneSql` is the same in SQL; the two must agree.
 */
export function nationalPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (!CN_INTL.test(raw) && !CN_MOBILE_86.test(digits)) return digits;
  const n = digits.replace(/^(0086|86)/, '');
  return /^(1[3-9]\d{9}|0)/.test(n) ? n : `0${n}`;
}

/** Only the digits of a phone number, and the national number too when it carries +86 / 0086. */
export function phoneDigits(raw: string): string[] {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 3) return [];
  const national = nationalPhone(raw);
  return national !== digits && national.length >= 3 ? [digits, national] : [digits];
}

export const reverse = (s: string) => [...s].reverse().join('');

/** A name folded for exact comparison: no spaces, no punctuation. */
export function compact(raw: string | Segment[]): string {
  return (typeof raw === 'string' ? segments(raw) : raw).map((s) => s.text).join('');
}

export function clip(tokens: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of tokens) if (t) out.add(t.length > MAX_TOKEN ? t.slice(0, MAX_TOKEN) : t);
  return [...out];
}

export interface QueryTerm {
  text: string;
  /** Word terms match as prefixes; CJK grams and long digit runs too, as typed. */
  prefix: boolean;
  digits: boolean;
}

const PHONE_QUERY = /^[\d\s\-+().]+$/;
export const MAX_TERMS = 10;

/**
 * What the user typed as terms that must all match: a phone-looking query is one digit term; CJK runs
 * become their bigrams (a single character stays a unigram); words match as prefixes.
 */
export function queryTerms(raw: string): QueryTerm[] {
  const q = fold(raw).trim();
  if (PHONE_QUERY.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3) return [{ text: digits, prefix: true, digits: true }];
  }
  const out: QueryTerm[] = [];
  for (const seg of segments(q)) {
    if (seg.kind === 'cjk') {
      const chars = [...seg.text];
      if (chars.length === 1) out.push({ text: chars[0], prefix: false, digits: false });
      for (let i = 0; i + 1 < chars.length; i++) out.push({ text: chars[i] + chars[i + 1], prefix: false, digits: false });
    } else {
      // A lone accent (´, ¨) folds to nothing; an empty lexeme is a tsquery syntax error.
      const text = stripAccents(seg.text).trim().slice(0, MAX_TOKEN);
      if (text) out.push({ text, prefix: true, digits: /^\d+$/.test(seg.text) });
    }
  }
  const seen = new Set<string>();
  return out.filter((t) => !seen.has(t.text) && seen.add(t.text)).slice(0, MAX_TERMS);
}
