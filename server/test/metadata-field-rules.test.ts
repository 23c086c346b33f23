import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { filterSql } from '../src/records/filter.js';
import { runRecords } from '../src/records/run.js';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { addField, filterQuery } from './metadata-support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

describe.skipIf(SKIP)('metadata: unique, auto-number, formula, retirement', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  /** The custom-field indexes of one workspace whose names match a LIKE pattern. */
  const indexesOf = async (like: string, workspaceId: string) =>
    ((await env.db.executeSql(`select indexname, indexdef from pg_indexes where indexname like $1`, [like])).rows as { indexname: string; indexdef: string }[])
      .filter((i) => i.indexdef.includes(workspaceId));

  it('enforces unique fields among live records and names the field', async () => {
    const w = await newWorkspace(env);
    const field = await addField(w.admin, 'accounts', { apiName: 'taxNo', type: 'text', unique: true });
    expect(field).toMatchObject({ unique: true, ops: expect.arrayContaining(['eq']) });
    const first = (await w.admin.post('/api/v1/accounts', { name: 'A', taxNo: '91310000MA1' })).json();
    for (const lang of ['zh-CN', 'en-US']) {
      w.admin.lang = lang;
      const dup = await w.admin.post('/api/v1/accounts', { name: 'B', taxNo: '91310000MA1' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().errors).toEqual([{ field: 'taxNo', code: 'field.unique', message: lang === 'zh-CN' ? expect.stringMatching(/[\u4e00-\u9fff]/) : 'Another record already has this value.' }]);
    }
    const second = (await w.admin.post('/api/v1/accounts', { name: 'B', taxNo: 'other' })).json();
    expect((await w.admin.patch(`/api/v1/accounts/${second.id}`, { taxNo: '91310000MA1' })).statusCode).toBe(409);
    // The recycle bin does not count; restoring into a clash is refused.
    expect((await w.admin.delete(`/api/v1/accounts/${first.id}`)).statusCode).toBe(204);
    expect((await w.admin.post('/api/v1/accounts', { name: 'C', taxNo: '91310000MA1' })).statusCode).toBe(201);
    const restore = await w.admin.post(`/api/v1/accounts/${first.id}/restore`);
    expect(restore.statusCode).toBe(409);
    expect(restore.json().errors[0].field).toBe('taxNo');
    // Other workspaces and other custom objects are not affected.
    const w2 = await newWorkspace(env);
    await addField(w2.admin, 'accounts', { apiName: 'taxNo', type: 'text', unique: true });
    expect((await w2.admin.post('/api/v1/accounts', { name: 'A', taxNo: '91310000MA1' })).statusCode).toBe(201);
    const idx = [...await indexesOf('cfu_%_taxNo', w.workspaceId), ...await indexesOf('cfu_%_taxNo', w2.workspaceId)];
    expect(idx).toHaveLength(2);
    for (const i of idx) {
      expect(i.indexname.length).toBeLessThanOrEqual(63);
      expect(i.indexdef).toMatch(/UNIQUE INDEX .* ON (public\.)?accounts USING btree \(workspace_id, rapport_cf_text\(custom, 'taxNo'::text\)\) WHERE \(\(workspace_id = '[0-9a-f-]+'::uuid\) AND \(deleted_at IS NULL\)\)/);
    }
    // Dropping the rule allows duplicates again and drops the index.
    const off = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/taxNo', { unique: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await w.admin.post('/api/v1/accounts', { name: 'D', taxNo: '91310000MA1' })).statusCode).toBe(201);
    expect(await indexesOf('cfu_%_taxNo', w.workspaceId)).toHaveLength(0);
    // Existing duplicates stop the rule, with a message naming the field and a value; nothing changes.
    w.admin.lang = 'zh-CN';
    const on = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/taxNo', { unique: true });
    expect(on.statusCode).toBe(409);
    expect(on.json()).toMatchObject({ code: 'metadata.duplicateValues', detail: '字段“taxNo”已有重复的值（例如：91310000MA1），无法设为唯一。请先处理重复数据。' });
    expect((await w.admin.get('/api/v1/metadata/objects/accounts')).json().fields.find((f: any) => f.apiName === 'taxNo').unique).toBe(false);
    expect(await indexesOf('cfu_%_taxNo', w.workspaceId)).toHaveLength(0);
  });

  it('scopes unique fields of custom objects to the object', async () => {
    const w = await newWorkspace(env);
    for (const apiName of ['projects', 'assets']) {
      expect((await w.admin.post('/api/v1/metadata/objects', { apiName, label: L(apiName, apiName) })).statusCode).toBe(201);
      await addField(w.admin, apiName, { apiName: 'code', type: 'text', unique: true });
    }
    expect((await w.admin.post('/api/v1/projects', { name: 'P', code: 'X1' })).statusCode).toBe(201);
    expect((await w.admin.post('/api/v1/assets', { name: 'A', code: 'X1' })).statusCode).toBe(201);
    const dup = await w.admin.post('/api/v1/projects', { name: 'P2', code: 'X1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('code');
  });

  it('numbers 20 parallel creates with distinct consecutive auto-numbers', async () => {
    const w = await newWorkspace(env);
    await addField(w.admin, 'accounts', { apiName: 'serial', type: 'autoNumber', options: { prefix: 'KH', dateFormat: 'YYYYMMDD', digits: 4, reset: 'daily' } });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => w.admin.post('/api/v1/accounts', { name: `客户${i}` })));
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const day = new Date().toLocaleDateString('en-CA', { timeZone: 'UTC' }).replace(/-/g, '');
    const serials = results.map((r) => r.json().serial as string).sort();
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => `KH${day}${String(i + 1).padStart(4, '0')}`));
    // A failed create gives its number back; the value cannot be written.
    expect((await w.admin.post('/api/v1/accounts', { name: '' })).statusCode).toBe(422);
    expect((await w.admin.post('/api/v1/accounts', { name: 'next' })).json().serial).toBe(`KH${day}0021`);
    const patch = await w.admin.patch(`/api/v1/accounts/${results[0].json().id}`, { serial: 'KH1' });
    expect(patch.json().errors[0]).toMatchObject({ field: 'serial', code: 'field.readonly' });
    // Another workspace has its own sequence.
    const w2 = await newWorkspace(env);
    await addField(w2.admin, 'accounts', { apiName: 'serial', type: 'autoNumber', options: { prefix: 'NO-' } });
    expect((await w2.admin.post('/api/v1/accounts', { name: 'x' })).json().serial).toBe('NO-0001');
  });

  it('computes formulas on write, backfills them on definition and change, and filters by them', async () => {
    const w = await newWorkspace(env);
    const opp = async (body: Record<string, unknown>) => {
      const res = await w.admin.post('/api/v1/opportunities', { name: 'deal', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    await addField(w.admin, 'opportunities', { apiName: 'cost', type: 'currency' });
    const before = await opp({ amount: '1000.00', cost: '600' });
    const margin = await addField(w.admin, 'opportunities', { apiName: 'marginPct', type: 'formula', filterable: true, options: { expression: '(amount - cost) / amount * 100', scale: 1 } });
    expect(margin).toMatchObject({ readonly: true, ops: expect.arrayContaining(['gt', 'between']) });
    expect((await w.admin.get(`/api/v1/opportunities/${before.id}`)).json().marginPct).toBe('40');
    const a = await opp({ amount: '300', cost: '200' });
    expect(a.marginPct).toBe('33.3');
    const zero = await opp({ amount: 0, cost: 5 });
    expect(zero.marginPct).toBeNull();
    const empty = await opp({ amount: 10 });
    expect(empty.marginPct).toBeNull();
    const upd = await w.admin.patch(`/api/v1/opportunities/${a.id}`, { cost: '30' });
    expect(upd.json().marginPct).toBe('90');
    const list = await w.admin.get(`/api/v1/opportunities?${filterQuery({ field: 'marginPct', op: 'gt', value: 50 })}`);
    expect(list.json().data.map((r: any) => r.id)).toEqual([a.id]);
    const changed = await w.admin.patch('/api/v1/metadata/objects/opportunities/fields/marginPct', { options: { expression: 'amount - cost', scale: 2, blankAsZero: true } });
    expect(changed.statusCode, changed.body).toBe(200);
    const values = Object.fromEntries((await w.admin.get('/api/v1/opportunities?limit=10')).json().data.map((r: any) => [r.id, r.marginPct]));
    expect(values).toEqual({ [before.id]: '400', [a.id]: '270', [zero.id]: '-5', [empty.id]: '10' });
    // An input used by a formula cannot be retired.
    const inUse = await w.admin.delete('/api/v1/metadata/objects/opportunities/fields/cost');
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'metadata.fieldInUse', detail: '"cost" is used by formula fields (marginPct); change those formulas first.' });
    const bad = await w.admin.patch('/api/v1/metadata/objects/opportunities/fields/marginPct', { options: { expression: 'amount / (cost' } });
    expect(bad.json().errors[0]).toMatchObject({ field: 'options.expression', code: 'metadata.formula.incomplete' });
  });

  it('retires fields: gone from the API, values kept, name still taken, indexes dropped, audited', async () => {
    const w = await newWorkspace(env);
    await addField(w.admin, 'accounts', { apiName: 'region', type: 'text', filterable: true });
    const [mine] = await indexesOf('cfi_%_region', w.workspaceId);
    expect(mine.indexdef).toMatch(/ON (public\.)?accounts USING btree \(workspace_id, rapport_cf_text\(custom, 'region'::text\)\) WHERE \(workspace_id = '.+'::uuid\)/);
    const acc = (await w.admin.post('/api/v1/accounts', { name: 'A', region: '华东' })).json();
    expect((await w.admin.delete('/api/v1/metadata/objects/accounts/fields/region')).statusCode).toBe(204);
    expect(await indexesOf('cfi_%_region', w.workspaceId)).toEqual([]);
    const got = (await w.admin.get(`/api/v1/accounts/${acc.id}`)).json();
    expect(got).not.toHaveProperty('region');
    expect((await w.admin.get('/api/v1/metadata/objects/accounts')).json().fields.map((f: any) => f.apiName)).not.toContain('region');
    const retired = (await w.admin.get('/api/v1/metadata/objects/accounts?includeRetired=true')).json().fields.find((f: any) => f.apiName === 'region');
    expect(retired).toMatchObject({ status: 'retired' });
    expect((await w.admin.post('/api/v1/accounts', { name: 'B', region: 'x' })).json().errors[0]).toMatchObject({ field: 'region', code: 'field.unknown' });
    expect((await w.admin.get(`/api/v1/accounts?${filterQuery({ field: 'region', op: 'eq', value: '华东' })}`)).statusCode).toBe(400);
    const again = await w.admin.post('/api/v1/metadata/objects/accounts/fields', { apiName: 'region', type: 'number', label: L('地区', 'Region') });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('metadata.fieldExists');
    // The value is still stored, and a later update of the record keeps it.
    await w.admin.patch(`/api/v1/accounts/${acc.id}`, { name: 'A2' });
    const row = await withTenant(env.db, w.workspaceId, (trx) => sql<{ custom: any }>`select custom from accounts where workspace_id = ${w.workspaceId}::uuid and id = ${acc.id}::uuid`.execute(trx));
    expect(row.rows[0].custom.region).toBe('华东');
    const audit = await withTenant(env.db, w.workspaceId, (trx) => trx.selectFrom('audit_log').select(['event', 'detail']).where('workspace_id', '=', w.workspaceId).where('event', 'like', 'metadata.%').orderBy('seq').execute());
    expect(audit.map((a) => a.event)).toEqual(['metadata.fieldCreated', 'metadata.fieldRetired']);
    expect(audit[1].detail).toMatchObject({ object: 'accounts', field: 'region' });
  });

  it('builds filter indexes that list queries use (same expression, parameters bound)', async () => {
    const w = await newWorkspace(env);
    await addField(w.admin, 'accounts', { apiName: 'score', type: 'number', filterable: true });
    await addField(w.admin, 'accounts', { apiName: 'signedOn', type: 'date', filterable: true });
    await withTenant(env.db, w.workspaceId, (trx) => sql`insert into accounts (workspace_id, id, name, custom)
      select ${w.workspaceId}::uuid, gen_random_uuid(), 'n' || i, jsonb_build_object('score', i, 'signedOn', to_char(date '2020-01-01' + i, 'YYYY-MM-DD'))
      from generate_series(1, 500) i`.execute(trx));
    await env.db.executeSql('analyze accounts');
    // The list path's own filter SQL, planned as the tenant role under row-level security.
    const auth = { workspaceId: w.workspaceId, userId: w.adminId, locale: 'en-US' as const, timeZone: 'UTC', access: { isAdmin: true, scopes: {}, fields: {}, canUnmask: true } };
    const plan = await runRecords(env.db, auth, async (ctx) => {
      const obj = ctx.md.objects.get('accounts')!;
      const out: string[] = [];
      for (const filter of [{ field: 'score', op: 'eq', value: 495 }, { field: 'score', op: 'between', value: [10, 12] }, { field: 'signedOn', op: 'eq', value: '2021-05-10' }]) {
        const res = await sql<{ 'QUERY PLAN': string }>`explain select * from accounts t where t.workspace_id = ${w.workspaceId}::uuid
          and ${filterSql(ctx, obj, filter)}`.execute(ctx.trx);
        out.push(res.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
      return out;
    });
    expect(plan[0]).toMatch(/(Index Scan using|Bitmap Index Scan on) "?cfi_[0-9a-f]{16}_score"?/);
    expect(plan[1]).toMatch(/(Index Scan using|Bitmap Index Scan on) "?cfi_[0-9a-f]{16}_score"?/);
    expect(plan[2]).toMatch(/(Index Scan using|Bitmap Index Scan on) "?cfi_[0-9a-f]{16}_signedOn"?/);
  });
});
