import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { createUser, newWorkspace, PASSWORD, signIn, SKIP, startTestApp, uniqueEmail, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('users', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  async function events(workspaceId: string): Promise<string[]> {
    return withTenant(env.db, workspaceId, async (trx) => (await trx.selectFrom('audit_log').select('event')
      .where('workspace_id', '=', workspaceId).orderBy('seq').execute()).map((r) => r.event));
  }

  it('creates, reads, lists and updates users as an administrator', async () => {
    const ws = await newWorkspace(env);
    const dept = (await ws.admin.post('/api/v1/departments', { name: '华东销售部', parentId: ws.rootDepartmentId })).json();
    const email = uniqueEmail('Zhang.Wei').toUpperCase();
    const created = await ws.admin.post('/api/v1/users', {
      email, name: ' 张伟 ', password: PASSWORD, departmentId: dept.id, managerId: ws.adminId, roleIds: [ws.roleIds.rep, ws.roleIds.rep],
      locale: 'zh-CN', timeZone: 'asia/shanghai',
    });
    expect(created.statusCode, created.body).toBe(201);
    const u = created.json();
    expect(u).toMatchObject({
      email: email.toLowerCase(), name: '张伟', departmentId: dept.id, managerId: ws.adminId, roleIds: [ws.roleIds.rep], locale: 'zh-CN',
      timeZone: 'Asia/Shanghai', status: 'active', isAdmin: false, mfaEnabled: false, hasPassword: true, version: 1,
    });
    expect(u).not.toHaveProperty('passwordHash');
    const me = await signIn(env.app, email.toLowerCase());
    expect((await me.get('/api/v1/auth/me')).json().user.id).toBe(u.id);
    expect((await ws.admin.get(`/api/v1/users/${u.id}`)).json()).toEqual({ ...u, lastLoginAt: expect.any(String) });
    const byName = (await ws.admin.get(`/api/v1/users?q=${encodeURIComponent('张')}`)).json().data;
    expect(byName.map((x: { id: string }) => x.id)).toEqual([u.id]);
    expect((await ws.admin.get(`/api/v1/users?departmentId=${dept.id}`)).json().data).toHaveLength(1);

    const patched = await ws.admin.patch(`/api/v1/users/${u.id}`, { name: '张伟伟', roleIds: [ws.roleIds.manager], managerId: null, isAdmin: true }, { 'if-match': '"1"' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: '张伟伟', roleIds: [ws.roleIds.manager], managerId: null, isAdmin: true, version: 2 });
    expect(patched.headers.etag).toBe('"2"');
    const stale = await ws.admin.patch(`/api/v1/users/${u.id}`, { name: 'x' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const ev = await events(ws.workspaceId);
    expect(ev).toEqual(expect.arrayContaining(['user.created', 'user.rolesChanged', 'user.updated', 'department.created']));
  });

  it('pages through users with a cursor', async () => {
    const ws = await newWorkspace(env);
    for (const name of ['Ann', 'Bob', 'Cat', 'Dan']) await ws.admin.post('/api/v1/users', { email: uniqueEmail(name), name });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { name: string }[]; nextCursor: string | null } = (await ws.admin.get(`/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.data.map((x) => x.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(seen.filter((n) => n !== 'Administrator')).toEqual(['Ann', 'Bob', 'Cat', 'Dan']);
    expect((await ws.admin.get('/api/v1/users?cursor=garbage')).statusCode).toBe(400);
  });

  it('keeps e-mail addresses unique across the whole installation', async () => {
    const a = await newWorkspace(env);
    const b = await newWorkspace(env);
    const email = uniqueEmail('taken');
    expect((await a.admin.post('/api/v1/users', { email, name: 'First' })).statusCode).toBe(201);
    b.admin.lang = 'zh-CN';
    const dup = await b.admin.post('/api/v1/users', { email: email.toUpperCase(), name: 'Second' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: 'email', code: 'identity.emailTaken', message: `邮箱 ${email} 已被使用。` });
    expect((await b.admin.post('/api/v1/users', { email: a.adminEmail, name: 'Admin twin' })).statusCode).toBe(409);
    expect((await b.admin.get('/api/v1/users')).json().data).toHaveLength(1);
  });

  it('rejects bad input with field errors and changes nothing', async () => {
    const ws = await newWorkspace(env);
    const other = await newWorkspace(env);
    const bad = await ws.admin.post('/api/v1/users', {
      email: 'not-an-email', name: '   ', password: 'short', locale: 'fr-FR', timeZone: '+08:00',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'locale', 'name', 'password', 'timeZone']);
    const refs = await ws.admin.post('/api/v1/users', { email: uniqueEmail(), name: 'Refs', departmentId: other.rootDepartmentId, managerId: other.adminId, roleIds: [other.roleIds.rep, 'nope'] });
    expect(refs.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['departmentId', 'managerId', 'roleIds.0', 'roleIds.1']);
    expect((await ws.admin.post('/api/v1/users', { email: uniqueEmail(), name: 'x', extra: 1 })).statusCode).toBe(422);
    expect((await ws.admin.post('/api/v1/users', { email: uniqueEmail(), name: 'x\u0000y' })).json().errors[0].code).toBe('field.badCharacters');
    expect((await ws.admin.get('/api/v1/users')).json().data).toHaveLength(1);
    // Ids of another workspace do not exist here.
    expect((await ws.admin.get(`/api/v1/users/${other.adminId}`)).statusCode).toBe(404);
    expect((await ws.admin.patch(`/api/v1/users/${other.adminId}`, { name: 'Hijack' })).statusCode).toBe(404);
    expect((await ws.admin.get('/api/v1/users/not-a-uuid')).statusCode).toBe(400);
  });

  it('rejects reporting cycles', async () => {
    const ws = await newWorkspace(env);
    const a = (await ws.admin.post('/api/v1/users', { email: uniqueEmail('a'), name: 'A' })).json();
    const b = (await ws.admin.post('/api/v1/users', { email: uniqueEmail('b'), name: 'B', managerId: a.id })).json();
    const c = (await ws.admin.post('/api/v1/users', { email: uniqueEmail('c'), name: 'C', managerId: b.id })).json();
    for (const [id, managerId] of [[a.id, c.id], [a.id, a.id], [b.id, c.id]]) {
      const r = await ws.admin.patch(`/api/v1/users/${id}`, { managerId });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors[0]).toMatchObject({ field: 'managerId', code: 'identity.managerCycle' });
    }
    expect((await ws.admin.patch(`/api/v1/users/${c.id}`, { managerId: a.id })).statusCode).toBe(200);
    expect((await ws.admin.patch(`/api/v1/users/${b.id}`, { managerId: c.id })).statusCode).toBe(200);
  });

  it('deactivating ends sessions and sign-in; the last administrator stays', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const off = await ws.admin.patch(`/api/v1/users/${u.id}`, { status: 'inactive' });
    expect(off.json().status).toBe('inactive');
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(signIn(env.app, u.email)).rejects.toThrow(/401/);
    expect((await ws.admin.patch(`/api/v1/users/${u.id}`, { status: 'active' })).statusCode).toBe(200);
    expect((await signIn(env.app, u.email).then((c) => c.get('/api/v1/auth/me'))).statusCode).toBe(200);
    expect((await ws.admin.patch(`/api/v1/users/${u.id}`, { status: 'gone' })).json().errors[0].code).toBe('identity.badStatus');

    expect((await ws.admin.patch(`/api/v1/users/${ws.adminId}`, { status: 'inactive' })).json().code).toBe('identity.cannotDeactivateSelf');
    expect((await ws.admin.patch(`/api/v1/users/${ws.adminId}`, { isAdmin: false })).json().code).toBe('identity.cannotDemoteSelf');
    const second = await createUser(env, ws, { roleKeys: ['admin'], isAdmin: true });
    expect((await second.client.patch(`/api/v1/users/${ws.adminId}`, { isAdmin: false })).statusCode).toBe(200);
    expect((await second.client.patch(`/api/v1/users/${second.id}`, { isAdmin: false })).json().code).toBe('identity.cannotDemoteSelf');
    expect(await events(ws.workspaceId)).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
  });

  it('lets colleagues list users with e-mails masked; only administrators change them', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    const manager = await createUser(env, ws, { roleKeys: ['manager'] });
    const list = (await rep.client.get('/api/v1/users')).json().data;
    const adminRow = list.find((x: { id: string }) => x.id === ws.adminId);
    expect(Object.keys(adminRow).sort()).toEqual(['departmentId', 'email', 'id', 'managerId', 'name', 'status']);
    expect(adminRow.email).toMatch(/^a\*\*\*@example\.test$/);
    expect(list.find((x: { id: string }) => x.id === rep.id).email).toBe(rep.email);
    expect((await rep.client.get(`/api/v1/users?q=${encodeURIComponent(ws.adminEmail)}`)).json().data).toHaveLength(0);
    expect((await manager.client.get(`/api/v1/users/${ws.adminId}`)).json().email).toBe(ws.adminEmail);
    for (const [method, url, body] of [
      ['POST', '/api/v1/users', { email: uniqueEmail(), name: 'X' }],
      ['PATCH', `/api/v1/users/${rep.id}`, { isAdmin: true }],
      ['POST', `/api/v1/users/${rep.id}/password`, { password: 'another-pass-99' }],
    ] as const) {
      const r = await manager.client.request(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe('identity.adminOnly');
    }
    expect((await ws.admin.get(`/api/v1/users/${rep.id}`)).json().isAdmin).toBe(false);
  });

  it('documents the identity routes in the OpenAPI document', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/users', '/api/v1/users/{id}', '/api/v1/departments/tree', '/api/v1/roles/{id}', '/api/v1/api-keys',
      '/api/v1/auth/mfa', '/api/v1/auth/mfa/enroll', '/api/v1/me/profile', '/api/v1/me/password', '/api/v1/{object}/{id}/shares']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it('stores hostile names as given', async () => {
    const ws = await newWorkspace(env);
    const names = ['<script>alert(1)</script>', "Robert'); DROP TABLE users;--", '𠜎𠜱𠝹 👨‍👩‍👧', '\u202Eevil', '{"$ne":null}', '__proto__'];
    for (const name of names) {
      const r = await ws.admin.post('/api/v1/users', { email: uniqueEmail('h'), name });
      expect(r.statusCode, name).toBe(201);
      expect((await ws.admin.get(`/api/v1/users/${r.json().id}`)).json().name).toBe(name);
    }
  });
});
