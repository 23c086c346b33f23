import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));

/** The records pipeline's writes end to end: bulk writes, recycle bin, timeline, related lists, bad input (lists: platform-records-query.test.ts). */
describe.skipIf(SKIP)('records pipeline: writing', () => {
  let env: TestEnv;
  let ws: Awaited<ReturnType<typeof newWorkspace>>;
  let admin: Client;

  beforeAll(async () => {
    env = await startTestApp();
    ws = await newWorkspace(env);
    admin = ws.admin;
  });
  afterAll(async () => { await env?.close(); });

  async function bulkCreate(object: string, records: Record<string, unknown>[]): Promise<any[]> {
    const res = await admin.post(`/api/v1/${object}/bulk`, { op: 'create', records });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  }

  describe('bulk writes', () => {
    const count = async (prefix: string) => Number((await env.db.executeSql(
      'select count(*)::int as n from accounts where workspace_id = $1 and name like $2 and deleted_at is null', [ws.workspaceId, `${prefix}%`])).rows[0].n);

    it('creates 1,000 records in one call, and refuses 1,001 with a localised 413', async () => {
      const rows = await bulkCreate('accounts', Array.from({ length: 1000 }, (_, i) => ({ name: `bulk-${i}` })));
      expect(rows).toHaveLength(1000);
      expect(rows[999].name).toBe('bulk-999');
      expect(await count('bulk-')).toBe(1000);
      const tooMany = await admin.post('/api/v1/accounts/bulk', { op: 'create', records: Array.from({ length: 1001 }, (_, i) => ({ name: `over-${i}` })) }, { 'accept-language': 'zh-CN' });
      expect(tooMany.statusCode).toBe(413);
      expect(tooMany.json().title).toMatch(/1000/);
      expect(tooMany.json().title).toMatch(/[\u4e00-\u9fff]/);
      expect(await count('over-')).toBe(0);
    });

    it('is all or nothing, with each bad row reported by its index', async () => {
      const res = await admin.post('/api/v1/accounts/bulk', { op: 'create', records: [{ name: 'aon-0' }, { name: '' }, { name: 'aon-2', level: 'Z' }, { name: 'aon-3' }] });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: any) => [e.index, e.field, e.code])).toEqual([[1, 'name', 'field.required'], [2, 'level', 'field.option']]);
      expect(await count('aon-')).toBe(0);
      const [a, b] = await bulkCreate('accounts', [{ name: 'upd-0' }, { name: 'upd-1' }]);
      const upd = await admin.post('/api/v1/accounts/bulk', { op: 'update', records: [{ id: a.id, level: 'A' }, { id: b.id, level: 'nope' }, { level: 'A' }, { id: '0190a5b0-0000-7000-8000-000000000000', level: 'A' }] });
      expect(upd.statusCode).toBe(422);
      expect(upd.json().errors.map((e: any) => [e.index, e.field, e.code])).toEqual([[1, 'level', 'field.option'], [2, 'id', 'field.required'], [3, '(record)', 'error.notFound']]);
      expect((await admin.get(`/api/v1/accounts/${a.id}`)).json()).toMatchObject({ level: null, version: 1 });
      const ok = await admin.post('/api/v1/accounts/bulk', { op: 'update', records: [{ id: a.id, level: 'A' }, { id: b.id, level: 'B' }] });
      expect(ok.json().data.map((r: any) => r.level)).toEqual(['A', 'B']);
      const del = await admin.post('/api/v1/accounts/bulk', { op: 'delete', records: [{ id: a.id }, { id: b.id }] });
      expect(del.statusCode, del.body).toBe(200);
      expect(await count('upd-')).toBe(0);
      const again = await admin.post('/api/v1/accounts/bulk', { op: 'delete', records: [{ id: a.id }] });
      expect(again.statusCode).toBe(422);
    });
  });

  describe('recycle bin, timeline and related lists', () => {
    it('deletes to the recycle bin, restores, and purges only from the bin', async () => {
      const acc = (await admin.post('/api/v1/accounts', { name: 'bin-me' })).json();
      const bin = `/api/v1/accounts?deleted=true&filter=${enc({ field: 'name', op: 'eq', value: 'bin-me' })}`;
      expect((await admin.get(bin)).json().data).toEqual([]);
      expect((await admin.post(`/api/v1/accounts/${acc.id}/purge`)).statusCode).toBe(404);
      expect((await admin.post(`/api/v1/accounts/${acc.id}/restore`)).json().code).toBe('error.notInRecycleBin');
      expect((await admin.delete(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(204);
      expect((await admin.delete(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
      const inBin = (await admin.get(bin)).json().data;
      expect(inBin).toHaveLength(1);
      expect(inBin[0]).toMatchObject({ id: acc.id, version: 2 });
      expect(Date.parse(inBin[0].deletedAt)).not.toBeNaN();
      expect((await admin.post(`/api/v1/accounts/${acc.id}/restore`)).json()).toMatchObject({ id: acc.id, version: 3 });
      expect((await admin.get(bin)).json().data).toEqual([]);
      expect((await admin.delete(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(204);
      expect((await admin.post(`/api/v1/accounts/${acc.id}/purge`)).statusCode).toBe(204);
      expect((await admin.get(bin)).json().data).toEqual([]);
      expect((await admin.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
      expect((await admin.post(`/api/v1/accounts/${acc.id}/restore`)).statusCode).toBe(404);
      const events = (await env.db.executeSql(`select event from outbox_events where workspace_id = $1 and record_id = $2 order by created_at, id`, [ws.workspaceId, acc.id])).rows.map((r) => r.event);
      expect(events).toEqual(['accounts.created', 'accounts.deleted', 'accounts.restored', 'accounts.deleted', 'accounts.purged']);
    });

    it('lists the timeline newest first and pages through it without skipping rows that share a time', async () => {
      const c = (await admin.post('/api/v1/contacts', { name: 'Timeline Person' })).json();
      expect((await admin.patch(`/api/v1/contacts/${c.id}`, { title: 'CTO' })).statusCode).toBe(200);
      // One update of three fields: three history rows with one time stamp.
      expect((await admin.patch(`/api/v1/contacts/${c.id}`, { title: 'CEO', wechat: 'tp', description: 'x' })).statusCode).toBe(200);
      const act = await admin.post('/api/v1/activities', { name: 'Call', type: 'call', contactId: c.id, occurredAt: '2020-01-01T00:00:00Z' });
      expect(act.statusCode, act.body).toBe(201);
      expect((await admin.patch(`/api/v1/contacts/${c.id}`, { gender: 'female' })).statusCode).toBe(200);
      const full = (await admin.get(`/api/v1/contacts/${c.id}/timeline`)).json();
      expect(full.nextCursor).toBeNull();
      const items = full.data;
      const keys = items.map((i: any) => (i.kind === 'activity' ? 'activity' : `${i.op}:${i.field}`));
      expect(keys[0]).toBe('update:gender');
      expect(keys.slice(1, 4).sort()).toEqual(['update:description', 'update:title', 'update:wechat']);
      expect(keys.slice(4)).toEqual(['update:title', 'create:*', 'activity']);
      const times = items.map((i: any) => Date.parse(i.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const limit of [1, 2, 3]) {
        const paged: string[] = [];
        let before: string | null = null;
        do {
          const res = await admin.get(`/api/v1/contacts/${c.id}/timeline?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
          expect(res.statusCode, res.body).toBe(200);
          paged.push(...res.json().data.map((i: any) => i.id));
          before = res.json().nextCursor;
        } while (before && paged.length < 50);
        expect(paged, `limit ${limit}`).toEqual(items.map((i: any) => i.id));
      }
      expect((await admin.get(`/api/v1/contacts/${c.id}/timeline?before=yesterday-ish`)).statusCode).toBe(400);
      expect((await admin.get(`/api/v1/contacts/${c.id}/timeline?before=-271821-04-20`)).statusCode).toBe(400);
    });

    it('lists related records through their own list path', async () => {
      const acc = (await admin.post('/api/v1/accounts', { name: 'Parent Co' })).json();
      const other = (await admin.post('/api/v1/accounts', { name: 'Other Co' })).json();
      await bulkCreate('contacts', [{ name: 'rel-1', accountId: acc.id, title: 'A' }, { name: 'rel-2', accountId: acc.id }, { name: 'rel-3', accountId: other.id }]);
      const rel = await admin.get(`/api/v1/accounts/${acc.id}/related/contacts?sort=name`);
      expect(rel.statusCode, rel.body).toBe(200);
      expect(rel.json().data.map((r: any) => r.name)).toEqual(['rel-1', 'rel-2']);
      const filtered = await admin.get(`/api/v1/accounts/${acc.id}/related/contacts?filter=${enc({ field: 'title', op: 'eq', value: 'A' })}`);
      expect(filtered.json().data.map((r: any) => r.name)).toEqual(['rel-1']);
      expect((await admin.get(`/api/v1/accounts/${acc.id}/related/tasks`)).json().data).toEqual([]);
      expect((await admin.get(`/api/v1/accounts/${acc.id}/related/nothings`)).statusCode).toBe(404);
      const task = (await admin.post('/api/v1/tasks', { name: 'No links to me' })).json();
      expect((await admin.get(`/api/v1/tasks/${task.id}/related/accounts`)).statusCode).toBe(400);
      expect((await admin.get('/api/v1/accounts/not-a-uuid/related/contacts')).statusCode).toBe(404);
    });
  });

  describe('bad input', () => {
    it('answers 404 for another workspace\'s record on every verb', async () => {
      const other = await newWorkspace(env, 'Elsewhere');
      const theirs = (await other.admin.post('/api/v1/accounts', { name: 'Not yours' })).json();
      const url = `/api/v1/accounts/${theirs.id}`;
      for (const res of [await admin.get(url), await admin.patch(url, { name: 'mine' }), await admin.delete(url),
        await admin.post(`${url}/restore`), await admin.post(`${url}/purge`), await admin.get(`${url}/timeline`),
        await admin.get(`${url}/related/contacts`)]) {
        expect(res.statusCode, res.body).toBe(404);
      }
      expect((await other.admin.get(url)).json()).toMatchObject({ name: 'Not yours', version: 1 });
      expect((await admin.get('/api/v1/nothings')).statusCode).toBe(404);
    });

    it('refuses payloads over the limit with a localised 413', async () => {
      const big = await admin.post('/api/v1/accounts', { name: 'Big', description: 'x'.repeat(1_100_000) }, { 'accept-language': 'zh-CN' });
      expect(big.statusCode).toBe(413);
      expect(big.json().title).toMatch(/[\u4e00-\u9fff]/);
      const bulk = await admin.post('/api/v1/accounts/bulk', { op: 'create', records: [{ name: 'Big', description: 'x'.repeat(21 * 1024 * 1024) }] });
      expect(bulk.statusCode).toBe(413);
      const long = await admin.post('/api/v1/accounts', { name: 'n'.repeat(256) });
      expect(long.statusCode).toBe(422);
      expect(long.json().errors[0]).toMatchObject({ field: 'name', code: 'field.tooLong' });
    });

    it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])('refuses a %s body with 415', async (type) => {
      const res = await admin.request('POST', '/api/v1/accounts', 'name=Plain', { 'content-type': type });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().code).toBe('error.unsupportedMediaType');
    });

    it('answers wrong types with 422 and one error per field, and writes nothing', async () => {
      const before = Number((await env.db.executeSql('select count(*)::int as n from accounts where workspace_id = $1', [ws.workspaceId])).rows[0].n);
      const res = await admin.post('/api/v1/accounts', { name: 123, level: 5, tags: 'vip', phone: true, website: 'ftp://x', address: 'Beijing', nope: 1 });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: any) => [e.field, e.code]).sort()).toEqual([
        ['address', 'field.type.address'], ['level', 'field.type.select'], ['name', 'field.type.text'], ['nope', 'field.unknown'],
        ['phone', 'field.type.phone'], ['tags', 'field.type.multiSelect'], ['website', 'field.type.url'],
      ]);
      const opp = await admin.post('/api/v1/opportunities', { name: 'Typed', amount: 'abc', probability: 101, expectedCloseDate: '2020-13-01', accountId: 'not-an-id' });
      expect(opp.statusCode).toBe(422);
      expect(opp.json().errors.map((e: any) => [e.field, e.code]).sort()).toEqual([
        ['accountId', 'field.type.reference'], ['amount', 'field.type.number'], ['expectedCloseDate', 'field.type.date'], ['probability', 'field.max'],
      ]);
      for (const body of ['[]', '"text"', '42', 'null']) {
        const r = await admin.request('POST', '/api/v1/accounts', body, { 'content-type': 'application/json' });
        expect(r.statusCode, body).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, body).toBeLessThan(500);
      }
      const typed = (await admin.post('/api/v1/accounts', { name: 'Typed' })).json().id;
      const patch = await admin.patch(`/api/v1/accounts/${typed}`, { id: 'y', createdAt: '2020-01-01T00:00:00Z', ownerId: 'nobody' });
      expect(patch.statusCode).toBe(422);
      expect(patch.json().errors.map((e: any) => [e.field, e.code]).sort()).toEqual([['createdAt', 'field.readonly'], ['id', 'field.readonly'], ['ownerId', 'field.notFound']]);
      const version = await admin.patch(`/api/v1/accounts/${typed}`, { name: 'Typed 2', version: 'x' });
      expect(version.statusCode).toBe(422);
      expect(version.json().errors).toEqual([expect.objectContaining({ field: 'version', code: 'field.type.number' })]);
      expect((await admin.get(`/api/v1/accounts/${typed}`)).json()).toMatchObject({ name: 'Typed', version: 1 });
      const after = Number((await env.db.executeSql('select count(*)::int as n from accounts where workspace_id = $1', [ws.workspaceId])).rows[0].n);
      expect(after).toBe(before + 1);
    });
  });
});
