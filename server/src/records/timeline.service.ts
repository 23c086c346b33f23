import { sql, type RawBuilder } from 'kysely';
import type { ObjectDef } from '../metadata/types.js';
import { fieldAccess } from '../platform/access.js';
import { AppError } from '../platform/errors.js';
import { loadRow } from './record-read.service.js';
import { objectOf, type RecordCtx } from './record-context.js';
import { isMasked, maskValue } from './present.js';
import { visibilitySql } from './visibility.js';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const CURSOR_RE = /^(\d{1,17})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
// Microseconds since the epoch: the database's own precision, so the cursor never rounds a time stamp.
const micros = (at: RawBuilder<unknown>) => sql<number>`(extract(epoch from ${at}) * 1000000)::bigint`;

type Item = Record<string, unknown> & { k: number; id: string; at: unknown };

/**
 * Rows strictly older than `before`: the page cursor `<microseconds>_<id>` orders by (time, id), so items
 * sharing a time stamp (the fields of one update) are neither skipped nor repeated; a plain ISO time is
 * also accepted.
 */
function olderThan(before: string | undefined, at: RawBuilder<unknown>, id: RawBuilder<unknown>): RawBuilder<boolean> {
  if (before === undefined || before === '') return sql<boolean>`true`;
  const m = CURSOR_RE.exec(before);
  if (m) return sql<boolean>`(${micros(at)}, ${id}) < (${m[1]}::bigint, ${m[2]}::uuid)`;
  const t = new Date(before);
  if (Number.isNaN(t.getTime()) || t.getUTCFullYear() < 1 || t.getUTCFullYear() > 9999) throw new AppError(400, 'error.badCursor');
  return sql<boolean>`${at} < ${t.toISOString()}::timestamptz`;
}

/** History values as this viewer may see them: hidden fields dropped, masked ones masked. */
function presentChanges(ctx: RecordCtx, obj: ObjectDef, own: boolean, rows: Record<string, any>[]): Item[] {
  const out: Item[] = [];
  for (const h of rows) {
    if (h.field && h.field !== '*' && fieldAccess(ctx.auth.access, obj.apiName, h.field) === 'hidden') continue;
    const f = obj.fields.find((x) => x.apiName === h.field);
    const show = (v: unknown) => (h.field === '*' ? null : f && isMasked(ctx, f, own) ? maskValue(f.type, v) : v);
    out.push({ kind: 'change', k: h.k, id: h.id, at: iso(h.at), op: h.op, field: h.field, oldValue: show(h.old_value), newValue: show(h.new_value), actorId: h.actor_id });
  }
  return out;
}

/** Follow-ups linked to the record, through the follow-ups' own visibility and field permissions. */
async function linkedActivities(ctx: RecordCtx, object: string, id: string, limit: number, before?: string): Promise<Item[]> {
  const acts = ctx.md.objects.get('activities');
  const link = acts?.fields.find((f) => f.type === 'relation' && f.options?.target === object && f.column);
  if (!acts || !link) return [];
  const rows = await sql<Record<string, any>>`select t.id, t.name, t.type, t.content, t.occurred_at, t.owner_id, ${micros(sql.ref('t.occurred_at'))} as k
    from activities t where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null and ${sql.ref(`t.${link.column}`)} = ${id}::uuid
    and ${olderThan(before, sql.ref('t.occurred_at'), sql.ref('t.id'))} and ${visibilitySql(ctx, acts, 'read')}
    order by t.occurred_at desc, t.id desc limit ${limit + 1}`.execute(ctx.trx);
  const visible = (f: string) => fieldAccess(ctx.auth.access, 'activities', f) !== 'hidden';
  return rows.rows.map((r) => ({
    kind: 'activity', k: r.k, id: r.id, at: iso(r.occurred_at), actorId: r.owner_id,
    ...Object.fromEntries(['name', 'type', 'content'].filter(visible).map((f) => [f, r[f]])),
  }));
}

/**
 * The record's own history merged with the follow-ups linked to it, newest first. Values of fields hidden
 * from the viewer are left out; phone, e-mail and sensitive values are masked as on the record itself.
 */
export async function timeline(ctx: RecordCtx, object: string, id: string, limit: number, before?: string) {
  const obj = objectOf(ctx, object);
  const row = await loadRow(ctx, obj, id, 'read');
  const history = await sql<Record<string, any>>`select h.*, ${micros(sql.ref('h.at'))} as k from record_history h
    where h.workspace_id = ${ctx.auth.workspaceId}::uuid and h.object = ${object} and h.record_id = ${id}::uuid
    and ${olderThan(before, sql.ref('h.at'), sql.ref('h.id'))} order by h.at desc, h.id desc limit ${limit + 1}`.execute(ctx.trx);
  const items = [
    ...presentChanges(ctx, obj, row.owner_id === ctx.auth.userId, history.rows),
    ...await linkedActivities(ctx, object, id, limit, before),
  ];
  items.sort((a, b) => (b.k - a.k) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  const more = history.rows.length > limit || items.length > limit;
  return { data: page.map(({ k: _k, ...item }) => item), nextCursor: more && last ? `${last.k}_${last.id}` : null };
}
