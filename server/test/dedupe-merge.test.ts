import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { newWorkspace, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';
import { upload } from './attachments-fixtures.js';
import { addUser } from './dataio-fixtures.js';
import { waitFor } from './jobs-helpers.js';

/** A valid unified social credit code (GB 32100-2015 check character) from its first 17 characters. */
function creditCode(first17: string): string {
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, ch, i) => s + cs.indexOf(ch) * w[i], 0);
  return first17 + cs[(31 - (sum % 31)) % 31];
}

async function create(c: Client, object: string, body: Record<string, unknown>): Promise<any> {
  const res = await c.post(`/api/v1/${object}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function check(c: Client, object: string, record: Record<string, unknown>, excludeId?: string) {
  const res = await c.post('/api/v1/duplicates/check', { object, record, ...(excludeId ? { excludeId } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { id: string; name: string; score: number; reasons: string[] }[];
}

describe.skipIf(SKIP)('duplicates and merge', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('warns of likely duplicates on create and edit', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const code = creditCode('91310000MA1FL0001');
    const xc = await create(admin, 'accounts', { name: '上海星辰科技有限公司', creditCode: code });
    const acme = await create(admin, 'accounts', { name: 'Acme Inc.' });
    await create(admin, 'accounts', { name: '北京伟业有限公司' });
    expect((await check(admin, 'accounts', { name: 'ACME Co., Ltd.' })).map((c) => [c.id, c.reasons, c.score])).toEqual([[acme.id, ['name'], 0.9]]);
    expect((await check(admin, 'accounts', { name: '完全不同', creditCode: code.toLowerCase() })).map((c) => [c.id, c.reasons, c.score])).toEqual([[xc.id, ['creditCode'], 1]]);
    const similar = await check(admin, 'accounts', { name: '星辰科技（上海）有限公司' });
    expect(similar.map((c) => [c.id, c.reasons])).toEqual([[xc.id, ['similarName']]]);
    expect(similar[0].score).toBeGreaterThan(0.6);
    expect(await check(admin, 'accounts', { name: 'Acme Inc.' }, acme.id)).toEqual([]);
    expect((await check(admin, 'accounts', { name: '上海星辰科技股份有限公司' })).map((c) => [c.id, c.reasons, c.score])).toEqual([[xc.id, ['name'], 0.9]]);
    expect((await check(admin, 'accounts', { name: 'ACME, INC' })).map((c) => c.id)).toEqual([acme.id]);
    // Editing: the stored record with the changes over it, itself left out.
    expect((await check(admin, 'accounts', { creditCode: code }, acme.id)).map((c) => [c.id, c.reasons])).toEqual([[xc.id, ['creditCode']]]);
    expect((await check(admin, 'accounts', { name: '星辰科技有限公司' }, acme.id)).map((c) => [c.id, c.reasons])).toEqual([[xc.id, ['similarName']]]);

    const zw = await create(admin, 'contacts', { name: '张伟', accountId: xc.id, mobile: '13812345678', phone: '021-61234567', email: 'zw@xingchen.cn' });
    const other = await create(admin, 'contacts', { name: '张伟', accountId: acme.id });
    const byPhone = await check(admin, 'contacts', { name: '张三', phone: '+86 138 1234 5678' });
    expect(byPhone.map((c) => [c.id, c.reasons])).toEqual([[zw.id, ['phone']]]);
    expect((await check(admin, 'contacts', { name: '赵六', phone: '+86 21 6123 4567' })).map((c) => [c.id, c.reasons])).toEqual([[zw.id, ['phone']]]);
    expect((await check(admin, 'accounts', { name: 'Acme GmbH & Co. KG' })).map((c) => [c.id, c.reasons])).toEqual([[acme.id, ['name']]]);
    expect((await check(admin, 'contacts', { name: 'x', email: 'ZW@XingChen.CN' })).map((c) => c.id)).toEqual([zw.id]);
    expect((await check(admin, 'contacts', { name: '张伟', accountId: xc.id })).map((c) => [c.id, c.reasons])).toEqual([[zw.id, ['nameInAccount']]]);
    expect(await check(admin, 'contacts', { name: '李娜', accountId: xc.id })).toEqual([]);
    expect(await check(admin, 'contacts', { mobile: '13812345678' }, zw.id)).toEqual([]);
    expect((await check(admin, 'contacts', { mobile: '138 1234 5678' }, other.id)).map((c) => [c.id, c.reasons])).toEqual([[zw.id, ['phone']]]);
    expect((await check(admin, 'contacts', { accountId: xc.id }, other.id)).map((c) => [c.id, c.reasons])).toEqual([[zw.id, ['nameInAccount']]]);
    expect((await check(admin, 'contacts', { email: 'zw@xingchen.cn', name: '王五' }, other.id)).map((c) => [c.id, c.reasons])).toEqual([[zw.id, ['email']]]);

    const rep = await addUser(env, ws, 'rep');
    expect(await check(rep.client, 'contacts', { name: '张三', mobile: '13812345678' })).toEqual([]);
    rep.client.lang = 'zh-CN';
    const bad = await rep.client.post('/api/v1/duplicates/check', { object: 'nothing', record: {} });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().title).toContain('nothing');
  });

  it('finds groups of duplicates in the background, with a score, for those who may see them', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const a = await create(admin, 'contacts', { name: '王芳', mobile: '13900001111' });
    const b = await create(admin, 'contacts', { name: '王芳 (销售)', mobile: '139 0000 1111', email: 'wf@example.com' });
    const c = await create(admin, 'contacts', { name: 'Fang Wang', email: 'WF@example.com' });
    await create(admin, 'contacts', { name: '无关', mobile: '13700000000' });
    const x = await create(admin, 'accounts', { name: 'Acme Inc.' });
    const y = await create(admin, 'accounts', { name: 'ACME Co., Ltd.' });
    const scan = await admin.post('/api/v1/duplicates/scans', { object: 'contacts' });
    expect(scan.statusCode, scan.body).toBe(202);
    await waitFor(async () => (await admin.get(`/api/v1/duplicates/scans/${scan.json().id}`)).json().status === 'done');
    const groups = (await admin.get('/api/v1/duplicates?object=contacts')).json().data;
    expect(groups).toHaveLength(1);
    expect(groups[0].records.map((r: any) => r.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(groups[0].reasons.sort()).toEqual(['email', 'phone']);
    expect(groups[0].score).toBe(0.95);
    const s2 = (await admin.post('/api/v1/duplicates/scans', { object: 'accounts' })).json();
    await waitFor(async () => (await admin.get(`/api/v1/duplicates/scans/${s2.id}`)).json().status === 'done');
    const acc = (await admin.get('/api/v1/duplicates?object=accounts')).json().data;
    expect(acc.map((g: any) => g.records.map((r: any) => r.id).sort())).toEqual([[x.id, y.id].sort()]);
    const rep = await addUser(env, ws, 'rep');
    expect((await rep.client.get('/api/v1/duplicates?object=contacts')).json().data).toEqual([]);
    expect((await admin.post(`/api/v1/duplicates/${groups[0].id}/dismiss`)).statusCode).toBe(204);
    expect((await admin.get('/api/v1/duplicates?object=contacts')).json().data).toEqual([]);
  });

  it('merges N records: chosen values, related records, history, attachments and shares move, and it is reversible', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const rep = await addUser(env, ws, 'rep');
    const s = await create(admin, 'accounts', { name: '星辰科技', level: 'C', phone: '02161234567' });
    const l1 = await create(admin, 'accounts', { name: '上海星辰科技有限公司', level: 'A', website: 'https://xingchen.cn' });
    const l2 = await create(admin, 'accounts', { name: '星辰科技（上海）', level: 'B' });
    await admin.patch(`/api/v1/accounts/${l1.id}`, { description: '来自 l1 的历史' });
    const c1 = await create(admin, 'contacts', { name: '张伟', accountId: l1.id });
    const c2 = await create(admin, 'contacts', { name: '李娜', accountId: l2.id });
    const c3 = await create(admin, 'contacts', { name: '王芳', accountId: s.id });
    const o1 = await create(admin, 'opportunities', { name: '大单', accountId: l2.id });
    const t1 = await create(admin, 'tasks', { name: '回访', accountId: l1.id });
    expect((await upload(admin, 'accounts', l2.id, '营业执照.pdf', Buffer.from('%PDF-1.4 licence'), 'application/pdf')).statusCode).toBe(201);
    const files = async (id: string) => (await admin.get(`/api/v1/accounts/${id}/attachments`)).json().data.map((f: any) => f.fileName);
    await withTenant(env.db, ws.workspaceId, (trx) => sql`insert into record_shares (workspace_id, object, record_id, user_id, access)
      values (${ws.workspaceId}::uuid, 'accounts', ${l1.id}::uuid, ${rep.id}::uuid, 'read')`.execute(trx));
    expect((await rep.client.get(`/api/v1/accounts/${s.id}`)).statusCode).toBe(404);
    expect((await rep.client.post('/api/v1/merges', { object: 'accounts', survivorId: s.id, mergedIds: [l1.id] })).statusCode).toBe(404);

    const res = await admin.post('/api/v1/merges', { object: 'accounts', survivorId: s.id, mergedIds: [l1.id, l2.id], values: { name: l1.id, level: l2.id, website: l1.id } });
    expect(res.statusCode, res.body).toBe(201);
    const merge = res.json();
    expect(merge.record).toMatchObject({ id: s.id, name: '上海星辰科技有限公司', level: 'B', website: 'https://xingchen.cn/', phone: '02161234567' });
    for (const id of [l1.id, l2.id]) expect((await admin.get(`/api/v1/accounts/${id}`)).statusCode).toBe(404);
    const linked = async (object: string, id: string) => (await admin.get(`/api/v1/${object}/${id}`)).json().accountId;
    expect([await linked('contacts', c1.id), await linked('contacts', c2.id), await linked('contacts', c3.id), await linked('opportunities', o1.id), await linked('tasks', t1.id)])
      .toEqual([s.id, s.id, s.id, s.id, s.id]);
    expect((await rep.client.get(`/api/v1/accounts/${s.id}`)).statusCode).toBe(200);
    expect(await files(s.id)).toEqual(['营业执照.pdf']);
    const tl = (await admin.get(`/api/v1/accounts/${s.id}/timeline?limit=200`)).json().data;
    expect(tl.some((h: any) => h.field === 'description' && h.newValue === '来自 l1 的历史')).toBe(true);
    expect(tl[0].op).toBe('merge');
    const audit = await withTenant(env.db, ws.workspaceId, (trx) => trx.selectFrom('audit_log').select(['detail'])
      .where('workspace_id', '=', ws.workspaceId).where('event', '=', 'records.merged').execute());
    expect(audit[0].detail).toMatchObject({ mergeId: merge.id, survivorId: s.id, mergedIds: [l1.id, l2.id] });
    expect((await admin.get('/api/v1/search?q=xingchen')).json().data.map((h: any) => h.id)).toEqual([s.id]);

    const undo = await admin.post(`/api/v1/merges/${merge.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().records.map((r: any) => [r.id, r.name, r.level])).toEqual([
      [s.id, '星辰科技', 'C'], [l1.id, '上海星辰科技有限公司', 'A'], [l2.id, '星辰科技（上海）', 'B']]);
    expect([await linked('contacts', c1.id), await linked('contacts', c2.id), await linked('contacts', c3.id), await linked('opportunities', o1.id), await linked('tasks', t1.id)])
      .toEqual([l1.id, l2.id, s.id, l2.id, l1.id]);
    expect([await files(s.id), await files(l2.id)]).toEqual([[], ['营业执照.pdf']]);
    expect((await rep.client.get(`/api/v1/accounts/${s.id}`)).statusCode).toBe(404);
    expect((await rep.client.get(`/api/v1/accounts/${l1.id}`)).statusCode).toBe(200);
    const tl1 = (await admin.get(`/api/v1/accounts/${l1.id}/timeline?limit=200`)).json().data;
    expect(tl1.some((h: any) => h.field === 'description')).toBe(true);
    expect((await admin.post(`/api/v1/merges/${merge.id}/undo`)).statusCode).toBe(409);

    const again = (await admin.post('/api/v1/merges', { object: 'accounts', survivorId: s.id, mergedIds: [l2.id] })).json();
    expect((await admin.post(`/api/v1/accounts/${l2.id}/purge`)).statusCode).toBe(204);
    admin.lang = 'zh-CN';
    const late = await admin.post(`/api/v1/merges/${again.id}/undo`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('merge.expired');
    for (const body of [{ object: 'accounts', survivorId: s.id, mergedIds: [s.id] }, { object: 'accounts', survivorId: s.id, mergedIds: ['x'] },
      { object: 'accounts', survivorId: s.id, mergedIds: [l1.id], values: { name: c1.id } }]) {
      const r = await admin.post('/api/v1/merges', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
    }
  });
});
