import type { FieldDef } from '../../metadata/types.js';
import { fold } from '../search/tokens.js';
import { optionSynonym } from './header-synonyms.js';

/**
 * Spreadsheet text → the value the records API takes for a field type, accepting what other programs
 * write: 1,234.50 and ¥5万, 2026/1/31 and 01/31/2026 and 2026年1月31日, date-times with or without
 * offsets (read in the importer's time zone), yes/是/✓, option labels in either language, US phone
 * numbers, bare domains. The field type's own parse then validates the result as for any write.
 */
export class CoerceError {
  constructor(readonly code: string, readonly params: Record<string, unknown> = {}) {}
}

export type Coerced = unknown | CoerceError;

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && y <= 9999 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

interface Parts { y: number; m: number; d: number; time?: { h: number; mi: number; s: number; ms: number }; offset?: number }

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(am|pm|上午|下午)?)?\s*(Z)?\s*(?:(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`, 'i');
const YMD_CN = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日?${TIME}$`, 'i');
const COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(Z)?$`, 'i');
const MDY = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})${TIME}$`, 'i');

function timeParts(m: RegExpExecArray, at: number): Pick<Parts, 'time' | 'offset'> {
  const out: Pick<Parts, 'time' | 'offset'> = {};
  if (m[at] !== undefined) {
    let h = Number(m[at]);
    const ampm = (m[at + 4] ?? '').toLowerCase();
    if ((ampm === 'pm' || ampm === '下午') && h < 12) h += 12;
    if ((ampm === 'am' || ampm === '上午') && h === 12) h = 0;
    out.time = { h, mi: Number(m[at + 1]), s: Number(m[at + 2] ?? 0), ms: Number((m[at + 3] ?? '0').padEnd(3, '0').slice(0, 3)) };
  }
  // An explicit numeric offset wins over a Z in front of it (Salesforce writes 12:00:00.000Z-0300).
  if (m[at + 6]) out.offset = (m[at + 6] === '-' ? -1 : 1) * (Number(m[at + 7]) * 60 + Number(m[at + 8] ?? 0));
  else if (m[at + 5]) out.offset = 0;
  return out;
}

/** Date (and time) parts of the common spellings; day-first when the first number cannot be a month. */
export function dateParts(raw: string): Parts | null {
  const s = raw.trim();
  let m = YMD.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[3]), d: Number(m[4]), ...timeParts(m, 5) };
  m = YMD_CN.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), ...timeParts(m, 4) };
  m = COMPACT.exec(s);
  if (m) {
    const time = m[4] ? { h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0), ms: 0 } : undefined;
    return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), time, offset: m[7] ? 0 : undefined };
  }
  m = MDY.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [mo, d] = a > 12 ? [b, a] : [a, b];
    return { y: Number(m[3]), m: mo, d, ...timeParts(m, 4) };
  }
  return null;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function zoneOffset(timeZone: string, at: number): number {
  let f = offsetFormats.get(timeZone);
  if (!f) { f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }); offsetFormats.set(timeZone, f); }
  const part = f.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

