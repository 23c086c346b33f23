import type { Trx } from '../../db/tenant.js';
import { localDay } from './numbering-format.js';

/** Due dates, expiry and numbering follow the workspace's calendar, whoever triggers them. */
export async function workspaceTimeZone(trx: Trx, workspaceId: string): Promise<string> {
  const row = await trx.selectFrom('workspaces').select('time_zone').where('id', '=', workspaceId).executeTakeFirst();
  return row?.time_zone ?? 'Asia/Shanghai';
}

/** YYYY-MM-DD of an instant in a time zone. */
export function isoDay(at: Date, timeZone: string): string {
  const d = localDay(at, timeZone);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

export function addDays(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
