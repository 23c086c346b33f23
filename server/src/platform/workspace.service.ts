import type { Database } from '../db/database.js';
import { withTenant } from '../db/tenant.js';
import '../modules/index.js';
import { syncStandardObjects } from '../metadata/metadata.service.js';
import { DEFAULT_ROLES } from './default-roles.js';
import { newId } from './ids.js';
import { hashPassword } from './auth/passwords.js';

export interface NewWorkspace {
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  locale?: 'zh-CN' | 'en-US';
  timeZone?: string;
}

/** A workspace with its standard objects, default roles, a root department and its first administrator. */
export async function createWorkspace(db: Database, w: NewWorkspace): Promise<{ workspaceId: string; adminId: string; roleIds: Record<string, string>; rootDepartmentId: string }> {
  const workspaceId = newId();
  const adminId = newId();
  const email = w.adminEmail.trim().toLowerCase();
  const locale = w.locale ?? 'zh-CN';
  const timeZone = w.timeZone ?? (locale === 'zh-CN' ? 'Asia/Shanghai' : 'UTC');
  const passwordHash = await hashPassword(w.adminPassword);
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('workspaces').values({ id: workspaceId, name: w.name, locale, time_zone: timeZone }).execute();
    await trx.insertInto('login_directory').values({ email, workspace_id: workspaceId, user_id: adminId }).execute();
  });
  const roleIds: Record<string, string> = {};
  const rootDepartmentId = newId();
  await withTenant(db, workspaceId, async (trx) => {
    await trx.insertInto('departments').values({ workspace_id: workspaceId, id: rootDepartmentId, name: w.name }).execute();
    await trx.insertInto('users').values({
      workspace_id: workspaceId, id: adminId, email, name: w.adminName ?? (locale === 'zh-CN' ? '管理员' : 'Administrator'),
      password_hash: passwordHash, locale, time_zone: timeZone, department_id: rootDepartmentId, is_admin: true,
      password_changed_at: new Date(),
    }).execute();
    for (const r of DEFAULT_ROLES) {
      roleIds[r.key] = newId();
      await trx.insertInto('roles').values({
        workspace_id: workspaceId, id: roleIds[r.key], name: r.name, description: r.description,
        permissions: JSON.stringify(r.permissions), field_permissions: '{}', can_unmask: r.canUnmask, is_system: true,
      }).execute();
    }
    await trx.insertInto('user_roles').values({ workspace_id: workspaceId, user_id: adminId, role_id: roleIds.admin }).execute();
    await syncStandardObjects(trx, workspaceId);
  });
  return { workspaceId, adminId, roleIds, rootDepartmentId };
}

/** Re-syncs standard metadata into every workspace at start-up, so new code-declared fields appear. */
export async function syncAllWorkspaces(db: Database): Promise<void> {
  const rows = await db.kysely.selectFrom('workspaces').select('id').execute();
  for (const r of rows) await withTenant(db, r.id, (trx) => syncStandardObjects(trx, r.id));
}
