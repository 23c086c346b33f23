import { expect } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { newId } from '../src/platform/ids.js';
import { PASSWORD, signIn, uniqueEmail, type Client, type TestEnv } from './helpers.js';

/** A signed-in non-admin user of the workspace holding the given role (the identity API may not exist yet). */
export async function createMember(env: TestEnv, ws: { workspaceId: string; rootDepartmentId: string }, roleId: string, lang = 'en-US'): Promise<Client & { userId: string }> {
  const email = uniqueEmail('member');
  const userId = newId();
  const hash = await hashPassword(PASSWORD);
  await env.db.kysely.insertInto('login_directory').values({ email, workspace_id: ws.workspaceId, user_id: userId }).execute();
  await withTenant(env.db, ws.workspaceId, async (trx) => {
    await trx.insertInto('users').values({
      workspace_id: ws.workspaceId, id: userId, email, name: 'Member', password_hash: hash, locale: 'en-US', time_zone: 'Asia/Shanghai',
      department_id: ws.rootDepartmentId, is_admin: false, password_changed_at: new Date(),
    }).execute();
    await trx.insertInto('user_roles').values({ workspace_id: ws.workspaceId, user_id: userId, role_id: roleId }).execute();
  });
  const client = await signIn(env.app, email);
  client.lang = lang;
  return Object.assign(client, { userId });
}

/** Adds a custom field and fails the test with the server's answer if that did not work. */
export async function addField(admin: Client, object: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await admin.post(`/api/v1/metadata/objects/${object}/fields`, { label: { 'zh-CN': String(body.apiName), 'en-US': String(body.apiName) }, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export const filterQuery = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;
