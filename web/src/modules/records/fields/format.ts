import { localize } from '../../../ui/localized-text';
import type { FieldMeta } from '../records-api';

export function optionLabel(field: FieldMeta, value: unknown, language: string): string {
  const option = field.options?.options?.find((o) => o.value === value);
  return option ? localize(option.label, language, String(value)) : String(value);
}

export function addressText(value: unknown): string {
  if (!value || typeof value !== 'object') return String(value ?? '');
  const a = value as Record<string, unknown>;
  return ['country', 'province', 'city', 'district', 'street', 'postalCode']
    .map((k) => a[k])
    .filter((v, i, all) => typeof v === 'string' && v !== '' && all.indexOf(v) === i)
    .join(' ');
}

/** Only web links: a stored `javascript:` URL must never become clickable. */
export function safeHref(value: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function formatDateTime(value: string, language: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(language, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
}

/** Dates are calendar days without a time zone: formatted as UTC so they never shift a day. */
export function formatDate(value: string, language: string): string {
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(d);
}

export function formatNumber(value: unknown, language: string, options?: Intl.NumberFormatOptions): string {
  const n = Number(value);
  return Number.isFinite(n) ? new Intl.NumberFormat(language, options).format(n) : String(value);
}

/** "3 minutes ago" style, falling back to the full time after a week. */
export function formatRelative(value: string, language: string, now = Date.now()): string {
  const at = new Date(value).getTime();
  if (Number.isNaN(at)) return value;
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  return formatDateTime(value, language);
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
    || (typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((v) => v === '' || v == null));
}

/** Plain text of a value for places that cannot hold components (timeline sentences, confirmations). */
export function plainValue(field: FieldMeta | undefined, value: unknown, language: string): string {
  if (isEmptyValue(value)) return '—';
  if (!field) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  switch (field.type) {
    case 'select': return optionLabel(field, value, language);
    case 'multiSelect': return (Array.isArray(value) ? value : [value]).map((v) => optionLabel(field, v, language)).join(', ');
    case 'datetime': return formatDateTime(String(value), language);
    case 'date': return formatDate(String(value), language);
    case 'address': return addressText(value);
    case 'boolean': return value ? '✓' : '✗';
    case 'currency': return formatNumber(value, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'number': return formatNumber(value, language);
    default: return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
