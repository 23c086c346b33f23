import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withTenant } from '../src/db/tenant.js';
import { PASSWORD, SKIP, createUser, newWorkspace, signIn, startTestApp, type TestEnv } from './helpers.js';

/**
 * Sessions are cached on the node for a few seconds (platform/auth/session-cache.ts). Whatever ends a session
 * on this node must end it at once, even right after the session was served from the cache.
 */
describe.skipIf(SKIP)('session cache', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  const me = (c: { get(url: string): Promise<{ statusCode: number }> }) => c.get('/api/v1/auth/me').then((r) => r.statusCode);

  it('signs out at once, and ends the other sessions at once on a password change', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    const [a, b, c] = [u.client, await signIn(env.app, u.email), await signIn(env.app, u.email)];
    for (const s of [a, b, c]) expect(await me(s)).toBe(200);
    expect((await a.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect(await me(a)).toBe(401);
    expect(await me(b)).toBe(200);
    const changed = await b.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'fresh-password-2' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await me(c)).toBe(401);
    expect(await me(b)).toBe(200);
  });

  it('ends a deactivated user\'s cached session at once', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    expect((await u.client.get('/api/v1/contacts')).statusCode).toBe(200);
    expect((await ws.admin.patch(`/api/v1/users/${u.id}`, { status: 'inactive' })).statusCode).toBe(200);
    expect((await u.client.get('/api/v1/contacts')).statusCode).toBe(401);
  });

  it('applies a role change made elsewhere to record reads on the next request', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    expect((await u.client.post('/api/v1/contacts', { name: '王芳' })).statusCode).toBe(201);
    expect((await u.client.get('/api/v1/contacts')).json().data).toHaveLength(1);
    // As another node would: the roles and the config version change in the database only.
    await withTenant(env.db, ws.workspaceId, async (trx) => {
      await sql`update roles set permissions = '{"*": {"read": "none"}}'::jsonb where workspace_id = ${ws.workspaceId} and id = ${ws.roleIds.rep}`.execute(trx);
      await sql`update workspaces set metadata_version = metadata_version + 1 where id = ${ws.workspaceId}`.execute(trx);
    });
    const after = await u.client.get('/api/v1/contacts');
    expect(after.statusCode).toBe(200);
    expect(after.json().data).toHaveLength(0);
  });
});
