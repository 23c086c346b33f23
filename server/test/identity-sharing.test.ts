import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('record sharing', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  const ids = (res: { json(): { data: { id: string }[] } }) => res.json().data.map((r) => r.id);

  it('gives read, then edit access; shares can be ended; only editors through their role may share', async () => {
    const ws = await newWorkspace(env);
    const owner = await createUser(env, ws, { roleKeys: ['rep'] });
    const peer = await createUser(env, ws, { roleKeys: ['rep'] });
    const third = await createUser(env, ws, { roleKeys: ['rep'] });
    const acc = (await owner.client.post('/api/v1/accounts', { name: '共享客户' })).json();
    expect((await peer.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    expect(ids(await peer.client.get('/api/v1/accounts'))).not.toContain(acc.id);

    const shared = await owner.client.post(`/api/v1/accounts/${acc.id}/shares`, { userId: peer.id, access: 'read' });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ userId: peer.id, access: 'read', expiresAt: null, createdBy: owner.id });
    expect((await peer.client.get(`/api/v1/accounts/${acc.id}`)).json().name).toBe('共享客户');
    expect(ids(await peer.client.get('/api/v1/accounts'))).toContain(acc.id);
    // A read share shows the record but does not let the peer change it.
    expect((await peer.client.patch(`/api/v1/accounts/${acc.id}`, { name: 'Changed by peer' })).statusCode).toBe(403);
    expect((await owner.client.get(`/api/v1/accounts/${acc.id}`)).json().name).toBe('共享客户');
    const reshare = await peer.client.post(`/api/v1/accounts/${acc.id}/shares`, { userId: third.id, access: 'read' });
    expect(reshare.statusCode).toBe(403);
    expect(reshare.json().code).toBe('identity.shareNotAllowed');

    expect((await owner.client.post(`/api/v1/accounts/${acc.id}/shares`, { userId: peer.id, access: 'edit' })).json().access).toBe('edit');
    const edited = await peer.client.patch(`/api/v1/accounts/${acc.id}`, { name: 'Changed by peer' });
    expect(edited.statusCode, edited.body).toBe(200);
    // Holding an edit share does not make one a sharer.
    expect((await peer.client.post(`/api/v1/accounts/${acc.id}/shares`, { userId: third.id, access: 'read' })).statusCode).toBe(403);
    expect((await peer.client.delete(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(403);

    const list = (await peer.client.get(`/api/v1/accounts/${acc.id}/shares`)).json().data;
    expect(list).toEqual([expect.objectContaining({ userId: peer.id, access: 'edit', userName: expect.any(String) })]);
    expect((await third.client.get(`/api/v1/accounts/${acc.id}/shares`)).statusCode).toBe(404);

    expect((await owner.client.delete(`/api/v1/accounts/${acc.id}/shares/${peer.id}`)).statusCode).toBe(204);
    expect((await peer.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    expect((await owner.client.delete(`/api/v1/accounts/${acc.id}/shares/${peer.id}`)).statusCode).toBe(404);
    const ev = await withTenant(env.db, ws.workspaceId, async (trx) => (await trx.selectFrom('audit_log').select('event').where('workspace_id', '=', ws.workspaceId).execute()).map((r) => r.event));
    expect(ev).toEqual(expect.arrayContaining(['record.shared', 'record.unshared']));
  });

  it('ends access when the share expires', async () => {
    const ws = await newWorkspace(env);
    const owner = await createUser(env, ws);
    const peer = await createUser(env, ws);
    const opp = (await owner.client.post('/api/v1/contacts', { name: '王芳' })).json();
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const shared = await owner.client.post(`/api/v1/contacts/${opp.id}/shares`, { userId: peer.id, access: 'edit', expiresAt });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().expiresAt).toBe(expiresAt);
    expect((await peer.client.get(`/api/v1/contacts/${opp.id}`)).statusCode).toBe(200);
    expect(ids(await peer.client.get('/api/v1/contacts'))).toContain(opp.id);
    await sleep(Math.max(0, new Date(expiresAt).getTime() - Date.now()) + 300);
    expect((await peer.client.get(`/api/v1/contacts/${opp.id}`)).statusCode).toBe(404);
    expect(ids(await peer.client.get('/api/v1/contacts'))).not.toContain(opp.id);
    expect((await peer.client.patch(`/api/v1/contacts/${opp.id}`, { name: 'late' })).statusCode).toBe(404);
    expect((await owner.client.get(`/api/v1/contacts/${opp.id}/shares`)).json().data).toEqual([]);
  });

  it('lets administrators and managers above the owner share; recipients may give a share back', async () => {
    const ws = await newWorkspace(env);
    const dept = (await ws.admin.post('/api/v1/departments', { name: 'East', parentId: ws.rootDepartmentId })).json();
    const manager = await createUser(env, ws, { roleKeys: ['manager'], departmentId: dept.id });
    const rep = await createUser(env, ws, { roleKeys: ['rep'], departmentId: dept.id });
    const outsider = await createUser(env, ws, { roleKeys: ['rep'] });
    const lead = (await rep.client.post('/api/v1/leads', { name: 'Lead One' })).json();
    expect((await manager.client.post(`/api/v1/leads/${lead.id}/shares`, { userId: outsider.id, access: 'read' })).statusCode).toBe(200);
    expect((await outsider.client.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(200);
    expect((await outsider.client.delete(`/api/v1/leads/${lead.id}/shares/${outsider.id}`)).statusCode).toBe(204);
    expect((await outsider.client.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await ws.admin.post(`/api/v1/leads/${lead.id}/shares`, { userId: outsider.id, access: 'read' })).statusCode).toBe(200);
    expect((await outsider.client.delete(`/api/v1/leads/${lead.id}/shares/${manager.id}`)).statusCode).toBe(403);
  });

  it('rejects bad shares and foreign ids', async () => {
    const ws = await newWorkspace(env);
    const other = await newWorkspace(env);
    const owner = await createUser(env, ws);
    const peer = await createUser(env, ws);
    const acc = (await owner.client.post('/api/v1/accounts', { name: 'Acme' })).json();
    const bad = await owner.client.post(`/api/v1/accounts/${acc.id}/shares`, { userId: other.adminId, access: 'owner', expiresAt: '2020-01-01T00:00:00Z' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort())
      .toEqual(['access:identity.badShareAccess', 'expiresAt:identity.expiryInPast', 'userId:field.notFound']);
    expect((await owner.client.post(`/api/v1/accounts/${acc.id}/shares`, { userId: owner.id, access: 'read' })).json().errors[0].code).toBe('identity.shareWithOwner');
    expect((await owner.client.post(`/api/v1/accounts/${acc.id}/shares`, { userId: peer.id, access: 'read', expiresAt: 'soon' })).statusCode).toBe(422);
    expect((await owner.client.get(`/api/v1/accounts/${acc.id}/shares`)).json().data).toEqual([]);
    const foreignAcc = (await other.admin.post('/api/v1/accounts', { name: 'Theirs' })).json();
    expect((await ws.admin.post(`/api/v1/accounts/${foreignAcc.id}/shares`, { userId: peer.id, access: 'read' })).statusCode).toBe(404);
    expect((await ws.admin.get(`/api/v1/accounts/${foreignAcc.id}/shares`)).statusCode).toBe(404);
    expect((await ws.admin.post(`/api/v1/nothings/${acc.id}/shares`, { userId: peer.id, access: 'read' })).json().code).toBe('error.unknownObject');
    expect((await ws.admin.delete(`/api/v1/accounts/${acc.id}/shares/not-a-user`)).statusCode).toBe(404);
  });
});