export function coerceDate(raw: string): Coerced {
  // A date field takes the calendar date of a date-time, whatever its time part looks like.
  const iso = /^(\d{4}-\d{2}-\d{2})T/.exec(raw.trim());
  const p = dateParts(iso ? iso[1] : raw);
  if (!p || !validDate(p.y, p.m, p.d)) return new CoerceError('field.type.date');
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** A date-time as ISO 8601 UTC; without an offset it is wall-clock time in timeZone. */
export function coerceDateTime(raw: string, timeZone: string): Coerced {
  // "2026-01-31T09:30:00@Asia/Shanghai": wall-clock time in a named zone (iCalendar TZID).
  const zoned = /^(.*)@([A-Za-z][\w/+-]*)$/.exec(raw.trim());
  if (zoned) {
    try { new Intl.DateTimeFormat('en-US', { timeZone: zoned[2] }); return coerceDateTime(zoned[1], zoned[2]); } catch { /* not a zone */ }
  }
  const p = dateParts(raw);
  if (!p || !validDate(p.y, p.m, p.d)) return new CoerceError('field.type.datetime');
  const t = p.time ?? { h: 0, mi: 0, s: 0, ms: 0 };
  if (t.h > 23 || t.mi > 59 || t.s > 59) return new CoerceError('field.type.datetime');
  const wall = Date.UTC(p.y, p.m - 1, p.d, t.h, t.mi, t.s, t.ms);
  if (p.offset !== undefined) return new Date(wall - p.offset * 60_000).toISOString();
  return new Date(wallToInstant(wall, timeZone)).toISOString();
}

/** The instant a zone's clocks show a wall time; a time skipped by a DST change counts from before it (02:30 → 03:30). */
function wallToInstant(wall: number, timeZone: string): number {
  const first = wall - zoneOffset(timeZone, wall) * 60_000;
  const off = zoneOffset(timeZone, first);
  const second = wall - off * 60_000;
  return zoneOffset(timeZone, second) === off ? second : first;
}

const MULTIPLIERS: Record<string, string> = { '万': '4', '亿': '8', k: '3', m: '6' };

/** 1,234.50 / (1,234.50) / ¥5万 / 12.5% / 1 234,5 → a decimal string. */
export function coerceNumber(raw: string): Coerced {
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '').replace(/^(CNY|RMB|USD|EUR|GBP|JPY|HKD)/i, '').replace(/^[¥￥$€£]|元$/g, '').replace(/%$/, '');
  let neg = false;
  if (/^\(.*\)$/.test(s)) { neg = true; s = s.slice(1, -1); }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?/.test(s)) s = s.replace(/,/g, '');
  else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
  const mult = /^(-?\d+(?:\.\d+)?)(万|亿|k|m)$/i.exec(s);
  if (mult) {
    const [int, frac = ''] = mult[1].split('.');
    const shift = Number(MULTIPLIERS[mult[2].toLowerCase()] ?? MULTIPLIERS[mult[2]]);
    const digits = (frac + '0'.repeat(shift)).slice(0, shift);
    s = `${int}${digits}${frac.length > shift ? `.${frac.slice(shift)}` : ''}`.replace(/^(-?)0+(\d)/, '$1$2');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return new CoerceError('field.type.number');
  return neg ? `-${s}` : s;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'on', 'x', '✓', '✔', '√', '是', '对', '真', '有', 'checked', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off', '否', '不', '假', '无', 'unchecked', 'f', '']);

export function coerceBoolean(raw: string): Coerced {
  const s = fold(raw).trim();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return new CoerceError('field.type.boolean');
}

/** An option by its value or label (either language), or a known synonym from other CRMs' lists. */
export function coerceOption(raw: string, f: FieldDef, valueMap?: Record<string, string>): Coerced {
  if (valueMap && raw in valueMap) return valueMap[raw];
  const options: { value: string; label?: Record<string, string> }[] = f.options?.options ?? [];
  const key = fold(raw).replace(/[\s_-]+/g, '');
  const norm = (s: string) => fold(s).replace(/[\s_-]+/g, '');
  const hit = options.find((o) => o.value === raw) ?? options.find((o) => norm(o.value) === key)
    ?? options.find((o) => Object.values(o.label ?? {}).some((l) => norm(l) === key || norm(l).replace(/^[a-z]\s*/, '') === key));
  if (hit) return hit.value;
  const syn = optionSynonym(f.apiName, key);
  if (syn && options.some((o) => o.value === syn)) return syn;
  if (f.options?.free) return raw;
  return new CoerceError('field.option', { value: raw });
}

/** Mainland and E.164 numbers pass as written; US/Canada ten-digit numbers gain +1; extensions are dropped. */
export function coercePhone(raw: string): string {
  const s = raw.trim().replace(/^tel:/i, '').replace(/\s*(?:;ext=|ext\.?|x|#|转|分机)\s*\d+$/i, '');
  const digits = s.replace(/\D/g, '');
  if (!s.startsWith('+') && !s.startsWith('0') && /^[2-9]\d{9}$/.test(digits)) return `+1${digits}`;
  if (!s.startsWith('+') && /^1[2-9]\d{9}$/.test(digits) && !/^1[3-9]\d{9}$/.test(digits)) return `+${digits}`;
  return s;
}

export function coerceEmail(raw: string): string {
  const m = /[^\s<>"',;:()]+@[^\s<>"',;:()]+/.exec(raw);
  return m ? m[0] : raw.trim();
}

export function coerceUrl(raw: string): string {
  const s = raw.trim();
  return /^[a-z][a-z0-9+.-]*:/i.test(s) || !/^[\w-]+(\.[\w-]+)+([/?#].*)?$/.test(s) ? s : `http://${s}`;
}

/** Splits a multi-value cell: "vip, football-fan" / "A；B" / "a|b" / one per line. */
export function splitMulti(raw: string): string[] {
  return raw.split(/[,;|、，；\n]/).map((s) => s.trim()).filter(Boolean);
}
