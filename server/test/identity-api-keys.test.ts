import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('API keys', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  const bearer = (token: string, method: string, url: string, payload?: unknown) => env.app.inject({
    method: method as 'GET', url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en-US' }, ...(payload !== undefined ? { payload: payload as object } : {}),
  });

  async function events(workspaceId: string) {
    return withTenant(env.db, workspaceId, async (trx) => trx.selectFrom('audit_log').select(['event', 'detail'])
      .where('workspace_id', '=', workspaceId).orderBy('seq').execute());
  }

  it('creates a key shown once, uses it without CSRF, records use, lists and revokes it', async () => {
    const ws = await newWorkspace(env);
    const { client, id: userId } = await createUser(env, ws);
    const created = await client.post('/api/v1/api-keys', { name: '  ERP 同步  ' });
    expect(created.statusCode, created.body).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({ name: 'ERP 同步', scopes: ['read', 'write', 'admin'], expiresAt: null, lastUsedAt: null, revokedAt: null });
    expect(key.token).toMatch(/^rpk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(key.token.split('_').slice(2).join('_').startsWith(key.prefix)).toBe(true);
    // Only the hash is stored.
    const row = await withTenant(env.db, ws.workspaceId, (trx) => trx.selectFrom('api_keys').selectAll().where('workspace_id', '=', ws.workspaceId).where('id', '=', key.id).executeTakeFirstOrThrow());
    expect(JSON.stringify(row)).not.toContain(key.token.slice(-43));

    const write = await bearer(key.token, 'POST', '/api/v1/accounts', { name: 'Key Co' });
    expect(write.statusCode, write.body).toBe(201);
    expect(write.json().ownerId).toBe(userId);
    const me = await bearer(key.token, 'GET', '/api/v1/auth/me');
    expect(me.json().user.id).toBe(userId);

    const list = await client.get('/api/v1/api-keys');
    const listed = list.json().data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('token');
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect(listed[0].prefix).toBe(key.prefix);

    expect((await client.delete(`/api/v1/api-keys/${key.id}`)).statusCode).toBe(204);
    const after = await bearer(key.token, 'GET', '/api/v1/accounts');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.apiKeyInvalid');
    expect((await client.get('/api/v1/api-keys')).json().data[0].revokedAt).not.toBeNull();
    const ev = await events(ws.workspaceId);
    expect(ev.map((e) => e.event)).toEqual(expect.arrayContaining(['apiKey.created', 'apiKey.used', 'apiKey.revoked']));
  });

  it('enforces scopes: a read key cannot write, a write key cannot administer', async () => {
    const ws = await newWorkspace(env);
    const read = (await ws.admin.post('/api/v1/api-keys', { name: 'reader', scopes: ['read'] })).json();
    const write = (await ws.admin.post('/api/v1/api-keys', { name: 'writer', scopes: ['write'] })).json();
    expect((await bearer(read.token, 'GET', '/api/v1/accounts')).statusCode).toBe(200);
    const denied = await bearer(read.token, 'POST', '/api/v1/accounts', { name: 'Nope' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'auth.apiKeyScope', title: 'This API key is not allowed to do this (write).' });
    expect((await ws.admin.get('/api/v1/accounts')).json().data).toHaveLength(0);
    expect((await bearer(write.token, 'POST', '/api/v1/accounts', { name: 'Yes' })).statusCode).toBe(201);
    expect((await bearer(write.token, 'GET', '/api/v1/accounts')).statusCode).toBe(200);
    const adminOnly = await bearer(write.token, 'POST', '/api/v1/departments', { name: 'X', parentId: ws.rootDepartmentId });
    expect(adminOnly.statusCode).toBe(403);
    expect(adminOnly.json().code).toBe('auth.apiKeyScope');
    const full = (await ws.admin.post('/api/v1/api-keys', { name: 'admin', scopes: ['admin'] })).json();
    expect((await bearer(full.token, 'POST', '/api/v1/departments', { name: 'X', parentId: ws.rootDepartmentId })).statusCode).toBe(201);
    // Keys cannot mint keys.
    expect((await bearer(full.token, 'POST', '/api/v1/api-keys', { name: 'child' })).json().code).toBe('identity.sessionOnly');
  });

  it('acts with exactly its user\'s permissions', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    const theirs = (await ws.admin.post('/api/v1/accounts', { name: 'Admin owned' })).json();
    const key = (await rep.client.post('/api/v1/api-keys', { name: 'rep key', scopes: ['admin'] })).json();
    expect((await bearer(key.token, 'GET', `/api/v1/accounts/${theirs.id}`)).statusCode).toBe(404);
    expect((await bearer(key.token, 'GET', '/api/v1/accounts')).json().data).toHaveLength(0);
    expect((await bearer(key.token, 'POST', '/api/v1/users', { email: 'x@example.test', name: 'X' })).statusCode).toBe(403);
  });

  it('rejects expired keys, keys of deactivated users and bad input', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    const soon = (await u.client.post('/api/v1/api-keys', { name: 'temp', expiresAt: new Date(Date.now() + 3600_000).toISOString() })).json();
    expect((await bearer(soon.token, 'GET', '/api/v1/accounts')).statusCode).toBe(200);
    await env.db.executeSql(`update api_keys set expires_at = now() - interval '1 second' where workspace_id = '${ws.workspaceId}' and id = '${soon.id}'`);
    expect((await bearer(soon.token, 'GET', '/api/v1/accounts')).statusCode).toBe(401);

    const live = (await u.client.post('/api/v1/api-keys', { name: 'live' })).json();
    expect((await ws.admin.patch(`/api/v1/users/${u.id}`, { status: 'inactive' })).statusCode).toBe(200);
    expect((await bearer(live.token, 'GET', '/api/v1/accounts')).statusCode).toBe(401);
    const keys = (await ws.admin.get(`/api/v1/api-keys?userId=${u.id}`)).json().data;
    expect(keys.every((k: { revokedAt: string | null }) => k.revokedAt !== null)).toBe(true);

    const bad = await ws.admin.post('/api/v1/api-keys', { name: '', scopes: ['root'], expiresAt: '2001-01-01T00:00:00Z' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['expiresAt', 'name', 'scopes.0']);
    expect((await ws.admin.post('/api/v1/api-keys', { name: 'x', scopes: [] })).statusCode).toBe(422);
    expect((await ws.admin.post('/api/v1/api-keys', { name: 'x', expiresAt: 'tomorrow' })).statusCode).toBe(422);
    expect((await bearer('rpk_not-a-token', 'GET', '/api/v1/accounts')).statusCode).toBe(401);
    expect((await ws.admin.get('/api/v1/api-keys')).json().data).toHaveLength(0);
    // Someone else's key: 404 to its non-owner, revocable by an administrator.
    const other = await createUser(env, ws);
    const theirs = (await other.client.post('/api/v1/api-keys', { name: 'mine' })).json();
    const stranger = await createUser(env, ws);
    expect((await stranger.client.delete(`/api/v1/api-keys/${theirs.id}`)).statusCode).toBe(404);
    expect((await stranger.client.get(`/api/v1/api-keys?userId=${other.id}`)).statusCode).toBe(403);
    expect((await ws.admin.delete(`/api/v1/api-keys/${theirs.id}`)).statusCode).toBe(204);
    const elsewhere = await newWorkspace(env);
    const foreign = (await elsewhere.admin.post('/api/v1/api-keys', { name: 'foreign' })).json();
    expect((await ws.admin.delete(`/api/v1/api-keys/${foreign.id}`)).statusCode).toBe(404);
    expect((await bearer(foreign.token, 'GET', '/api/v1/accounts')).statusCode).toBe(200);
  });
});
