import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import { getMetadata } from '../../metadata/metadata.service.js';
import type { ObjectDef } from '../../metadata/types.js';
import { tableOf } from '../../records/columns.js';
import { buildIndexRow, upsertIndexRows } from './search-index.js';

const PAGE = 2000;

export interface RebuildResult { workspaces: number; records: number; removed: number }

/** One object's rows, page by page in id order, each page in its own short transaction. */
async function rebuildObject(db: Database, workspaceId: string, obj: ObjectDef): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let n = 0;
  for (;;) {
    const count = await withTenant(db, workspaceId, async (trx) => {
      const custom = obj.isCustom ? sql`and t.object_id = ${obj.id}::uuid` : sql``;
      const rows = await sql<Record<string, any>>`select t.* from ${sql.table(tableOf(obj))} t
        where t.workspace_id = ${workspaceId}::uuid and t.id > ${after}::uuid ${custom} order by t.id limit ${PAGE}`.execute(trx);
      await upsertIndexRows(trx, rows.rows.map((r) => buildIndexRow(obj, r, workspaceId)));
      if (rows.rows.length) after = rows.rows[rows.rows.length - 1].id;
      return rows.rows.length;
    });
    n += count;
    if (count < PAGE) return n;
  }
}

/** Rows of records that were purged, or of objects that no longer exist. */
async function removeOrphans(db: Database, workspaceId: string, objects: ObjectDef[]): Promise<number> {
  return withTenant(db, workspaceId, async (trx) => {
    let removed = 0;
    for (const obj of objects) {
      const res = await sql`delete from search_index s where s.workspace_id = ${workspaceId}::uuid and s.object = ${obj.apiName}
        and not exists (select 1 from ${sql.table(tableOf(obj))} t where t.workspace_id = s.workspace_id and t.id = s.record_id)`.execute(trx);
      removed += Number(res.numAffectedRows ?? 0);
    }
    const res = await sql`delete from search_index where workspace_id = ${workspaceId}::uuid
      and object <> all(${objects.map((o) => o.apiName)}::text[])`.execute(trx);
    return removed + Number(res.numAffectedRows ?? 0);
  });
}

/**
 * Rebuilds the search index (and duplicate keys) of one workspace or of all: for records written before
 * the index existed, by another path, or after a tokenizer change. CLI: `npm run cli -- search rebuild
 * [--workspace <id>]`.
 */
export async function rebuildSearchIndex(db: Database, workspaceId?: string): Promise<RebuildResult> {
  const res = workspaceId
    ? await db.executeSql('select id from workspaces where id = $1', [workspaceId])
    : await db.executeSql('select id from workspaces order by id');
  const out: RebuildResult = { workspaces: 0, records: 0, removed: 0 };
  for (const { id } of res.rows) {
    const objects = await withTenant(db, id, async (trx, version) => [...(await getMetadata(trx, id, version)).objects.values()]);
    for (const obj of objects) out.records += await rebuildObject(db, id, obj);
    out.removed += await removeOrphans(db, id, objects);
    out.workspaces++;
  }
  return out;
}

/**
 * Workspaces whose records were written before the index existed (an upgrade): they have history but no
 * index rows. Run at start-up, in the background; the index fills while the server already answers.
 */
export async function backfillSearchIndex(db: Database): Promise<number> {
  const res = await db.executeSql(`select w.id from workspaces w
    where exists (select 1 from record_history h where h.workspace_id = w.id)
      and not exists (select 1 from search_index s where s.workspace_id = w.id)`);
  for (const r of res.rows) await rebuildSearchIndex(db, r.id);
  return res.rows.length;
}
