import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { bumpConfigVersion } from '../../metadata/metadata.service.js';

/**
 * Serialises changes to the org tree and reporting lines of one workspace, so two concurrent moves cannot
 * together build a cycle that neither would alone.
 */
export async function lockOrg(trx: Trx, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${'org:' + workspaceId}))`.execute(trx);
}

/** Org, role and permission changes must reach every node's caches on the next request. */
export const orgChanged = bumpConfigVersion;

/** Whether making `managerId` the manager of `userId` would make someone their own (indirect) manager. */
export async function wouldCycleManager(trx: Trx, workspaceId: string, userId: string, managerId: string): Promise<boolean> {
  if (userId === managerId) return true;
  const res = await sql<{ hit: number }>`with recursive chain(id, manager_id, depth) as (
      select id, manager_id, 1 from users where workspace_id = ${workspaceId}::uuid and id = ${managerId}::uuid
      union all
      select u.id, u.manager_id, c.depth + 1 from users u join chain c on u.workspace_id = ${workspaceId}::uuid and u.id = c.manager_id
      where c.depth < 10000
    ) select 1 as hit from chain where id = ${userId}::uuid limit 1`.execute(trx);
  return res.rows.length > 0;
}

/** Whether moving department `deptId` under `parentId` would put it below itself. */
export async function wouldCycleDepartment(trx: Trx, workspaceId: string, deptId: string, parentId: string): Promise<boolean> {
  if (deptId === parentId) return true;
  const res = await sql<{ hit: number }>`with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 1 from departments where workspace_id = ${workspaceId}::uuid and id = ${parentId}::uuid
      union all
      select d.id, d.parent_id, c.depth + 1 from departments d join chain c on d.workspace_id = ${workspaceId}::uuid and d.id = c.parent_id
      where c.depth < 10000
    ) select 1 as hit from chain where id = ${deptId}::uuid limit 1`.execute(trx);
  return res.rows.length > 0;
}

export async function departmentExists(trx: Trx, workspaceId: string, id: string): Promise<boolean> {
  return !!(await trx.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst());
}

export async function userExists(trx: Trx, workspaceId: string, id: string): Promise<boolean> {
  return !!(await trx.selectFrom('users').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst());
}

/** The ids among `ids` that are not roles of this workspace. */
export async function missingRoles(trx: Trx, workspaceId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await trx.selectFrom('roles').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

/** The top of the tree: where new users go when no department is given. */
export async function rootDepartment(trx: Trx, workspaceId: string): Promise<string | null> {
  const r = await trx.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('parent_id', 'is', null)
    .orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return r?.id ?? null;
}
