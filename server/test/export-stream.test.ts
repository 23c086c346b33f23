import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { bumpConfigVersion } from '../src/metadata/metadata.service.js';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { addUser } from './dataio-fixtures.js';

const rows = (body: string): string[][] => parse(body.replace(/^\uFEFF/, ''));

describe.skipIf(SKIP)('export', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('streams CSV with a byte-order mark and XLSX through the list path, with filters and names of linked records', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const acct = (await admin.post('/api/v1/accounts', { name: '上海星辰科技有限公司', level: 'A', tags: ['重点', 'vip'] })).json();
    const people = Array.from({ length: 1203 }, (_, i) => ({
      name: `联系人${i}`, ...(i % 2 ? { accountId: acct.id } : {}), mobile: `1380000${String(i).padStart(4, '0')}`, isPrimary: i === 0,
    }));
    for (let i = 0; i < people.length; i += 1000) {
      const res = await admin.post('/api/v1/contacts/bulk', { op: 'create', records: people.slice(i, i + 1000) });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await admin.get('/api/v1/contacts/export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const table = rows(res.body);
    expect(table[0]).toEqual(expect.arrayContaining(['ID', 'Name', 'Account', 'Mobile', 'Primary contact']));
    expect(table).toHaveLength(1204);
    const col = (name: string) => table[0].indexOf(name);
    const one = table.find((r) => r[col('Name')] === '联系人1')!;
    expect(one[col('Account')]).toBe('上海星辰科技有限公司');
    expect(one[col('Mobile')]).toBe('13800000001');
    expect(table.find((r) => r[col('Name')] === '联系人0')![col('Primary contact')]).toBe('Yes');

    const filtered = rows((await admin.get(`/api/v1/contacts/export?q=${encodeURIComponent('联系人12')}&fields=name,mobile`)).body);
    expect(filtered[0]).toEqual(['Name', 'Mobile']);
    const want = people.map((p) => p.name).filter((n) => n.startsWith('联系人12')).sort();
    expect(want).toHaveLength(14);
    expect(filtered.slice(1).map((r) => r[0]).sort()).toEqual(want);

    admin.lang = 'zh-CN';
    const accounts = await admin.request('GET', '/api/v1/accounts/export?format=xlsx');
    expect(accounts.statusCode).toBe(200);
    expect(accounts.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(accounts.rawPayload as any);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['名称', '客户级别', '标签']));
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(values[header.indexOf('名称')]).toBe('上海星辰科技有限公司');
    expect(values[header.indexOf('客户级别')]).toBe('A 重点客户');
    expect(values[header.indexOf('标签')]).toBe('重点, vip');
    expect(sheet.rowCount).toBe(2);
  });

  it('respects the export scope, field permissions and masking, and audits every export', async () => {
    const ws = await newWorkspace(env);
    const rep = await addUser(env, ws, 'rep');
    const manager = await addUser(env, ws, 'manager');
    const other = (await ws.admin.post('/api/v1/contacts', { name: '别人的', mobile: '13912345678', email: 'other@example.com' })).json();
    const mine = (await rep.client.post('/api/v1/contacts', { name: '我的', mobile: '13712345678' })).json();
    expect((await rep.client.get('/api/v1/contacts/export')).statusCode).toBe(403);
    await withTenant(env.db, ws.workspaceId, async (trx) => {
      await sql`update roles set permissions = jsonb_set(permissions, '{*,export}', '"own"'),
        field_permissions = '{"contacts": {"email": "hidden"}}'::jsonb where workspace_id = ${ws.workspaceId}::uuid and id = ${ws.roleIds.rep}::uuid`.execute(trx);
      await bumpConfigVersion(trx, ws.workspaceId);
    });
    const repRes = await rep.client.get('/api/v1/contacts/export');
    expect(repRes.statusCode, repRes.body).toBe(200);
    const repTable = rows(repRes.body);
    expect(repTable.slice(1).map((r) => r[repTable[0].indexOf('ID')])).toEqual([mine.id]);
    expect(repTable[0]).not.toContain('E-mail');
    const masked = rows((await manager.client.get('/api/v1/contacts/export')).body);
    const mob = masked[0].indexOf('Mobile');
    expect(masked.find((r) => r.includes(other.id))![mob]).toBe('139****5678');
    const open = rows((await manager.client.get('/api/v1/contacts/export?unmask=mobile')).body);
    expect(open.find((r) => r.includes(other.id))![mob]).toBe('13912345678');
    const audit = await withTenant(env.db, ws.workspaceId, (trx) => trx.selectFrom('audit_log').select(['actor_id', 'detail'])
      .where('workspace_id', '=', ws.workspaceId).where('event', '=', 'records.exported').orderBy('seq').execute());
    expect(audit.map((a) => [a.actor_id, a.detail.rows, a.detail.complete, a.detail.unmask])).toEqual([
      [rep.id, 1, true, []], [manager.id, 2, true, []], [manager.id, 2, true, ['mobile']],
    ]);
    rep.client.lang = 'zh-CN';
    const bad = await rep.client.get('/api/v1/contacts/export?format=pdf');
    expect(bad.statusCode).toBe(400);
    const vcfAccounts = await rep.client.get('/api/v1/accounts/export?format=vcf');
    expect(vcfAccounts.statusCode).toBe(400);
    expect(vcfAccounts.json().title).toBe('只有联系人和线索可以导出为 vCard。');
    expect((await rep.client.get('/api/v1/nothing/export')).statusCode).toBe(404);
    expect((await rep.client.get('/api/v1/contacts/export?fields=nope')).statusCode).toBe(400);
  });
});
