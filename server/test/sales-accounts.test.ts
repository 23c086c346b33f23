import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { creditCodeCheckChar } from '../src/modules/sales/credit-code.js';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, ok, salesOrg } from './sales-fixtures.js';

const code = (body: string) => body + creditCodeCheckChar(body);
const BLNS: string[] = JSON.parse(fs.readFileSync(new URL('../../../shared/fixtures/naughty-strings/blns.json', import.meta.url), 'utf8'));

describe.skipIf(SKIP)('sales: accounts and contacts', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('stores level, industry, source, tags, address, credit code and phones, normalised', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const acc = await create(rep, 'accounts', {
      name: '上海星辰科技有限公司', level: 'A', industry: 'it', source: 'exhibition', tags: ['重点', 'SaaS'],
      address: { province: '上海市', city: '上海市', district: '浦东新区', street: '张江路 88 号' },
      creditCode: code('91310115MA1K3XYW0').toLowerCase(), phone: '+86 21 5888 1234',
    });
    expect(acc).toMatchObject({
      level: 'A', industry: 'it', source: 'exhibition', tags: ['重点', 'SaaS'], dealStatus: 'none', lastContactAt: null,
      address: { province: '上海市', city: '上海市', district: '浦东新区' }, creditCode: code('91310115MA1K3XYW0'), phone: '+862158881234',
      ownerId: org.eastRep1.id, locked: false, poolId: null,
    });
    expect(acc.ownerSince).toBeTruthy();
    const contact = await create(rep, 'contacts', { name: '李娜', accountId: acc.id, mobile: '138 1234 5678', phone: '+1 415 555 0123' });
    expect(contact).toMatchObject({ mobile: '13812345678', phone: '+14155550123' });
    const list = await ok(rep.get(`/api/v1/accounts?filter=${encodeURIComponent(JSON.stringify({ field: 'address', op: 'contains', value: '浦东' }))}`));
    expect(list.data.map((r: any) => r.id)).toEqual([acc.id]);
  });

  it('rejects a wrong credit code and bad phones with localised field errors, and writes nothing', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const body = '91440300MA5ABCDEF';
    const wrong = body + (creditCodeCheckChar(body) === 'A' ? 'B' : 'A');
    rep.lang = 'zh-CN';
    const r1 = await rep.post('/api/v1/accounts', { name: 'X 公司', creditCode: wrong });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().errors).toEqual([expect.objectContaining({ field: 'creditCode', code: 'sales.creditCode.invalid', message: expect.stringContaining('统一社会信用代码') })]);
    rep.lang = 'en-US';
    const r2 = await rep.post('/api/v1/accounts', { name: 'Y Ltd', phone: '+86 123 4567' });
    expect(r2.statusCode).toBe(422);
    expect(r2.json().errors[0]).toMatchObject({ field: 'phone', code: 'sales.phone.invalid' });
    const r3 = await rep.post('/api/v1/contacts', { name: 'Z', mobile: '12812345678' });
    expect(r3.statusCode).toBe(422);
    expect(r3.json().errors[0].field).toBe('mobile');
    const r4 = await rep.post('/api/v1/leads', { name: 'L', phone: '+8612812345678' });
    expect(r4.statusCode).toBe(422);
    expect((await ok(rep.get('/api/v1/accounts'))).data).toHaveLength(0);
    expect((await ok(rep.get('/api/v1/contacts'))).data).toHaveLength(0);
  });

  it('keeps naughty strings intact in names and descriptions', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep2.client;
    const res = await rep.post('/api/v1/accounts/bulk', {
      op: 'create', records: BLNS.filter((s) => s.trim() !== '').map((s) => ({ name: s.slice(0, 255), description: s, tags: [s.slice(0, 100)] })),
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const rows = res.json().data;
    expect(rows.length).toBeGreaterThan(400);
    const sample = rows[123];
    expect((await ok(rep.get(`/api/v1/accounts/${sample.id}`))).description).toBe(sample.description);
  });

  it('naughty strings in sales settings, reasons and the public form never cause a 500', async () => {
    const org = await salesOrg(env);
    const form = await ok(org.admin.post('/api/v1/sales/lead-forms', { name: 'Form', defaultOwnerId: org.eastMgr.id }), 201);
    const acc = await create(org.eastRep1.client, 'accounts', { name: 'Naughty' });
    await ok(org.admin.post('/api/v1/sales/pools', { name: 'East', departmentIds: [org.depts.east] }), 201);
    let created = 0;
    for (const [i, s] of BLNS.entries()) {
      if (i % 3 === 0) {
        const pool = await org.admin.post('/api/v1/sales/pools', { name: s.slice(0, 100) });
        expect(pool.statusCode, `pool ${JSON.stringify(s)}: ${pool.body}`).toBeLessThan(500);
        if (pool.statusCode === 201) created++;
      }
      const lead = await env.app.inject({ method: 'POST', url: `/api/v1/public/lead-forms/${form.key}`, payload: { name: s, company: s, description: s }, remoteAddress: `10.1.${i >> 8}.${i & 255}` });
      expect(lead.statusCode, `form ${JSON.stringify(s)}: ${lead.body}`).toBeLessThan(500);
      if (i % 25 === 0) {
        const rule = await org.admin.post('/api/v1/sales/lead-rules', { name: s.slice(0, 100), regions: [s.slice(0, 100) || 'x'], userIds: [org.eastRep1.id] });
        expect(rule.statusCode, rule.body).toBeLessThan(500);
        const pipe = await org.admin.post('/api/v1/sales/pipelines', { name: s.slice(0, 100) });
        expect(pipe.statusCode, pipe.body).toBeLessThan(500);
        const rel = await org.eastRep1.client.post(`/api/v1/accounts/${acc.id}/release`, { reason: s.slice(0, 500) });
        expect(rel.statusCode, rel.body).toBeLessThan(500);
        if (rel.statusCode === 200) await ok(org.eastRep1.client.post(`/api/v1/accounts/${acc.id}/claim`));
        const conv = await org.eastRep1.client.get(`/api/v1/leads/${encodeURIComponent(s.slice(0, 60))}/matches`);
        expect(conv.statusCode).toBeLessThan(500);
      }
    }
    expect(created).toBeGreaterThan(130);
    expect((await ok(org.admin.get('/api/v1/leads?limit=1000'))).data.length).toBeGreaterThan(400);
    const nul = await org.admin.post('/api/v1/sales/pools', { name: 'bad\u0000name' });
    expect(nul.statusCode).toBe(422);
    expect(nul.json().errors[0]).toMatchObject({ field: 'name', code: 'field.badCharacters' });
  }, 180_000);
});
