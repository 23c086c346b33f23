import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import { bumpConfigVersion } from '../../metadata/metadata.service.js';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';

export const DEMO_PASSWORD = 'rapport-demo-2026';

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  departmentId: string;
  role: 'admin' | 'manager' | 'rep';
  locale: 'zh-CN' | 'en-US';
}

const DEPARTMENTS = [
  { key: 'east', name: '华东销售部' },
  { key: 'north', name: '华北销售部' },
  { key: 'intl', name: 'International Sales' },
] as const;

const PEOPLE: Array<{ email: string; name: string; dept: (typeof DEPARTMENTS)[number]['key']; role: 'manager' | 'rep'; locale: 'zh-CN' | 'en-US' }> = [
  { email: 'wangfang@demo.rapport.local', name: '王芳', dept: 'east', role: 'manager', locale: 'zh-CN' },
  { email: 'zhangwei@demo.rapport.local', name: '张伟', dept: 'east', role: 'rep', locale: 'zh-CN' },
  { email: 'lina@demo.rapport.local', name: '李娜', dept: 'east', role: 'rep', locale: 'zh-CN' },
  { email: 'liuyang@demo.rapport.local', name: '刘洋', dept: 'north', role: 'manager', locale: 'zh-CN' },
  { email: 'chenjing@demo.rapport.local', name: '陈静', dept: 'north', role: 'rep', locale: 'zh-CN' },
  { email: 'emily.carter@demo.rapport.local', name: 'Emily Carter', dept: 'intl', role: 'manager', locale: 'en-US' },
  { email: 'james.miller@demo.rapport.local', name: 'James Miller', dept: 'intl', role: 'rep', locale: 'en-US' },
];

/** A small department tree with managers and reps, all signing in with DEMO_PASSWORD. */
export async function seedDemoOrg(db: Database, workspaceId: string): Promise<DemoUser[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const users: DemoUser[] = [];
  const directory: Array<{ email: string; workspace_id: string; user_id: string }> = [];
  await withTenant(db, workspaceId, async (trx) => {
    const root = await trx.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const admin = await trx.selectFrom('users').select(['id', 'email', 'name', 'locale']).where('workspace_id', '=', workspaceId).where('is_admin', '=', true).executeTakeFirstOrThrow();
    users.push({ id: admin.id, email: admin.email, name: admin.name, departmentId: root.id, role: 'admin', locale: admin.locale });
    const roles = Object.fromEntries((await trx.selectFrom('roles').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute())
      .map((r) => [r.name.includes('manager') ? 'manager' : r.name.includes('rep') ? 'rep' : 'admin', r.id]));
    const deptIds: Record<string, string> = {};
    for (const [i, d] of DEPARTMENTS.entries()) {
      deptIds[d.key] = newId();
      await trx.insertInto('departments').values({ workspace_id: workspaceId, id: deptIds[d.key], name: d.name, parent_id: root.id, position: i }).execute();
    }
    const managers: Record<string, string> = {};
    for (const p of PEOPLE) {
      const id = newId();
      if (p.role === 'manager') managers[p.dept] = id;
      await trx.insertInto('users').values({
        workspace_id: workspaceId, id, email: p.email, name: p.name, password_hash: hash, locale: p.locale,
        time_zone: p.locale === 'zh-CN' ? 'Asia/Shanghai' : 'America/New_York', department_id: deptIds[p.dept],
        manager_id: p.role === 'rep' ? managers[p.dept] : admin.id, password_changed_at: new Date(),
      }).execute();
      await trx.insertInto('user_roles').values({ workspace_id: workspaceId, user_id: id, role_id: roles[p.role] }).execute();
      if (p.role === 'manager') await trx.updateTable('departments').set({ head_id: id }).where('workspace_id', '=', workspaceId).where('id', '=', deptIds[p.dept]).execute();
      users.push({ id, email: p.email, name: p.name, departmentId: deptIds[p.dept], role: p.role, locale: p.locale });
      directory.push({ email: p.email, workspace_id: workspaceId, user_id: id });
    }
    await bumpConfigVersion(trx, workspaceId);
  });
  await db.kysely.insertInto('login_directory').values(directory).execute();
  return users;
}

/** The bilingual demo workspace: the org, then each module's demo data. */
export async function seedDemo(db: Database, workspaceId: string): Promise<void> {
  const users = await seedDemoOrg(db, workspaceId);
  const { seedSalesDemo, seedFinanceDemo } = await import('../../modules/sales/index.js');
  await seedSalesDemo(db, workspaceId, users);
  await seedFinanceDemo(db, workspaceId, users);
}
