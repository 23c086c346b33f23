import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { nextNumber } from '../src/modules/sales/numbering-rules.service.js';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, naughtyStrings } from './finance-fixtures.js';

const day = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

describe.skipIf(SKIP)('auto-numbering of contracts, quotes and invoices', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('lets administrators set prefix, date format, digits and reset, and numbers new records by it', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const list = await admin.get('/api/v1/numbering-rules');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().data.map((r: any) => r.example)).toEqual([`HT-${day()}-0001`, `BJ-${day()}-0001`, `FP-${day()}-0001`]);
    const put = await admin.request('PUT', '/api/v1/numbering-rules/contracts', { prefix: '合同', dateFormat: 'YYYYMM', separator: '/', seqDigits: 3, reset: 'monthly' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ object: 'contracts', prefix: '合同', example: `合同/${day().slice(0, 6)}/001` });
    expect((await admin.get('/api/v1/numbering-rules/contracts')).json().reset).toBe('monthly');
    expect((await create(admin, 'contracts', { name: 'a' })).number).toBe(`合同/${day().slice(0, 6)}/001`);
    expect((await create(admin, 'contracts', { name: 'b' })).number).toBe(`合同/${day().slice(0, 6)}/002`);
    expect((await create(admin, 'invoices', { name: 'i', amount: '1', titleType: 'individual', title: '张三' })).number).toBe(`FP-${day()}-0001`);

    admin.lang = 'zh-CN';
    const bad = await admin.request('PUT', '/api/v1/numbering-rules/contracts', { prefix: 'x'.repeat(21), dateFormat: 'DDMMYY', separator: '-', seqDigits: 0, reset: 'weekly' });
    expect(bad.statusCode).toBe(422);
    const unknown = await admin.request('PUT', '/api/v1/numbering-rules/leads', { prefix: 'L', dateFormat: 'none', separator: '', seqDigits: 4, reset: 'never' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().title).toBe('“leads”没有编号规则，可设置的对象：contracts, quotes, invoices。');
    const fields = await admin.request('PUT', '/api/v1/numbering-rules/quotes', { prefix: 'a\u0000b', dateFormat: 'none', separator: '-', seqDigits: 11, reset: 'never' });
    expect(fields.json().errors.map((e: any) => e.field).sort()).toEqual(['prefix', 'seqDigits']);
    for (const s of naughtyStrings().slice(0, 200)) {
      const res = await admin.request('PUT', '/api/v1/numbering-rules/quotes', { prefix: s, dateFormat: 'none', separator: '-', seqDigits: 4, reset: 'never' });
      expect([200, 422]).toContain(res.statusCode);
    }

    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    expect((await rep.client.get('/api/v1/numbering-rules')).statusCode).toBe(403);
    expect((await rep.client.request('PUT', '/api/v1/numbering-rules/contracts', { prefix: 'X', dateFormat: 'none', separator: '', seqDigits: 4, reset: 'never' })).statusCode).toBe(403);
    const audit = await env.db.executeSql(`select count(*)::int as n from audit_log where workspace_id = $1 and event = 'numbering.updated'`, [ws.workspaceId]);
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('restarts the sequence daily, monthly or yearly in the workspace\'s calendar', async () => {
    const ws = await newWorkspace(env);
    await env.db.executeSql(`update workspaces set time_zone = 'Asia/Shanghai' where id = $1`, [ws.workspaceId]);
    const at = (iso: string) => withTenant(env.db, ws.workspaceId, (trx) => nextNumber(trx, ws.workspaceId, 'contracts', new Date(iso)));
    expect(await at('2026-11-23T01:00:00Z')).toBe('HT-20261123-0001');
    expect(await at('2026-11-23T15:59:00Z')).toBe('HT-20261123-0002');
    expect(await at('2026-11-23T16:00:00Z')).toBe('HT-20261124-0001'); // midnight in Shanghai
    await ws.admin.request('PUT', '/api/v1/numbering-rules/contracts', { prefix: 'HT', dateFormat: 'YYYYMMDD', separator: '-', seqDigits: 4, reset: 'monthly' });
    expect(await at('2026-11-25T03:00:00Z')).toBe('HT-20261125-0001');
    expect(await at('2026-11-26T03:00:00Z')).toBe('HT-20261126-0002');
    expect(await at('2026-12-01T03:00:00Z')).toBe('HT-20261201-0001');
    await ws.admin.request('PUT', '/api/v1/numbering-rules/contracts', { prefix: 'HT', dateFormat: 'YYYY', separator: '-', seqDigits: 4, reset: 'yearly' });
    expect(await at('2026-12-31T03:00:00Z')).toBe('HT-2026-0001');
    expect(await at('2026-12-31T04:00:00Z')).toBe('HT-2026-0002');
    expect(await at('2027-01-01T03:00:00Z')).toBe('HT-2027-0001');
  });

  it('hands out each number once under concurrent creates and gives back the numbers of rolled-back writes', async () => {
    const { admin } = await newWorkspace(env);
    const failed = await admin.post('/api/v1/contracts/bulk', { op: 'create', records: [{ name: 'ok' }, { name: '' }] });
    expect(failed.statusCode).toBe(422);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => admin.post('/api/v1/contracts', { name: `c${i}` })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => r.json().number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `HT-${day()}-${String(i + 1).padStart(4, '0')}`));
  });
});
