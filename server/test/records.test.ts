import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHook } from '../src/records/hooks.js';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('records API', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('creates, reads, lists, updates and deletes an account', async () => {
    const { admin } = await newWorkspace(env);
    const created = await admin.post('/api/v1/accounts', { name: '上海星辰科技有限公司', level: 'A', phone: '13812341234', tags: ['vip'] });
    expect(created.statusCode, created.body).toBe(201);
    const acc = created.json();
    expect(acc).toMatchObject({ name: '上海星辰科技有限公司', level: 'A', phone: '13812341234', version: 1, tags: ['vip'] });
    const got = await admin.get(`/api/v1/accounts/${acc.id}`);
    expect(got.json().name).toBe('上海星辰科技有限公司');
    const list = await admin.get('/api/v1/accounts?limit=10');
    expect(list.json().data.map((r: any) => r.id)).toContain(acc.id);
    const upd = await admin.patch(`/api/v1/accounts/${acc.id}`, { level: 'B' }, { 'if-match': '"1"' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ level: 'B', version: 2 });
    const stale = await admin.patch(`/api/v1/accounts/${acc.id}`, { level: 'C' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const del = await admin.delete(`/api/v1/accounts/${acc.id}`);
    expect(del.statusCode).toBe(204);
    expect((await admin.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    const bin = await admin.get('/api/v1/accounts?deleted=true');
    expect(bin.json().data.map((r: any) => r.id)).toContain(acc.id);
    const restored = await admin.post(`/api/v1/accounts/${acc.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    const tl = await admin.get(`/api/v1/accounts/${acc.id}/timeline`);
    expect(tl.json().data.map((h: any) => h.op)).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('rejects bad input with localised field errors and changes nothing', async () => {
    const { admin } = await newWorkspace(env);
    admin.lang = 'zh-CN';
    const res = await admin.post('/api/v1/accounts', { name: '', phone: '123', level: 'Z', nope: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.title).toBe('部分字段填写有误。');
    expect(body.errors.map((e: any) => e.field).sort()).toEqual(['level', 'name', 'nope', 'phone']);
    const bad = await admin.request('POST', '/api/v1/accounts', '{"name": ', {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('error.badJson');
    expect((await admin.get('/api/v1/accounts')).json().data).toHaveLength(0);
  });

  it('localises schema errors on query parameters', async () => {
    const { admin } = await newWorkspace(env);
    admin.lang = 'zh-CN';
    const big = await admin.get('/api/v1/accounts?limit=5000');
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0]).toMatchObject({ field: 'limit', code: 'field.max', message: '不能大于 1000。' });
    const word = await admin.get('/api/v1/accounts?limit=many');
    expect(word.json().errors[0]).toMatchObject({ field: 'limit', code: 'field.type.number', message: '必须是数字。' });
  });

  it('treats equal amounts as no change, and records values set by hooks in history', async () => {
    const { admin } = await newWorkspace(env);
    const opp = (await admin.post('/api/v1/opportunities', { name: 'Amount test', amount: '100.00' })).json();
    const same = await admin.patch(`/api/v1/opportunities/${opp.id}`, { amount: 100 });
    expect(same.json().version).toBe(opp.version);
    registerHook('tasks.beforeUpdate', 'test-priority', ({ values }) => {
      if (values.status === 'done') values.priority = 'low';
    });
    const task = (await admin.post('/api/v1/tasks', { name: 'Call back', priority: 'high' })).json();
    await admin.patch(`/api/v1/tasks/${task.id}`, { status: 'done' });
    const tl = (await admin.get(`/api/v1/tasks/${task.id}/timeline`)).json().data;
    const fields = tl.filter((h: any) => h.op === 'update').map((h: any) => h.field).sort();
    expect(fields).toEqual(['priority', 'status']);
  });
});
