import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

/** Lost updates and retried creates, with requests really in flight together. */
describe.skipIf(SKIP)('optimistic concurrency and idempotency', () => {
  let env: TestEnv;
  let ws: Awaited<ReturnType<typeof newWorkspace>>;
  const count = async (sqlText: string, params: unknown[]) => Number((await env.db.executeSql(sqlText, params)).rows[0].n);

  beforeAll(async () => {
    env = await startTestApp();
    ws = await newWorkspace(env);
  });
  afterAll(async () => { await env?.close(); });

  it('two concurrent PATCHes with the same If-Match: one wins, the other is refused, one change recorded', async () => {
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'Contested' })).json();
    const [a, b] = await Promise.all([
      ws.admin.patch(`/api/v1/accounts/${acc.id}`, { description: 'first writer' }, { 'if-match': '"1"' }),
      ws.admin.patch(`/api/v1/accounts/${acc.id}`, { description: 'second writer' }, { 'if-match': '"1"' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([409, 412]).toContain(statuses[1]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(winner.headers.etag).toBe('"2"');
    const now = (await ws.admin.get(`/api/v1/accounts/${acc.id}`)).json();
    expect(now.version).toBe(2);
    expect(now.description).toBe(winner.json().description);
    const changes = (await env.db.executeSql(`select field, new_value from record_history
      where workspace_id = $1 and record_id = $2 and op = 'update'`, [ws.workspaceId, acc.id])).rows;
    expect(changes).toEqual([{ field: 'description', new_value: now.description }]);
    expect(await count(`select count(*)::int as n from outbox_events where workspace_id = $1 and record_id = $2 and event = 'accounts.updated'`, [ws.workspaceId, acc.id])).toBe(1);
  });

  it('a version in the body conflicts like If-Match, with 409', async () => {
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'Body version' })).json();
    expect((await ws.admin.patch(`/api/v1/accounts/${acc.id}`, { description: 'x', version: 1 })).statusCode).toBe(200);
    const stale = await ws.admin.patch(`/api/v1/accounts/${acc.id}`, { description: 'y', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('error.versionConflict');
    const bad = await ws.admin.patch(`/api/v1/accounts/${acc.id}`, { description: 'y' }, { 'if-match': '"two"' });
    expect(bad.statusCode).toBe(400);
  });

  it('many concurrent writers without If-Match: every change lands, versions count them', async () => {
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'Busy' })).json();
    const res = await Promise.all(Array.from({ length: 8 }, (_, i) => ws.admin.patch(`/api/v1/accounts/${acc.id}`, { description: `w${i}` })));
    expect(res.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect((await ws.admin.get(`/api/v1/accounts/${acc.id}`)).json().version).toBe(9);
    expect(await count(`select count(*)::int as n from record_history where workspace_id = $1 and record_id = $2 and op = 'update'`, [ws.workspaceId, acc.id])).toBe(8);
  });

  it('the same POST twice with one Idempotency-Key creates one record and replays the first response', async () => {
    const key = `create-${Date.now()}`;
    const body = { name: 'Idempotent Ltd', level: 'B' };
    const first = await ws.admin.post('/api/v1/accounts', body, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await ws.admin.post('/api/v1/accounts', body, { 'idempotency-key': key });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await count(`select count(*)::int as n from accounts where workspace_id = $1 and name = $2`, [ws.workspaceId, body.name])).toBe(1);
    expect(await count(`select count(*)::int as n from outbox_events where workspace_id = $1 and record_id = $2`, [ws.workspaceId, first.json().id])).toBe(1);
  });

  it('the same key with a different body is refused with 422 and creates nothing', async () => {
    const key = `mismatch-${Date.now()}`;
    expect((await ws.admin.post('/api/v1/accounts', { name: 'Original' }, { 'idempotency-key': key })).statusCode).toBe(201);
    const other = await ws.admin.post('/api/v1/accounts', { name: 'Different' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('error.idempotencyMismatch');
    expect(await count(`select count(*)::int as n from accounts where workspace_id = $1 and name = 'Different'`, [ws.workspaceId])).toBe(0);
  });

  it('a failed request does not burn its key', async () => {
    const key = `failed-${Date.now()}`;
    const bad = await ws.admin.post('/api/v1/accounts', { name: 'Bad', level: 'Z' }, { 'idempotency-key': key });
    expect(bad.statusCode).toBe(422);
    const retry = await ws.admin.post('/api/v1/accounts', { name: 'Bad', level: 'Z' }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(422);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const fixed = await ws.admin.post('/api/v1/accounts', { name: 'Bad', level: 'A' }, { 'idempotency-key': key });
    expect(fixed.statusCode, fixed.body).toBe(201);
  });

  it('keys belong to their user: another user may use the same key', async () => {
    const key = `shared-${Date.now()}`;
    const other = await newWorkspace(env);
    const mine = await ws.admin.post('/api/v1/accounts', { name: 'Mine' }, { 'idempotency-key': key });
    const theirs = await other.admin.post('/api/v1/accounts', { name: 'Mine' }, { 'idempotency-key': key });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('two concurrent identical POSTs with one key create one record', async () => {
    const key = `race-${Date.now()}`;
    const body = { name: 'Raced Ltd' };
    const res = await Promise.all(Array.from({ length: 4 }, () => ws.admin.post('/api/v1/accounts', body, { 'idempotency-key': key })));
    expect(res.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(res.map((r) => r.json().id)).size).toBe(1);
    expect(res.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect(await count(`select count(*)::int as n from accounts where workspace_id = $1 and name = $2`, [ws.workspaceId, body.name])).toBe(1);
  });

  it('a retried bulk create with its Idempotency-Key writes its rows once', async () => {
    const key = `bulk-${Date.now()}`;
    const body = { op: 'create', records: Array.from({ length: 20 }, (_, i) => ({ name: `idem-bulk-${i}` })) };
    const first = await ws.admin.post('/api/v1/accounts/bulk', body, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(200);
    const again = await ws.admin.post('/api/v1/accounts/bulk', body, { 'idempotency-key': key });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await count(`select count(*)::int as n from accounts where workspace_id = $1 and name like 'idem-bulk-%'`, [ws.workspaceId])).toBe(20);
  });

  it('an over-long key is refused with a localised 400', async () => {
    const res = await ws.admin.post('/api/v1/accounts', { name: 'Long key' }, { 'idempotency-key': 'k'.repeat(201), 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toMatch(/[\u4e00-\u9fff]/);
  });
});
