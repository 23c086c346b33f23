import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, ok, salesOrg, type SalesOrg } from './sales-fixtures.js';

/** Funnel and forecast reports: sums per stage and per expected close month, within what the caller may read. */
describe.skipIf(SKIP)('sales: funnel and forecast reports', () => {
  let env: TestEnv;
  let org: SalesOrg;
  let pipelineId: string;
  beforeAll(async () => {
    env = await startTestApp();
    org = await salesOrg(env);
    pipelineId = (await ok(org.admin.get('/api/v1/sales/pipelines'))).data[0].id;
    const r1 = org.eastRep1.client;
    await create(r1, 'opportunities', { name: 'Q', amount: '100', expectedCloseDate: '2030-01-05' });
    await create(r1, 'opportunities', { name: 'P cny', stage: 'proposal', amount: '200', expectedCloseDate: '2030-01-20' });
    await create(r1, 'opportunities', { name: 'P usd', stage: 'proposal', amount: '50', currency: 'USD', expectedCloseDate: '2030-03-01' });
    await create(r1, 'opportunities', { name: 'W', stage: 'won', amount: '300', expectedCloseDate: '2030-01-31' });
    await create(r1, 'opportunities', { name: 'L', stage: 'lost', lostReasonType: 'price', amount: '70', expectedCloseDate: '2030-01-10' });
    await create(org.eastRep2.client, 'opportunities', { name: 'N', stage: 'negotiation', amount: '1000', expectedCloseDate: '2030-02-14' });
    await create(org.westRep.client, 'opportunities', { name: 'West', amount: '999', expectedCloseDate: '2030-01-02' });
  });
  afterAll(async () => { await env?.close(); });

  const stage = (f: any, key: string) => f.stages.find((s: any) => s.key === key);

  it('funnel: count and amounts per stage of the pipeline, in stage order, for what a rep may read', async () => {
    const f = await ok(org.eastRep1.client.get('/api/v1/sales/funnel'));
    expect(f).toMatchObject({ pipelineId, pipelineName: 'Default pipeline' });
    expect(f.stages.map((s: any) => [s.key, s.kind, s.probability, s.count])).toEqual([
      ['qualification', 'open', 10, 1], ['needs', 'open', 30, 0], ['proposal', 'open', 60, 2], ['negotiation', 'open', 80, 0],
      ['won', 'won', 100, 1], ['lost', 'lost', 0, 1],
    ]);
    expect(stage(f, 'qualification').label).toEqual({ 'zh-CN': '验证客户', 'en-US': 'Qualification' });
    expect(stage(f, 'proposal').amounts).toEqual([
      { currency: 'CNY', amount: '200.00', weightedAmount: '120.00' }, { currency: 'USD', amount: '50.00', weightedAmount: '30.00' },
    ]);
    expect(stage(f, 'needs').amounts).toEqual([]);
    expect(f.total).toEqual({ count: 5, amounts: [
      { currency: 'CNY', amount: '670.00', weightedAmount: '430.00' }, { currency: 'USD', amount: '50.00', weightedAmount: '30.00' },
    ] });
    // The same through the explicit pipeline id.
    expect(await ok(org.eastRep1.client.get(`/api/v1/sales/funnel?pipelineId=${pipelineId}`))).toEqual(f);
  });

  it('funnel: a manager counts the team, an administrator everyone; a rep never sees another rep', async () => {
    const mgr = await ok(org.eastMgr.client.get('/api/v1/sales/funnel'));
    expect(mgr.total.count).toBe(6);
    expect(stage(mgr, 'negotiation')).toMatchObject({ count: 1, amounts: [{ currency: 'CNY', amount: '1000.00', weightedAmount: '800.00' }] });
    expect(stage(mgr, 'qualification').count).toBe(1);
    const admin = await ok(org.admin.get('/api/v1/sales/funnel'));
    expect(admin.total.count).toBe(7);
    expect(stage(admin, 'qualification')).toMatchObject({ count: 2, amounts: [{ currency: 'CNY', amount: '1099.00', weightedAmount: '109.90' }] });
    const west = await ok(org.westRep.client.get('/api/v1/sales/funnel'));
    expect(west.total).toEqual({ count: 1, amounts: [{ currency: 'CNY', amount: '999.00', weightedAmount: '99.90' }] });
  });

  it('leaves out the sums of hidden amount fields, and counts nothing for a role that may not read opportunities', async () => {
    const role = await ok(org.admin.post('/api/v1/roles', {
      name: 'No amounts', permissions: { opportunities: { read: 'all' } }, fieldPermissions: { opportunities: { amount: 'hidden' } },
    }), 201);
    const viewer = await createUser(env, org, { roleIds: [role.id], departmentId: org.depts.west });
    const f = await ok(viewer.client.get('/api/v1/sales/funnel'));
    expect(f.total.count).toBe(7);
    expect(f.total.amounts).toBeNull();
    expect(stage(f, 'proposal')).toMatchObject({ count: 2, amounts: null });
    // Hiding only the weighted amount keeps the amounts.
    await ok(org.admin.patch(`/api/v1/roles/${role.id}`, { fieldPermissions: { opportunities: { weightedAmount: 'hidden' } } }));
    const w = await ok(viewer.client.get('/api/v1/sales/funnel'));
    expect(w.total.amounts).toEqual([
      { currency: 'CNY', amount: '2669.00', weightedAmount: null }, { currency: 'USD', amount: '50.00', weightedAmount: null },
    ]);
    const wf = await ok(viewer.client.get('/api/v1/sales/forecast?from=2030-01&to=2030-01'));
    expect(wf.months[0].amounts).toEqual([{ currency: 'CNY', openAmount: '1299.00', weightedAmount: null, wonAmount: '300.00', forecast: null }]);
    await ok(org.admin.patch(`/api/v1/roles/${role.id}`, { fieldPermissions: { opportunities: { amount: 'hidden' } } }));
    const fc = await ok(viewer.client.get('/api/v1/sales/forecast?from=2030-01&to=2030-01'));
    expect(fc.months[0]).toMatchObject({ openCount: 3, wonCount: 1, amounts: null });
    const none = await ok(org.admin.post('/api/v1/roles', { name: 'Nothing', permissions: { accounts: { read: 'own' } } }), 201);
    const blind = await createUser(env, org, { roleIds: [none.id], departmentId: org.depts.west });
    expect((await ok(blind.client.get('/api/v1/sales/funnel'))).total).toEqual({ count: 0, amounts: [] });
    expect((await ok(blind.client.get('/api/v1/sales/forecast?from=2030-01&to=2030-03'))).months.map((m: any) => m.openCount + m.wonCount)).toEqual([0, 0, 0]);
  });

  it('forecast: open, weighted and won amounts by expected close month, with empty months listed', async () => {
    const fc = await ok(org.eastRep1.client.get('/api/v1/sales/forecast?from=2029-12&to=2030-03'));
    expect(fc).toMatchObject({ from: '2029-12', to: '2030-03', pipelineId: null });
    expect(fc.months).toEqual([
      { month: '2029-12', openCount: 0, wonCount: 0, amounts: [] },
      { month: '2030-01', openCount: 2, wonCount: 1, amounts: [{ currency: 'CNY', openAmount: '300.00', weightedAmount: '130.00', wonAmount: '300.00', forecast: '430.00' }] },
      { month: '2030-02', openCount: 0, wonCount: 0, amounts: [] },
      { month: '2030-03', openCount: 1, wonCount: 0, amounts: [{ currency: 'USD', openAmount: '50.00', weightedAmount: '30.00', wonAmount: '0.00', forecast: '30.00' }] },
    ]);
    const mgr = await ok(org.eastMgr.client.get(`/api/v1/sales/forecast?from=2030-02&to=2030-02&pipelineId=${pipelineId}`));
    expect(mgr).toMatchObject({ pipelineId, months: [{ month: '2030-02', openCount: 1, amounts: [{ currency: 'CNY', openAmount: '1000.00', weightedAmount: '800.00' }] }] });
    // By default: this month and the next five.
    const def = await ok(org.eastRep1.client.get('/api/v1/sales/forecast'));
    expect(def.months).toHaveLength(6);
    expect(def.from).toMatch(/^\d{4}-\d{2}$/);
  });

  it('refuses bad input with a localised 4xx', async () => {
    const c = org.eastRep1.client;
    expect((await c.get('/api/v1/sales/funnel?pipelineId=not-a-uuid')).statusCode).toBe(400);
    expect((await c.get('/api/v1/sales/funnel?pipelineId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await c.get('/api/v1/sales/forecast?from=2030-13')).statusCode).toBe(400);
    const backwards = await c.get('/api/v1/sales/forecast?from=2030-03&to=2030-01');
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0]).toMatchObject({ field: 'to', code: 'field.min' });
    const tooLong = await c.get('/api/v1/sales/forecast?from=2030-01&to=2032-01', { 'accept-language': 'zh-CN' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors[0]).toMatchObject({ field: 'to', code: 'field.max' });
    expect(tooLong.headers['content-type']).toContain('application/problem+json');
  });
});
