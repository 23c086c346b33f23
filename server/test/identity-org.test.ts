import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('departments and roles', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  async function events(workspaceId: string): Promise<string[]> {
    return withTenant(env.db, workspaceId, async (trx) => (await trx.selectFrom('audit_log').select('event')
      .where('workspace_id', '=', workspaceId).orderBy('seq').execute()).map((r) => r.event));
  }

  it('builds the department tree and rejects cycles', async () => {
    const ws = await newWorkspace(env);
    const mk = async (name: string, parentId: string) => {
      const r = await ws.admin.post('/api/v1/departments', { name, parentId });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const sales = await mk('销售部', ws.rootDepartmentId);
    const east = await mk('华东区', sales.id);
    const service = await mk('Service', ws.rootDepartmentId);
    const tree = (await ws.admin.get('/api/v1/departments/tree')).json().data;
    expect(tree).toHaveLength(1);
    expect(tree[0].id).toBe(ws.rootDepartmentId);
    expect(tree[0].userCount).toBe(1);
    const salesNode = tree[0].children.find((c: { id: string }) => c.id === sales.id);
    expect(salesNode.children.map((c: { name: string }) => c.name)).toEqual(['华东区']);
    expect((await ws.admin.get('/api/v1/departments')).json().data).toHaveLength(4);
    expect((await ws.admin.get(`/api/v1/departments/${east.id}`)).json()).toMatchObject({ name: '华东区', parentId: sales.id, userCount: 0 });

    for (const [id, parentId] of [[sales.id, east.id], [sales.id, sales.id], [ws.rootDepartmentId, east.id]]) {
      const r = await ws.admin.patch(`/api/v1/departments/${id}`, { parentId });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors[0]).toMatchObject({ field: 'parentId', code: 'identity.departmentCycle' });
    }
    expect((await ws.admin.patch(`/api/v1/departments/${sales.id}`, { parentId: null })).json().errors[0].code).toBe('identity.departmentNeedsParent');
    expect((await ws.admin.patch(`/api/v1/departments/${ws.rootDepartmentId}`, { name: 'HQ', parentId: null })).json().name).toBe('HQ');
    const moved = await ws.admin.patch(`/api/v1/departments/${east.id}`, { parentId: service.id, position: 3 });
    expect(moved.json()).toMatchObject({ parentId: service.id, position: 3 });
    const dup = await ws.admin.post('/api/v1/departments', { name: '华东区', parentId: service.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].code).toBe('identity.departmentNameTaken');
    expect((await ws.admin.post('/api/v1/departments', { name: '华东区', parentId: sales.id })).statusCode).toBe(201);
    expect((await ws.admin.post('/api/v1/departments', { name: 'No parent' })).json().errors[0]).toMatchObject({ field: 'parentId', code: 'field.required' });
    expect(await events(ws.workspaceId)).toEqual(expect.arrayContaining(['department.created', 'department.updated']));
  });

  it('deletes only empty leaf departments, with clear errors otherwise', async () => {
    const ws = await newWorkspace(env);
    const parent = (await ws.admin.post('/api/v1/departments', { name: 'Parent', parentId: ws.rootDepartmentId })).json();
    const child = (await ws.admin.post('/api/v1/departments', { name: 'Child', parentId: parent.id })).json();
    const member = await createUser(env, ws, { departmentId: child.id });
    const hasChildren = await ws.admin.delete(`/api/v1/departments/${parent.id}`);
    expect(hasChildren.statusCode).toBe(409);
    expect(hasChildren.json().code).toBe('identity.departmentHasChildren');
    ws.admin.lang = 'zh-CN';
    const hasUsers = await ws.admin.delete(`/api/v1/departments/${child.id}`);
    expect(hasUsers.statusCode).toBe(409);
    expect(hasUsers.json().title).toBe('该部门还有 1 名成员，请先把他们调到其他部门。');
    expect((await ws.admin.delete(`/api/v1/departments/${ws.rootDepartmentId}`)).json().code).toBe('identity.departmentIsRoot');
    await ws.admin.patch(`/api/v1/users/${member.id}`, { departmentId: parent.id });
    expect((await ws.admin.delete(`/api/v1/departments/${child.id}`)).statusCode).toBe(204);
    expect((await ws.admin.get('/api/v1/departments')).json().data.map((d: { id: string }) => d.id)).not.toContain(child.id);
    expect(await events(ws.workspaceId)).toContain('department.deleted');
  });

  it('keeps departments administrator-only and within the workspace', async () => {
    const ws = await newWorkspace(env);
    const other = await newWorkspace(env);
    const rep = await createUser(env, ws);
    expect((await rep.client.get('/api/v1/departments/tree')).statusCode).toBe(200);
    const denied = await rep.client.post('/api/v1/departments', { name: 'Mine', parentId: ws.rootDepartmentId });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('identity.adminOnly');
    expect((await rep.client.patch(`/api/v1/departments/${ws.rootDepartmentId}`, { name: 'X' })).statusCode).toBe(403);
    expect((await rep.client.delete(`/api/v1/departments/${ws.rootDepartmentId}`)).statusCode).toBe(403);
    expect((await ws.admin.patch(`/api/v1/departments/${other.rootDepartmentId}`, { name: 'Hijack' })).statusCode).toBe(404);
    expect((await ws.admin.delete(`/api/v1/departments/${other.rootDepartmentId}`)).statusCode).toBe(404);
    const foreignParent = await ws.admin.post('/api/v1/departments', { name: 'X', parentId: other.rootDepartmentId });
    expect(foreignParent.json().errors[0]).toMatchObject({ field: 'parentId', code: 'field.notFound' });
    expect((await other.admin.get('/api/v1/departments')).json().data.map((d: { name: string }) => d.name)).toEqual(['Test Co']);
    expect((await ws.admin.get(`/api/v1/departments/${other.rootDepartmentId}`)).statusCode).toBe(404);
  });

  it('applies org changes to data scopes on the next request', async () => {
    const ws = await newWorkspace(env);
    const sales = (await ws.admin.post('/api/v1/departments', { name: 'Sales', parentId: ws.rootDepartmentId })).json();
    const team = (await ws.admin.post('/api/v1/departments', { name: 'Team', parentId: sales.id })).json();
    const manager = await createUser(env, ws, { roleKeys: ['manager'], departmentId: sales.id });
    const rep = await createUser(env, ws, { roleKeys: ['rep'], departmentId: team.id, managerId: manager.id });
    const acc = (await rep.client.post('/api/v1/accounts', { name: 'Team deal' })).json();
    expect((await manager.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(200);
    await ws.admin.patch(`/api/v1/departments/${team.id}`, { parentId: ws.rootDepartmentId });
    expect((await manager.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
  });

  it('creates, validates, updates and deletes roles', async () => {
    const ws = await newWorkspace(env);
    const roles = (await ws.admin.get('/api/v1/roles')).json().data;
    expect(roles).toHaveLength(3);
    expect(roles.find((r: { id: string }) => r.id === ws.roleIds.admin)).toMatchObject({ isSystem: true, userCount: 1, canUnmask: true });
    const created = await ws.admin.post('/api/v1/roles', {
      name: '客服 Support', description: 'Reads everything, edits own',
      permissions: { '*': { read: 'all' }, accounts: { update: 'own', create: 'own' } },
      fieldPermissions: { accounts: { phone: 'hidden', industry: 'readonly' } }, canUnmask: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ isSystem: false, userCount: 0, fieldPermissions: { accounts: { phone: 'hidden', industry: 'readonly' } } });
    expect(role.permissions.accounts).toEqual({ update: 'own', create: 'own' });
    const bad = await ws.admin.post('/api/v1/roles', {
      name: 'Bad', permissions: { nope: { read: 'all' }, accounts: { fly: 'all', read: 'everything' }, contacts: 'all' },
      fieldPermissions: { accounts: { noField: 'hidden', phone: 'secret' }, ghosts: {} },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'fieldPermissions.accounts.noField:identity.unknownField', 'fieldPermissions.accounts.phone:identity.badFieldAccess',
      'fieldPermissions.ghosts:identity.unknownObject', 'permissions.accounts.fly:identity.badAction',
      'permissions.accounts.read:identity.badScope', 'permissions.contacts:field.type.object', 'permissions.nope:identity.unknownObject',
    ]);
    expect((await ws.admin.post('/api/v1/roles', { name: '客服 Support' })).json().errors[0].code).toBe('identity.roleNameTaken');
    const patched = await ws.admin.patch(`/api/v1/roles/${role.id}`, { name: 'Support', canUnmask: true });
    expect(patched.json()).toMatchObject({ name: 'Support', canUnmask: true, permissions: role.permissions });
    expect((await ws.admin.get(`/api/v1/roles/${role.id}`)).json().name).toBe('Support');
    const holder = await createUser(env, ws, { roleIds: [role.id] });
    const inUse = await ws.admin.delete(`/api/v1/roles/${role.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'identity.roleInUse', title: 'The role is still assigned to 1 users. Remove it from them first.' });
    await ws.admin.patch(`/api/v1/users/${holder.id}`, { roleIds: [] });
    expect((await ws.admin.delete(`/api/v1/roles/${role.id}`)).statusCode).toBe(204);
    expect((await ws.admin.get(`/api/v1/roles/${role.id}`)).statusCode).toBe(404);
    expect(await events(ws.workspaceId)).toEqual(expect.arrayContaining(['role.created', 'role.updated', 'role.deleted', 'user.rolesChanged']));
    const other = await newWorkspace(env);
    expect((await other.admin.patch(`/api/v1/roles/${ws.roleIds.rep}`, { name: 'x' })).statusCode).toBe(404);
  });

  it('keeps roles administrator-only', async () => {
    const ws = await newWorkspace(env);
    const manager = await createUser(env, ws, { roleKeys: ['manager'] });
    for (const [method, url] of [['GET', '/api/v1/roles'], ['POST', '/api/v1/roles'], ['PATCH', `/api/v1/roles/${ws.roleIds.rep}`], ['DELETE', `/api/v1/roles/${ws.roleIds.rep}`]] as const) {
      const r = await manager.client.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json().code).toBe('identity.adminOnly');
    }
  });

  it('applies role and role-assignment changes on the next request', async () => {
    const ws = await newWorkspace(env);
    const role = (await ws.admin.post('/api/v1/roles', { name: 'Viewer', permissions: { accounts: { read: 'own' } } })).json();
    const viewer = await createUser(env, ws, { roleIds: [role.id] });
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'Big Co', phone: '13812345678', description: 'secret plans' })).json();
    expect((await viewer.client.get('/api/v1/accounts')).json().data).toHaveLength(0);
    await ws.admin.patch(`/api/v1/roles/${role.id}`, { permissions: { accounts: { read: 'all' } }, fieldPermissions: { accounts: { description: 'hidden' } } });
    const seen = await viewer.client.get(`/api/v1/accounts/${acc.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).not.toHaveProperty('description');
    expect(seen.json().phone).toBe('138****5678');
    expect((await viewer.client.patch(`/api/v1/accounts/${acc.id}`, { name: 'Mine now' })).statusCode).toBe(403);
    await ws.admin.patch(`/api/v1/users/${viewer.id}`, { roleIds: [ws.roleIds.manager, role.id] });
    expect((await viewer.client.get(`/api/v1/accounts/${acc.id}`)).json().description).toBe('secret plans');
    await ws.admin.patch(`/api/v1/users/${viewer.id}`, { roleIds: [] });
    expect((await viewer.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
  });
});
