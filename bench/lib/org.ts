import { sql } from 'kysely';
import type { Database } from '../../server/src/db/database.js';
import { withTenant } from '../../server/src/db/tenant.js';
import { bumpConfigVersion } from '../../server/src/metadata/metadata.service.js';
import { hashPassword } from '../../server/src/platform/auth/passwords.js';
import { newId } from '../../server/src/platform/ids.js';
import { createWorkspace } from '../../server/src/platform/workspace.service.js';
import type { DataSpec } from './options.js';
import { person, cityNames } from './names.js';
import { Rng } from './random.js';

export const BENCH_PASSWORD = 'rapport-bench-2026';

export interface BenchUser { id: string; email: string; role: 'admin' | 'manager' | 'rep'; departmentId: string; managerId: string | null }
export interface BenchOrg { workspaceId: string; adminId: string; users: BenchUser[] }

/**
 * The bench workspace through the server's own code (roles, metadata, root department), then a sales org:
 * departments each with a manager and reps, all signing in with BENCH_PASSWORD.
 */
export async function createBenchOrg(db: Database, spec: DataSpec): Promise<BenchOrg> {
  const ws = await createWorkspace(db, { name: 'Rapport 基准测试 Bench', adminEmail: 'admin@bench.rapport.local', adminPassword: BENCH_PASSWORD, locale: 'zh-CN' });
  const hash = await hashPassword(BENCH_PASSWORD);
  const rng = new Rng(spec.seed);
  const users: BenchUser[] = [{ id: ws.adminId, email: 'admin@bench.rapport.local', role: 'admin', departmentId: ws.rootDepartmentId, managerId: null }];
  await withTenant(db, ws.workspaceId, async (trx) => {
    for (let d = 0; d < spec.departments; d++) {
      const deptId = newId();
      const name = d % 5 === 4 ? `International Sales ${d + 1}` : `${cityNames[d % cityNames.length]}销售${d + 1}部`;
      await trx.insertInto('departments').values({ workspace_id: ws.workspaceId, id: deptId, name, parent_id: ws.rootDepartmentId, position: d }).execute();
      const managerId = newId();
      const people: BenchUser[] = [{ id: managerId, email: `manager${d + 1}@bench.rapport.local`, role: 'manager', departmentId: deptId, managerId: ws.adminId }];
      for (let r = 0; r < spec.repsPerDepartment; r++) {
        people.push({ id: newId(), email: `rep${d + 1}-${r + 1}@bench.rapport.local`, role: 'rep', departmentId: deptId, managerId });
      }
      await trx.insertInto('users').values(people.map((u) => ({
        workspace_id: ws.workspaceId, id: u.id, email: u.email, name: person(rng).name, password_hash: hash,
        locale: d % 5 === 4 ? 'en-US' : 'zh-CN', time_zone: 'Asia/Shanghai', department_id: deptId,
        manager_id: u.managerId, password_changed_at: new Date(),
      }))).execute();
      await trx.insertInto('user_roles').values(people.map((u) => ({ workspace_id: ws.workspaceId, user_id: u.id, role_id: ws.roleIds[u.role] }))).execute();
      await trx.updateTable('departments').set({ head_id: managerId }).where('workspace_id', '=', ws.workspaceId).where('id', '=', deptId).execute();
      users.push(...people);
    }
    await bumpConfigVersion(trx, ws.workspaceId);
  });
  await db.kysely.insertInto('login_directory')
    .values(users.slice(1).map((u) => ({ email: u.email, workspace_id: ws.workspaceId, user_id: u.id }))).execute();
  return { workspaceId: ws.workspaceId, adminId: ws.adminId, users };
}

/** The org of an existing bench database. */
export async function loadBenchOrg(db: Database, workspaceId: string): Promise<BenchOrg> {
  const rows = await withTenant(db, workspaceId, async (trx) => (await sql<{ id: string; email: string; is_admin: boolean; department_id: string; manager_id: string | null; role: string }>`
    select u.id, u.email, u.is_admin, u.department_id, u.manager_id, r.name as role from users u
    join user_roles ur on ur.workspace_id = u.workspace_id and ur.user_id = u.id
    join roles r on r.workspace_id = ur.workspace_id and r.id = ur.role_id
    where u.workspace_id = ${workspaceId}::uuid order by u.email`.execute(trx)).rows);
  const users = rows.map((r) => ({
    id: r.id, email: r.email, departmentId: r.department_id, managerId: r.manager_id,
    role: (r.is_admin ? 'admin' : r.role.includes('manager') ? 'manager' : 'rep') as BenchUser['role'],
  }));
  return { workspaceId, adminId: users.find((u) => u.role === 'admin')!.id, users };
}
