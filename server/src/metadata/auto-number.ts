import { sql } from 'kysely';
import type { Trx } from '../db/tenant.js';
import type { FieldDef } from './types.js';

export const RESETS = ['never', 'daily', 'monthly', 'yearly'] as const;
export type Reset = (typeof RESETS)[number];

export interface AutoNumberOptions {
  prefix: string;
  /** YYYY, YY, MM and DD with - _ / . between them, e.g. YYYYMMDD; empty for no date part. */
  dateFormat: string;
  digits: number;
  reset: Reset;
}

export const DATE_FORMAT_RE = /^(YYYY|YY|MM|DD|[-_/.])*$/;

export function autoNumberOptions(field: Pick<FieldDef, 'options'>): AutoNumberOptions {
  const o = field.options ?? {};
  return { prefix: o.prefix ?? '', dateFormat: o.dateFormat ?? '', digits: o.digits ?? 4, reset: o.reset ?? 'never' };
}

/** A reset period needs the date parts that tell its periods apart, or numbers would repeat. */
export function resetNeeds(reset: Reset): string[] {
  if (reset === 'daily') return ['YY', 'MM', 'DD'];
  if (reset === 'monthly') return ['YY', 'MM'];
  if (reset === 'yearly') return ['YY'];
  return [];
}

/** The calendar date of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): { y: string; m: string; d: string } {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at).map((x) => [x.type, x.value]));
  return { y: p.year, m: p.month, d: p.day };
}

export function formatDate(format: string, at: Date, timeZone: string): string {
  const { y, m, d } = localParts(at, timeZone);
  return format.replace(/YYYY|YY|MM|DD/g, (tok) => ({ YYYY: y, YY: y.slice(2), MM: m, DD: d } as Record<string, string>)[tok]);
}

export function periodKey(reset: Reset, at: Date, timeZone: string): string {
  const { y, m, d } = localParts(at, timeZone);
  if (reset === 'daily') return `${y}-${m}-${d}`;
  if (reset === 'monthly') return `${y}-${m}`;
  if (reset === 'yearly') return y;
  return '';
}

export function formatAutoNumber(o: AutoNumberOptions, seq: number, at: Date, timeZone: string): string {
  return `${o.prefix}${formatDate(o.dateFormat, at, timeZone)}${String(seq).padStart(o.digits, '0')}`;
}

/**
 * The next number of the field's sequence in the current period. The upsert locks the counter row until
 * the creating transaction ends, so parallel creates get distinct consecutive numbers, and a failed create
 * releases its number to the next one.
 */
export async function nextAutoNumber(trx: Trx, workspaceId: string, field: FieldDef, at: Date, timeZone: string): Promise<string> {
  const o = autoNumberOptions(field);
  const period = periodKey(o.reset, at, timeZone);
  const res = await sql<{ value: number }>`insert into metadata_counters (workspace_id, field_id, period, value, updated_at)
    values (${workspaceId}::uuid, ${field.id}::uuid, ${period}, 1, now())
    on conflict (workspace_id, field_id, period) do update set value = metadata_counters.value + 1, updated_at = now()
    returning value`.execute(trx);
  return formatAutoNumber(o, Number(res.rows[0].value), at, timeZone);
}
