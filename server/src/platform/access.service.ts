import type { Trx } from '../db/tenant.js';
import { mergeRoles, type Access } from './access.js';

const cache = new Map<string, { version: number; access: Access }>();

/** The merged permissions of a user's roles, cached until roles or the org change (config version). */
export async function loadAccess(trx: Trx, workspaceId: string, userId: string, isAdmin: boolean, version: number): Promise<Access> {
  const key = `${workspaceId}:${userId}`;
  const hit = cache.get(key);
  if (hit && hit.version === version && hit.access.isAdmin === isAdmin) return hit.access;
  const roles = await trx.selectFrom('roles').innerJoin('user_roles', (j) => j
    .onRef('user_roles.workspace_id', '=', 'roles.workspace_id').onRef('user_roles.role_id', '=', 'roles.id'))
    .select(['roles.permissions', 'roles.field_permissions', 'roles.can_unmask'])
    .where('user_roles.workspace_id', '=', workspaceId).where('user_roles.user_id', '=', userId).execute();
  const access = mergeRoles(roles as any, isAdmin);
  cache.set(key, { version, access });
  return access;
}
