import { isUuid } from '../../db/tenant.js';
import type { FieldIssue } from '../errors.js';
import { invalid } from '../errors.js';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type UserLocale = (typeof LOCALES)[number];

/** Collects field issues so one response names every bad input at once. */
export class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, code: string, params?: Record<string, unknown>): void {
    this.list.push({ field, code, ...(params ? { params } : {}) });
  }
  throwIfAny(): void {
    if (this.list.length) throw invalid(this.list);
  }
}

/**
 * A trimmed display text, or undefined when absent. Any Unicode is kept; only NUL is refused, because
 * PostgreSQL cannot store it in text.
 */
export function cleanText(v: unknown, field: string, issues: Issues, o: { max: number; required?: boolean }): string | undefined {
  if (v === undefined || v === null) {
    if (o.required) issues.add(field, 'field.required');
    return undefined;
  }
  if (typeof v !== 'string') { issues.add(field, 'field.type.text'); return undefined; }
  const s = v.trim();
  if (s === '') { if (o.required) issues.add(field, 'field.required'); return o.required ? undefined : ''; }
  if (s.includes('\u0000')) { issues.add(field, 'field.badCharacters'); return undefined; }
  if ([...s].length > o.max) { issues.add(field, 'field.tooLong', { max: o.max }); return undefined; }
  return s;
}

/** The canonical IANA name of a time zone the runtime knows, or null. Offsets like +08:00 are refused. */
export function canonicalTimeZone(tz: unknown): string | null {
  if (typeof tz !== 'string' || tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function timeZoneField(v: unknown, field: string, issues: Issues): string | undefined {
  if (v === undefined) return undefined;
  const tz = canonicalTimeZone(v);
  if (!tz) issues.add(field, 'identity.badTimeZone');
  return tz ?? undefined;
}

export function localeField(v: unknown, field: string, issues: Issues): UserLocale | undefined {
  if (v === undefined) return undefined;
  if (!LOCALES.includes(v as UserLocale)) { issues.add(field, 'identity.badLocale'); return undefined; }
  return v as UserLocale;
}

/** A plausible e-mail address, lower-cased; the directory keys on it. */
export function emailField(v: unknown, field: string, issues: Issues): string | undefined {
  if (typeof v !== 'string') { issues.add(field, 'field.required'); return undefined; }
  const e = v.trim().toLowerCase();
  if (e.length > 254 || e.includes('\u0000') || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) { issues.add(field, 'field.type.email'); return undefined; }
  return e;
}

/** An optional future instant; past or malformed ones are refused. */
export function futureDate(v: unknown, field: string, issues: Issues): Date | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) { issues.add(field, 'field.type.datetime'); return undefined; }
  if (d.getTime() <= Date.now()) { issues.add(field, 'identity.expiryInPast'); return undefined; }
  return d;
}

export function idOrNull(v: unknown): string | null {
  return isUuid(v) ? v.toLowerCase() : null;
}
