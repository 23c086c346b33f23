import { sql } from 'kysely';
import type { ObjectDef } from '../../metadata/types.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { listRecords } from '../../records/record-read.service.js';
import { timeline } from '../../records/timeline.service.js';
import { visibilitySql } from '../../records/visibility.js';
import { iso } from './sales-common.js';

type Item = Record<string, unknown> & { at: unknown };
const SUMMARY = ['stage', 'status', 'amount', 'total', 'currency', 'number', 'dueDate', 'endDate'];

/** Every object that points at accounts (opportunities, quotes, contracts, payments…), except follow-ups. */
function linkedObjects(ctx: RecordCtx): { obj: ObjectDef; field: string }[] {
  const out: { obj: ObjectDef; field: string }[] = [];
  for (const obj of ctx.md.objects.values()) {
    if (obj.status !== 'active' || obj.apiName === 'activities') continue;
    const f = obj.fields.find((x) => x.status === 'active' && x.type === 'relation' && x.options?.target === 'accounts');
    if (f) out.push({ obj, field: f.apiName });
  }
  return out;
}

async function linkedRecords(ctx: RecordCtx, id: string, until: string, limit: number): Promise<Item[]> {
  const items: Item[] = [];
  for (const { obj, field } of linkedObjects(ctx)) {
    const page = await listRecords(ctx, obj.apiName, {
      filter: { and: [{ field, op: 'eq', value: id }, { field: 'createdAt', op: 'lt', value: until }] }, sort: '-createdAt', limit,
    });
    for (const r of page.data) {
      const summary = Object.fromEntries(SUMMARY.filter((k) => r[k] !== undefined && r[k] !== null).map((k) => [k, r[k]]));
      items.push({ kind: 'record', object: obj.apiName, id: r.id, at: r.createdAt, name: r.name, actorId: r.createdBy ?? null, summary });
    }
  }
  return items;
}

/** Stage moves of the customer's opportunities after their first stage (creation is shown as the record). */
async function stageMoves(ctx: RecordCtx, id: string, until: string, limit: number): Promise<Item[]> {
  const rows = await sql<Record<string, any>>`select h.id, h.stage, h.entered_at, h.entered_by, t.id as opportunity_id, t.name from (
      select h.*, row_number() over (partition by h.opportunity_id order by h.entered_at, h.id) as n from opportunity_stage_history h
      where h.workspace_id = ${ctx.auth.workspaceId}::uuid) h
    join opportunities t on t.workspace_id = h.workspace_id and t.id = h.opportunity_id
    where t.account_id = ${id}::uuid and t.deleted_at is null and h.n > 1 and h.entered_at < ${until}::timestamptz
      and ${visibilitySql(ctx, objectOf(ctx, 'opportunities'), 'read')}
    order by h.entered_at desc limit ${limit}`.execute(ctx.trx);
  return rows.rows.map((r) => ({ kind: 'stageChange', id: r.id, at: iso(r.entered_at), opportunityId: r.opportunity_id, name: r.name, stage: r.stage, actorId: r.entered_by }));
}

async function ownerChanges(ctx: RecordCtx, id: string, until: string, limit: number): Promise<Item[]> {
  const rows = await ctx.trx.selectFrom('account_owner_log').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('account_id', '=', id).where('at', '<', new Date(until)).orderBy('at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    kind: 'ownerChange', id: r.id, at: iso(r.at), action: r.action, fromOwnerId: r.from_owner_id, toOwnerId: r.to_owner_id,
    poolId: r.pool_id, reason: r.reason, actorId: r.actor_id,
  }));
}

/**
 * The customer's 360° timeline: field changes and follow-ups (the platform timeline), plus every linked
 * record (opportunities, quotes, contracts, payments…), opportunity stage moves and pool/owner changes,
 * each read through its own visibility, newest first.
 */
export async function accountTimeline(ctx: RecordCtx, id: string, limit: number, before?: string) {
  const base = await timeline(ctx, 'accounts', id, limit, before);
  const until = before ? new Date(before).toISOString() : '9999-12-31T00:00:00.000Z';
  const items: Item[] = [
    ...base.data as unknown as Item[], ...await linkedRecords(ctx, id, until, limit + 1),
    ...await stageMoves(ctx, id, until, limit + 1), ...await ownerChanges(ctx, id, until, limit + 1),
  ];
  items.sort((a, b) => String(b.at).localeCompare(String(a.at)));
  const page = items.slice(0, limit);
  const more = items.length > limit || base.nextCursor !== null;
  return { data: page, nextCursor: more && page.length ? String(page[page.length - 1].at) : null };
}
