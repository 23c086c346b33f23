import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withTenant } from '../src/db/tenant.js';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, ok, salesOrg } from './sales-fixtures.js';

describe.skipIf(SKIP)('sales: opportunities and pipelines', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('a default pipeline appears on first use; stages bring probability, status and weighted amount', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const pipes = (await ok(rep.get('/api/v1/sales/pipelines'))).data;
    expect(pipes).toHaveLength(1);
    expect(pipes[0]).toMatchObject({ isDefault: true, name: 'Default pipeline' });
    expect(pipes[0].stages.map((s: any) => [s.key, s.probability, s.kind])).toEqual([
      ['qualification', 10, 'open'], ['needs', 30, 'open'], ['proposal', 60, 'open'], ['negotiation', 80, 'open'], ['won', 100, 'won'], ['lost', 0, 'lost'],
    ]);
    expect(pipes[0].stages[0].label).toEqual({ 'zh-CN': '验证客户', 'en-US': 'Qualification' });
    const acc = await create(rep, 'accounts', { name: 'Acme' });
    const opp = await create(rep, 'opportunities', { name: 'Big deal', accountId: acc.id, amount: '200000', currency: 'usd', expectedCloseDate: '2026-12-31' });
    expect(opp).toMatchObject({ pipelineId: pipes[0].id, stage: 'qualification', probability: 10, status: 'open', currency: 'USD', weightedAmount: '20000.00', closedAt: null });
    const moved = await ok(rep.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'proposal' }));
    expect(moved).toMatchObject({ probability: 60, weightedAmount: '120000.00' });
    const custom = await ok(rep.patch(`/api/v1/opportunities/${opp.id}`, { probability: 45, amount: '100000' }));
    expect(custom).toMatchObject({ probability: 45, weightedAmount: '45000.00', stage: 'proposal' });
    const lost = await rep.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'lost' });
    expect(lost.statusCode).toBe(422);
    expect(lost.json().errors[0]).toMatchObject({ field: 'lostReasonType', code: 'sales.opportunity.lostReasonRequired' });
    expect((await rep.patch(`/api/v1/opportunities/${opp.id}`, { currency: 'XYZ' })).json().errors[0].code).toBe('sales.currency.invalid');
    expect((await rep.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'nowhere' })).json().errors[0]).toMatchObject({ field: 'stage', code: 'field.option' });
    const won = await ok(rep.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'won' }));
    expect(won).toMatchObject({ status: 'won', probability: 100, weightedAmount: '100000.00', closedAt: expect.any(String) });
    expect(await ok(rep.get(`/api/v1/accounts/${acc.id}`))).toMatchObject({ dealStatus: 'won', lastDealAt: expect.any(String) });
    const other = await create(rep, 'opportunities', { name: 'Lost one', stage: 'lost', lostReasonType: 'price', lostReason: '太贵' });
    expect(other).toMatchObject({ status: 'lost', probability: 0, lostReasonType: 'price' });
    const byStatus = await ok(rep.get(`/api/v1/opportunities?filter=${encodeURIComponent(JSON.stringify({ field: 'status', op: 'eq', value: 'won' }))}`));
    expect(byStatus.data.map((o: any) => o.id)).toEqual([opp.id]);
  });

  it('win probabilities are whole percentages: a decimal gets a clear, localised 422 and changes nothing', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const opp = await create(rep, 'opportunities', { name: 'Precise deal', amount: '1000' });
    const bad = await rep.patch(`/api/v1/opportunities/${opp.id}`, { probability: 12.5 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'probability', code: 'field.scale', params: { scale: 0 }, message: 'At most 0 decimal places.' })]);
    rep.lang = 'zh-CN';
    expect((await rep.post('/api/v1/opportunities', { name: 'x', probability: '33.3' })).json().errors[0]).toMatchObject({ field: 'probability', message: '最多 0 位小数。' });
    expect((await rep.patch(`/api/v1/opportunities/${opp.id}`, { probability: 101 })).json().errors[0]).toMatchObject({ field: 'probability', code: 'field.max' });
    expect(await ok(rep.get(`/api/v1/opportunities/${opp.id}`))).toMatchObject({ probability: 10, version: opp.version });
    expect(await ok(rep.patch(`/api/v1/opportunities/${opp.id}`, { probability: '35.0' }))).toMatchObject({ probability: 35, weightedAmount: '350.00' });
    // Stage probabilities are whole percentages too, refused up front with the field named.
    const stage = await org.admin.post('/api/v1/sales/pipelines', { name: 'Decimal', stages: [{ key: 'qualification', probability: 12.5, kind: 'open' }, { key: 'won', probability: 100, kind: 'won' }, { key: 'lost', probability: 0, kind: 'lost' }] });
    expect(stage.statusCode).toBe(422);
    expect(stage.json().errors[0]).toMatchObject({ field: 'stages.0.probability', code: 'field.type.number' });
  });

  it('keeps stage history with the time spent in each stage', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep2.client;
    const opp = await create(rep, 'opportunities', { name: 'Timed', amount: '10' });
    await ok(rep.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'needs' }));
    // Fixture: pretend the first two stages lasted two days and one hour.
    await withTenant(env.db, org.workspaceId, async (trx) => {
      const rows = await sql<{ id: string }>`select id from opportunity_stage_history where workspace_id = ${org.workspaceId}::uuid
        and opportunity_id = ${opp.id}::uuid order by entered_at`.execute(trx);
      const base = Date.now() - 3 * 86_400_000;
      await sql`update opportunity_stage_history set entered_at = ${new Date(base)}, left_at = ${new Date(base + 2 * 86_400_000)} where workspace_id = ${org.workspaceId}::uuid and id = ${rows.rows[0].id}::uuid`.execute(trx);
      await sql`update opportunity_stage_history set entered_at = ${new Date(base + 2 * 86_400_000)} where workspace_id = ${org.workspaceId}::uuid and id = ${rows.rows[1].id}::uuid`.execute(trx);
    });
    await ok(rep.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'negotiation' }));
    const h = (await ok(rep.get(`/api/v1/opportunities/${opp.id}/stage-history`))).data;
    expect(h.map((x: any) => x.stage)).toEqual(['qualification', 'needs', 'negotiation']);
    expect(h[0].durationSeconds).toBe(2 * 86_400);
    expect(h[1].durationSeconds).toBeGreaterThanOrEqual(86_400);
    expect(h[1].leftAt).toBeTruthy();
    expect(h[2]).toMatchObject({ leftAt: null, enteredBy: org.eastRep2.id });
    expect((await org.eastRep1.client.get(`/api/v1/opportunities/${opp.id}/stage-history`)).statusCode).toBe(404);
  });

  it('several pipelines per department; stage keys come from the stage field; used stages stay', async () => {
    const org = await salesOrg(env);
    const admin = org.admin;
    const bad = await admin.post('/api/v1/sales/pipelines', { name: 'Bad', stages: [{ key: 'qualification', probability: 10, kind: 'open' }, { key: 'qualification', probability: 20, kind: 'open' }, { key: 'zzz', probability: 1, kind: 'won' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: any) => e.code)).toEqual(expect.arrayContaining(['sales.pipeline.duplicateStage', 'field.option', 'sales.pipeline.needsKind']));
    const west = await ok(admin.post('/api/v1/sales/pipelines', {
      name: 'West channel', departmentIds: [org.depts.west],
      stages: [{ key: 'qualification', probability: 25, kind: 'open' }, { key: 'negotiation', probability: 70, kind: 'open' }, { key: 'won', probability: 100, kind: 'won' }, { key: 'lost', probability: 0, kind: 'lost' }],
    }), 201);
    expect((await org.westRep.client.post('/api/v1/sales/pipelines', { name: 'x' })).statusCode).toBe(403);
    const wOpp = await create(org.westRep.client, 'opportunities', { name: 'West deal', amount: '1000' });
    expect(wOpp).toMatchObject({ pipelineId: west.id, probability: 25, weightedAmount: '250.00' });
    expect((await org.westRep.client.patch(`/api/v1/opportunities/${wOpp.id}`, { stage: 'proposal' })).json().errors[0]).toMatchObject({ field: 'stage', code: 'sales.stage.notInPipeline' });
    const eOpp = await create(org.eastRep1.client, 'opportunities', { name: 'East deal' });
    expect(eOpp.pipelineId).not.toBe(west.id);
    const denied = await org.eastRep1.client.post('/api/v1/opportunities', { name: 'Wrong pipe', pipelineId: west.id });
    expect(denied.json().errors[0]).toMatchObject({ field: 'pipelineId', code: 'sales.pipeline.notAvailable' });
    expect((await org.eastRep1.client.post('/api/v1/opportunities', { name: 'No pipe', pipelineId: 'nope' })).json().errors[0].code).toBe('sales.pipeline.notFound');
    const inUse = await admin.patch(`/api/v1/sales/pipelines/${west.id}`, { stages: [{ key: 'negotiation', probability: 70, kind: 'open' }, { key: 'won', probability: 100, kind: 'won' }, { key: 'lost', probability: 0, kind: 'lost' }] });
    expect(inUse.json()).toMatchObject({ status: 409, code: 'sales.pipeline.stageInUse' });
    expect((await admin.delete(`/api/v1/sales/pipelines/${west.id}`)).json().code).toBe('sales.pipeline.inUse');
    const def = (await ok(admin.get('/api/v1/sales/pipelines'))).data.find((p: any) => p.isDefault);
    expect((await admin.delete(`/api/v1/sales/pipelines/${def.id}`)).json().code).toBe('sales.pipeline.needsDefault');
    expect((await ok(admin.patch(`/api/v1/sales/pipelines/${west.id}`, { isDefault: true }))).isDefault).toBe(true);
    expect((await ok(admin.get(`/api/v1/sales/pipelines/${def.id}`))).isDefault).toBe(false);
    await ok(admin.delete(`/api/v1/sales/pipelines/${def.id}`.replace(def.id, (await ok(admin.post('/api/v1/sales/pipelines', { name: 'Spare' }), 201)).id)), 204);
  });

  it('products on the opportunity set its amount', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const opp = await create(rep, 'opportunities', { name: 'With products', stage: 'proposal' });
    const lines = await ok(rep.request('PUT', `/api/v1/opportunities/${opp.id}/products`, {
      lines: [{ name: 'CRM licence', quantity: 50, unitPrice: '1200.00', discount: 10 }, { name: 'Implementation', quantity: '2.5', unitPrice: 1800 }],
    }));
    expect(lines.data.map((l: any) => [l.name, l.quantity, l.unitPrice, l.discount, l.amount])).toEqual([
      ['CRM licence', '50', '1200.00', '10', '54000.00'], ['Implementation', '2.5', '1800.00', '0', '4500.00'],
    ]);
    expect(await ok(rep.get(`/api/v1/opportunities/${opp.id}`))).toMatchObject({ amount: '58500.00', weightedAmount: '35100.00' });
    const bad = await rep.request('PUT', `/api/v1/opportunities/${opp.id}/products`, { lines: [{ name: '', quantity: 0, unitPrice: '-1', discount: 120 }, { productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: any) => e.field)).toEqual(['lines.0.name', 'lines.0.quantity', 'lines.0.unitPrice', 'lines.0.discount', 'lines.1.productId', 'lines.1.name', 'lines.1.unitPrice']);
    expect((await ok(rep.get(`/api/v1/opportunities/${opp.id}/products`))).data).toHaveLength(2);
    const keep = await ok(rep.request('PUT', `/api/v1/opportunities/${opp.id}/products`, { lines: [], syncAmount: false }));
    expect(keep.data).toEqual([]);
    expect((await ok(rep.get(`/api/v1/opportunities/${opp.id}`))).amount).toBe('58500.00');
    expect((await org.westRep.client.request('PUT', `/api/v1/opportunities/${opp.id}/products`, { lines: [] })).statusCode).toBe(404);
  });
});
