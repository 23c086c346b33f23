import { sql } from 'kysely';
import type { FieldDef, Locale, ObjectDef } from '../../metadata/types.js';
import { tableOf } from '../../records/columns.js';
import type { RecordCtx } from '../../records/record-context.js';
import { visibilitySql } from '../../records/visibility.js';
import { t } from '../i18n/i18n.js';

/** Names of the records, users and departments a page of records points at, looked up once per page. */
export type Names = Map<string, string>;

/** Related records by name (those the exporter may read), users and departments, for one page. */
export async function pageNames(ctx: RecordCtx, fields: FieldDef[], rows: Record<string, unknown>[], people: Names): Promise<Names> {
  const names: Names = new Map(people);
  for (const f of fields) {
    if (f.type !== 'relation') continue;
    const target = ctx.md.objects.get(f.options?.target);
    const ids = [...new Set(rows.map((r) => r[f.apiName]).filter((v): v is string => typeof v === 'string'))];
    if (!target || ids.length === 0) continue;
    const custom = target.isCustom ? sql`and t.object_id = ${target.id}::uuid` : sql``;
    const res = await sql<{ id: string; name: string }>`select t.id, t.name from ${sql.table(tableOf(target))} t
      where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.id = any(${ids}::uuid[]) ${custom}
      and ${visibilitySql(ctx, target, 'read')}`.execute(ctx.trx);
    for (const r of res.rows) names.set(r.id, r.name);
  }
  return names;
}

/** Users and departments of the workspace by id, for user and department columns. */
export async function peopleNames(ctx: RecordCtx): Promise<Names> {
  const users = await ctx.trx.selectFrom('users').select(['id', 'name']).where('workspace_id', '=', ctx.auth.workspaceId).execute();
  const depts = await ctx.trx.selectFrom('departments').select(['id', 'name']).where('workspace_id', '=', ctx.auth.workspaceId).execute();
  return new Map([...users, ...depts].map((r) => [r.id, r.name]));
}

// Building a DateTimeFormat costs far more than using one: one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();
/**
 * Zone offsets by day, or by quarter hour on the days a zone changes its offset (always on a quarter
 * hour), so that most values need no formatting, which is slow.
 */
const offsets = new Map<string, number | null>();
const QUARTER = 15 * 60_000;
const DAY = 24 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

function wallClock(ms: number, timeZone: string): { text: string; utc: number } {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
  return { text: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`, utc: Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) };
}

/** The zone's offset throughout [start, start + span), or null when it changes within. */
function offsetOver(start: number, span: number, timeZone: string): number | null {
  const a = wallClock(start, timeZone).utc - start;
  const end = start + span - 1000;
  const b = wallClock(end, timeZone).utc - end;
  // Historic offsets in seconds (local mean time) change off the quarter hour: those are formatted exactly.
  return a === b && a % 60_000 === 0 ? a : null;
}

function cachedOffset(key: string, start: number, span: number, timeZone: string): number | null {
  let o = offsets.get(key);
  if (o === undefined) {
    if (offsets.size > 10_000) offsets.clear();
    o = offsetOver(start, span, timeZone);
    offsets.set(key, o);
  }
  return o;
}

/** A date-time as wall-clock text in the viewer's zone (what the importer reads back the same way). */
export function localDateTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (ms < 0) return wallClock(ms, timeZone).text;
  const day = Math.floor(ms / DAY);
  let offset = cachedOffset(`${timeZone} d${day}`, day * DAY, DAY, timeZone);
  if (offset === null) {
    const q = Math.floor(ms / QUARTER);
    offset = cachedOffset(`${timeZone} q${q}`, q * QUARTER, QUARTER, timeZone);
    if (offset === null) return wallClock(ms, timeZone).text;
  }
  const d = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function optionLabel(f: FieldDef, v: string, locale: Locale): string {
  const o = (f.options?.options ?? []).find((x: { value: string }) => x.value === v);
  return o?.label?.[locale] ?? o?.label?.['en-US'] ?? v;
}

/** A value as a spreadsheet cell: labels for options, names for links, local times, plain text. */
export function cellValue(f: FieldDef, v: unknown, names: Names, locale: Locale, timeZone: string): string | number | boolean | Date | null {
  if (v === null || v === undefined || v === '') return null;
  switch (f.type) {
    case 'select': return optionLabel(f, String(v), locale);
    case 'multiSelect': return (v as string[]).map((x) => optionLabel(f, x, locale)).join(', ');
    case 'boolean': return t(locale, v ? 'export.yes' : 'export.no');
    case 'relation': case 'user': case 'department': return names.get(String(v)) ?? null;
    case 'datetime': return typeof v === 'string' && !v.includes('*') ? localDateTime(v, timeZone) : String(v);
    case 'address': return ['country', 'province', 'city', 'district', 'street', 'postalCode'].map((k) => (v as Record<string, string>)[k]).filter(Boolean).join(' ');
    default: return typeof v === 'object' ? JSON.stringify(v) : v as string | number;
  }
}

/** The columns an export shows: the fields asked for (or all), minus those hidden from the viewer. */
export function exportFields(obj: ObjectDef, visible: (f: FieldDef) => boolean, asked?: string[]): FieldDef[] {
  const active = obj.fields.filter((f) => f.status === 'active' && visible(f));
  if (!asked?.length) return active;
  return asked.map((a) => active.find((f) => f.apiName === a)).filter((f): f is FieldDef => !!f);
}
