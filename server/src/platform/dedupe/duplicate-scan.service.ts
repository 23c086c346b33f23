import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import { getMetadata } from '../../metadata/metadata.service.js';
import { tableOf } from '../../records/columns.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { visibilitySql } from '../../records/visibility.js';
import { scopeFor } from '../access.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { KEY_REASONS, KEY_WEIGHTS } from './dedupe-keys.js';

/** Keys shared by more records than this are too common to mean anything (a switchboard number). */
const MAX_GROUP = 50;

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) { p = this.find(p); this.parent.set(x, p); }
    return p;
  }
  union(a: string, b: string): void { const ra = this.find(a); const rb = this.find(b); if (ra !== rb) this.parent.set(ra, rb); }
}

interface Group { ids: Set<string>; kinds: Set<string> }

/** Records sharing a blocking key, joined into groups (a shares a phone with b, b an e-mail with c: one group). */
function groups(pairs: { k: string; ids: string[] }[]): Group[] {
  const uf = new UnionFind();
  for (const p of pairs) for (const id of p.ids.slice(1)) uf.union(p.ids[0], id);
  const out = new Map<string, Group>();
  for (const p of pairs) {
    const root = uf.find(p.ids[0]);
    const g = out.get(root) ?? { ids: new Set(), kinds: new Set() };
    p.ids.forEach((id) => g.ids.add(id));
    g.kinds.add(p.k.split(':')[0]);
    out.set(root, g);
  }
  return [...out.values()];
}

/**
 * The duplicate finder of one object in one workspace: every group of live records sharing a normalised
 * name, credit code, phone, e-mail or name-in-account, with a score (the strongest shared key) and its
 * reasons. A new scan replaces the open groups of the previous one.
 */
export async function runScan(db: Database, workspaceId: string, scanId: string): Promise<void> {
  await withTenant(db, workspaceId, async (trx, version) => {
    const scan = await trx.selectFrom('duplicate_scans').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', scanId).executeTakeFirst();
    if (!scan || scan.status !== 'queued') return;
    const obj = (await getMetadata(trx, workspaceId, version)).objects.get(scan.object);
    if (!obj) return;
    const pairs = await sql<{ k: string; ids: string[] }>`select k, array_agg(s.record_id::text order by s.record_id) as ids
      from search_index s join ${sql.table(tableOf(obj))} t on t.workspace_id = s.workspace_id and t.id = s.record_id, unnest(s.dedupe) k
      where s.workspace_id = ${workspaceId}::uuid and s.object = ${obj.apiName} and cardinality(s.dedupe) > 0 and t.deleted_at is null
      group by k having count(*) between 2 and ${MAX_GROUP}`.execute(trx);
    const found = groups(pairs.rows);
    await sql`delete from duplicate_groups where workspace_id = ${workspaceId}::uuid and object = ${obj.apiName} and status = 'open'`.execute(trx);
    const rows = found.map((g) => ({
      workspace_id: workspaceId, id: newId(), scan_id: scanId, object: obj.apiName, record_ids: [...g.ids].sort(),
      score: Math.max(...[...g.kinds].map((k) => KEY_WEIGHTS[k] ?? 0.5)).toFixed(3), reasons: JSON.stringify([...g.kinds].map((k) => KEY_REASONS[k] ?? k)),
    }));
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('duplicate_groups').values(rows.slice(i, i + 1000)).execute();
    await trx.updateTable('duplicate_scans').set({ status: 'done', groups: rows.length, finished_at: new Date() })
      .where('workspace_id', '=', workspaceId).where('id', '=', scanId).execute();
  });
}

/** Queues a scan of an object; anyone who may edit its records may ask for one. */
export async function createScan(ctx: RecordCtx, object: string): Promise<{ id: string; object: string; status: string }> {
  const obj = objectOf(ctx, object);
  if (scopeFor(ctx.auth.access, obj.apiName, 'update') === 'none') throw forbidden();
  const id = newId();
  await ctx.trx.insertInto('duplicate_scans').values({ workspace_id: ctx.auth.workspaceId, id, object: obj.apiName, created_by: ctx.auth.userId }).execute();
  return { id, object: obj.apiName, status: 'queued' };
}

export async function getScan(ctx: RecordCtx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const s = await ctx.trx.selectFrom('duplicate_scans').selectAll().where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound();
  return { id: s.id, object: s.object, status: s.status, groups: s.groups, createdAt: new Date(s.created_at).toISOString(), finishedAt: s.finished_at ? new Date(s.finished_at).toISOString() : null };
}

/**
 * Open groups, best first, showing only records the caller may read; a group with fewer than two such
 * records is not the caller's to see.
 */
export async function listGroups(ctx: RecordCtx, object: string, limit: number) {
  const obj = objectOf(ctx, object);
  const gs = await ctx.trx.selectFrom('duplicate_groups').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('object', '=', obj.apiName).where('status', '=', 'open').orderBy('score', 'desc').orderBy('id').limit(limit * 4).execute();
  const ids = [...new Set(gs.flatMap((g) => g.record_ids as string[]))];
  const visible = ids.length === 0 ? [] : (await sql<{ id: string; name: string }>`select t.id, t.name from ${sql.table(tableOf(obj))} t
    where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.id = any(${ids}::uuid[]) and t.deleted_at is null
    and ${visibilitySql(ctx, obj, 'read')}`.execute(ctx.trx)).rows;
  const names = new Map(visible.map((r) => [r.id, r.name]));
  const data = gs.map((g) => ({
    id: g.id, object: g.object, score: Number(g.score), reasons: g.reasons as string[],
    records: (g.record_ids as string[]).filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
  })).filter((g) => g.records.length >= 2).slice(0, limit);
  return { data };
}

export async function dismissGroup(ctx: RecordCtx, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const res = await ctx.trx.updateTable('duplicate_groups').set({ status: 'dismissed' }).where('workspace_id', '=', ctx.auth.workspaceId)
    .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError(404, 'error.notFound');
}
