import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newWorkspace, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BLNS: string[] = JSON.parse(fs.readFileSync(path.resolve(here, '../../../shared/fixtures/naughty-strings/blns.json'), 'utf8'));

const definition = { columns: ['name', 'level', 'phone'], sort: '-createdAt', filter: { and: [{ field: 'level', op: 'eq', value: 'A' }] }, q: '星辰' };

async function save(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/views', { object: 'accounts', definition, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const names = async (client: Client, object = 'accounts') => {
  const res = await client.get(`/api/v1/views?object=${object}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data.map((v: { name: string }) => v.name);
};

describe.skipIf(SKIP)('saved views API', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('lists my own views and the shared ones, mine first, never a colleague\'s personal view', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws, { name: 'Rep' });
    const mine = await save(ws.admin, { name: 'A accounts' });
    expect(mine).toMatchObject({ object: 'accounts', name: 'A accounts', shared: false, editable: true, definition });
    await save(ws.admin, { name: 'Team: key accounts', shared: true });
    await save(rep.client, { name: 'My hot list' });
    await save(rep.client, { name: 'Zed shared by rep', shared: true });
    expect(await names(rep.client)).toEqual(['My hot list', 'Zed shared by rep', 'Team: key accounts']);
    expect(await names(ws.admin)).toEqual(['A accounts', 'Team: key accounts', 'Zed shared by rep']);
    expect(await names(ws.admin, 'contacts')).toEqual([]);
    const repView = (await rep.client.get('/api/v1/views?object=accounts')).json().data;
    expect(repView.find((v: any) => v.name === 'Team: key accounts').editable).toBe(false);
    // Other workspaces see nothing of it.
    const other = await newWorkspace(env);
    expect(await names(other.admin)).toEqual([]);
    expect((await other.admin.get(`/api/v1/views/${mine.id}`)).statusCode).toBe(404);
  });

  it('lets only the owner change or delete a view, and administrators any', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws);
    const adminShared = await save(ws.admin, { name: 'Shared', shared: true });
    const adminPrivate = await save(ws.admin, { name: 'Private' });
    const repView = await save(rep.client, { name: 'Rep view' });

    rep.client.lang = 'zh-CN';
    const denied = await rep.client.patch(`/api/v1/views/${adminShared.id}`, { name: 'Hijacked' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'views.notOwner', detail: '只有视图的创建者或管理员可以修改或删除它。' });
    expect((await rep.client.delete(`/api/v1/views/${adminShared.id}`)).statusCode).toBe(403);
    expect((await rep.client.get(`/api/v1/views/${adminShared.id}`)).statusCode).toBe(200);
    expect((await rep.client.get(`/api/v1/views/${adminPrivate.id}`)).statusCode).toBe(404);
    expect((await rep.client.patch(`/api/v1/views/${adminPrivate.id}`, { name: 'x' })).statusCode).toBe(404);
    expect(await names(ws.admin)).toEqual(['Private', 'Shared']);

    const renamed = await rep.client.patch(`/api/v1/views/${repView.id}`, { name: 'Renamed', shared: true, definition: { columns: ['name'] } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Renamed', shared: true, definition: { columns: ['name'] } });

    const byAdmin = await ws.admin.patch(`/api/v1/views/${repView.id}`, { shared: false });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json()).toMatchObject({ ownerId: rep.id, shared: false, editable: true });
    expect((await ws.admin.delete(`/api/v1/views/${repView.id}`)).statusCode).toBe(204);
    expect(await names(rep.client)).toEqual(['Shared']);
    expect((await rep.client.delete(`/api/v1/views/${adminShared.id}`)).statusCode).toBe(403);
    expect((await ws.admin.delete(`/api/v1/views/${adminShared.id}`)).statusCode).toBe(204);
    expect((await ws.admin.get(`/api/v1/views/${adminShared.id}`)).statusCode).toBe(404);
  });

  it('rejects bad views with localised field errors and saves nothing', async () => {
    const { admin } = await newWorkspace(env);
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ name: '  ' }, 422, 'name', 'field.required'],
      [{ name: 'x'.repeat(101) }, 422, 'name', 'field.tooLong'],
      [{ name: 'v', definition: { columns: ['name', 'nope'] } }, 422, 'definition.columns', 'views.badColumn'],
      [{ name: 'v', definition: { sort: '-address' } }, 422, 'definition.sort', 'views.badSort'],
      [{ name: 'v', definition: { filter: { field: 'level', op: 'contains', value: 1 } } }, 422, 'definition.filter', 'views.badFilter'],
      [{ name: 'v', definition: { filter: { field: 'ghost', op: 'eq', value: 1 } } }, 422, 'definition.filter', 'views.badFilter'],
      [{ name: 'v', definition: { extra: 1 } }, 422, 'definition', 'field.unknown'],
      [{ name: 'v', colour: 'red' }, 422, 'colour', 'field.unknown'],
    ];
    admin.lang = 'zh-CN';
    for (const [body, status, field, code] of cases) {
      const res = await admin.post('/api/v1/views', { object: 'accounts', ...body });
      expect(res.statusCode, res.body).toBe(status);
      const issue = res.json().errors.find((e: { field: string }) => e.field === field);
      expect(issue, res.body).toMatchObject({ code });
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await admin.post('/api/v1/views', { object: 'nothing', name: 'v' })).statusCode).toBe(404);
    expect((await admin.get('/api/v1/views?object=nothing')).statusCode).toBe(404);
    expect((await admin.get('/api/v1/views/not-a-uuid')).statusCode).toBe(404);
    expect(await names(admin)).toEqual([]);

    await save(admin, { name: 'Taken' });
    const dup = await admin.post('/api/v1/views', { object: 'accounts', name: ' Taken ' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: 'name', code: 'views.nameTaken', message: '您在该对象下已有名为“Taken”的视图，请换一个名称。' });
    const other = await save(admin, { name: 'Other' });
    expect((await admin.patch(`/api/v1/views/${other.id}`, { name: 'Taken' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/views/${other.id}`, { definition: { columns: ['ghost'] } })).statusCode).toBe(422);
    expect((await admin.get(`/api/v1/views/${other.id}`)).json()).toMatchObject({ name: 'Other', definition });
    // The same name on another object is a different view.
    expect((await admin.post('/api/v1/views', { object: 'contacts', name: 'Taken' })).statusCode).toBe(201);
  });

  it('survives the naughty strings as names and search text', async () => {
    const { admin } = await newWorkspace(env);
    let saved = 0;
    for (const [i, s] of BLNS.entries()) {
      const res = await admin.post('/api/v1/views', { object: 'contacts', name: `${i} ${s}`, definition: { q: s.slice(0, 200) } });
      expect([201, 422], `${res.statusCode} ${JSON.stringify(s)}`).toContain(res.statusCode);
      if (res.statusCode === 422) {
        expect(res.json().errors.length, res.body).toBeGreaterThan(0);
        continue;
      }
      saved++;
      expect(res.json().name).toBe(`${i} ${s}`.trim());
    }
    expect(saved).toBeGreaterThan(BLNS.length * 0.9);
    expect(await names(admin, 'contacts')).toHaveLength(saved);
  });
});
