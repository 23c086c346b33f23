import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, ok, salesOrg } from './sales-fixtures.js';

describe.skipIf(SKIP)('sales: transfer, teams and the 360° timeline', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('transfers one record with history and an owner-log line; accounts can take contacts and opportunities along', async () => {
    const org = await salesOrg(env);
    const mgr = org.eastMgr.client;
    const acc = await create(org.eastRep1.client, 'accounts', { name: 'Moving Co' });
    const con = await create(org.eastRep1.client, 'contacts', { name: 'Ann', accountId: acc.id });
    const opp = await create(org.eastRep1.client, 'opportunities', { name: 'Deal', accountId: acc.id });
    const res = await ok(mgr.post(`/api/v1/accounts/${acc.id}/transfer`, { ownerId: org.eastRep2.id, withRelated: true, reason: '离职交接' }));
    expect(res.ownerId).toBe(org.eastRep2.id);
    expect((await ok(org.eastRep2.client.get(`/api/v1/contacts/${con.id}`))).ownerId).toBe(org.eastRep2.id);
    expect((await ok(org.eastRep2.client.get(`/api/v1/opportunities/${opp.id}`))).ownerId).toBe(org.eastRep2.id);
    expect((await org.eastRep1.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    const log = (await ok(mgr.get(`/api/v1/accounts/${acc.id}/owner-log`))).data;
    expect(log[0]).toMatchObject({ action: 'transfer', fromOwnerId: org.eastRep1.id, toOwnerId: org.eastRep2.id, reason: '离职交接', actorId: org.eastMgr.id });
    const lead = await create(org.eastRep1.client, 'leads', { name: 'L' });
    expect((await ok(mgr.post(`/api/v1/leads/${lead.id}/transfer`, { ownerId: org.eastRep2.id }))).ownerId).toBe(org.eastRep2.id);
    const tl = (await ok(mgr.get(`/api/v1/leads/${lead.id}/timeline`))).data;
    expect(tl.find((h: any) => h.field === 'ownerId')).toMatchObject({ oldValue: org.eastRep1.id, newValue: org.eastRep2.id });
    expect((await mgr.post(`/api/v1/leads/${lead.id}/transfer`, { ownerId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(422);
  });

  it('a rep without transfer rights cannot transfer, nor see or touch another department\'s records', async () => {
    const org = await salesOrg(env);
    const acc = await create(org.eastRep1.client, 'accounts', { name: 'Mine' });
    const denied = await org.eastRep1.client.post(`/api/v1/accounts/${acc.id}/transfer`, { ownerId: org.eastRep2.id });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('error.transferForbidden');
    expect((await org.eastRep1.client.post('/api/v1/accounts/transfer', { ids: [acc.id], ownerId: org.eastRep2.id })).statusCode).toBe(403);
    expect((await org.eastRep1.client.patch(`/api/v1/accounts/${acc.id}`, { ownerId: org.eastRep2.id })).statusCode).toBe(403);
    const west = await create(org.westRep.client, 'accounts', { name: 'West only' });
    expect((await org.eastRep1.client.get(`/api/v1/accounts/${west.id}`)).statusCode).toBe(404);
    expect((await org.eastMgr.client.get(`/api/v1/accounts/${west.id}`)).statusCode).toBe(404);
    expect((await ok(org.eastMgr.client.get('/api/v1/accounts'))).data.map((a: any) => a.id)).toEqual([acc.id]);
    expect((await org.eastMgr.client.post(`/api/v1/accounts/${west.id}/transfer`, { ownerId: org.eastRep1.id })).statusCode).toBe(404);
    expect((await org.eastMgr.client.get(`/api/v1/accounts/${west.id}/timeline`)).statusCode).toBe(404);
    expect((await ok(org.westRep.client.get(`/api/v1/accounts/${west.id}`))).ownerId).toBe(org.westRep.id);
  });

  it('mass transfer moves all or nothing and reports failures by index', async () => {
    const org = await salesOrg(env);
    const ids: string[] = [];
    for (const n of ['A', 'B', 'C']) ids.push((await create(org.eastRep1.client, 'opportunities', { name: `Deal ${n}` })).id);
    const west = await create(org.westRep.client, 'opportunities', { name: 'West deal' });
    const mixed = await org.eastMgr.client.post('/api/v1/opportunities/transfer', { ids: [ids[0], west.id, ids[1], 'not-an-id'], ownerId: org.eastRep2.id });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().errors.map((e: any) => [e.index, e.code])).toEqual([[1, 'error.notFound'], [3, 'error.notFound']]);
    expect((await ok(org.eastRep1.client.get(`/api/v1/opportunities/${ids[0]}`))).ownerId).toBe(org.eastRep1.id);
    const done = await ok(org.eastMgr.client.post('/api/v1/opportunities/transfer', { ids, ownerId: org.eastRep2.id }));
    expect(done.data.map((o: any) => o.ownerId)).toEqual([org.eastRep2.id, org.eastRep2.id, org.eastRep2.id]);
    expect((await org.eastMgr.client.post('/api/v1/opportunities/transfer', { ids: [], ownerId: org.eastRep2.id })).statusCode).toBe(422);
    // Mass-transferred customers keep the same history and owner log as single ones.
    const accs = [await create(org.eastRep1.client, 'accounts', { name: 'Mass A' }), await create(org.eastRep1.client, 'accounts', { name: 'Mass B' })];
    const moved = await ok(org.eastMgr.client.post('/api/v1/accounts/transfer', { ids: accs.map((a) => a.id), ownerId: org.eastRep2.id, reason: '区域调整' }));
    expect(moved.data.map((a: any) => a.ownerId)).toEqual([org.eastRep2.id, org.eastRep2.id]);
    for (const a of accs) {
      expect((await ok(org.eastMgr.client.get(`/api/v1/accounts/${a.id}/owner-log`))).data[0]).toMatchObject({ action: 'transfer', fromOwnerId: org.eastRep1.id, toOwnerId: org.eastRep2.id, reason: '区域调整', actorId: org.eastMgr.id });
      const tl = (await ok(org.eastRep2.client.get(`/api/v1/accounts/${a.id}/timeline`))).data;
      expect(tl.find((h: any) => h.field === 'ownerId')).toMatchObject({ oldValue: org.eastRep1.id, newValue: org.eastRep2.id });
    }
    const oppTl = (await ok(org.eastRep2.client.get(`/api/v1/opportunities/${ids[0]}/timeline`))).data;
    expect(oppTl.find((h: any) => h.field === 'ownerId')).toMatchObject({ oldValue: org.eastRep1.id, newValue: org.eastRep2.id });
    expect((await org.eastMgr.client.post('/api/v1/nothings/transfer', { ids: [ids[0]], ownerId: org.eastRep2.id })).statusCode).toBe(404);
  });

  it('team members on accounts and opportunities: read or edit access, expiry, only the owner side manages them', async () => {
    const org = await salesOrg(env);
    const owner = org.eastRep1.client;
    const acc = await create(owner, 'accounts', { name: 'Team account', phone: '13812345678' });
    const opp = await create(owner, 'opportunities', { name: 'Team deal', accountId: acc.id });
    expect((await org.westRep.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    const team = await ok(owner.post(`/api/v1/accounts/${acc.id}/team`, { userId: org.westRep.id, access: 'read' }));
    expect(team).toMatchObject({ ownerId: org.eastRep1.id, members: [expect.objectContaining({ userId: org.westRep.id, access: 'read', expiresAt: null })] });
    const seen = await ok(org.westRep.client.get(`/api/v1/accounts/${acc.id}`));
    expect(seen.phone).toBe('138****5678');
    expect((await org.westRep.client.patch(`/api/v1/accounts/${acc.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await org.westRep.client.post(`/api/v1/accounts/${acc.id}/team`, { userId: org.eastRep2.id, access: 'read' })).statusCode).toBe(403);
    await ok(owner.post(`/api/v1/opportunities/${opp.id}/team`, { userId: org.westRep.id, access: 'edit', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect((await ok(org.westRep.client.patch(`/api/v1/opportunities/${opp.id}`, { description: 'helped' }))).description).toBe('helped');
    const edit = await org.westRep.client.post(`/api/v1/opportunities/${opp.id}/team`, { userId: org.eastRep2.id, access: 'read' });
    expect(edit.json().code).toBe('sales.team.notManager');
    expect((await owner.post(`/api/v1/accounts/${acc.id}/team`, { userId: org.eastRep1.id, access: 'read' })).json().errors[0].code).toBe('sales.team.isOwner');
    expect((await owner.post(`/api/v1/accounts/${acc.id}/team`, { userId: org.eastRep2.id, access: 'read', expiresAt: '2000-01-01T00:00:00Z' })).json().errors[0].code).toBe('sales.team.expiryPast');
    expect((await owner.post(`/api/v1/contacts/${acc.id}/team`, { userId: org.eastRep2.id, access: 'read' })).statusCode).toBe(404);
    expect((await ok(org.eastMgr.client.get(`/api/v1/accounts/${acc.id}/team`))).members).toHaveLength(1);
    await ok(org.eastMgr.client.delete(`/api/v1/accounts/${acc.id}/team/${org.westRep.id}`), 204);
    expect((await org.westRep.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    const tl = (await ok(owner.get(`/api/v1/opportunities/${opp.id}/timeline`))).data;
    expect(tl.find((h: any) => h.op === 'team')).toBeTruthy();
  });

  it('the account timeline shows follow-ups, opportunities with stage moves, quotes, contracts, payments and changes', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const acc = await create(rep, 'accounts', { name: '360 Co', level: 'B' });
    await ok(rep.patch(`/api/v1/accounts/${acc.id}`, { level: 'A' }));
    const opp = await create(rep, 'opportunities', { name: 'Deal', accountId: acc.id, amount: '100' });
    await ok(rep.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'proposal' }));
    await create(rep, 'activities', { name: 'Visit', type: 'visit', accountId: acc.id, occurredAt: new Date().toISOString() });
    const quote = await rep.post('/api/v1/quotes', { name: 'Quote 1', accountId: acc.id, opportunityId: opp.id });
    expect(quote.statusCode, quote.body).toBe(201);
    const contract = await create(rep, 'contracts', { name: 'Contract 1', accountId: acc.id, opportunityId: opp.id, startDate: '2026-01-01', endDate: '2026-12-31', amount: '100', status: 'active' });
    const payment = await create(rep, 'payments', { name: 'First payment', contractId: contract.id, amount: '40.00', receivedDate: '2026-02-01' });
    expect(payment.accountId).toBe(acc.id);
    const hidden = await create(org.eastRep2.client, 'opportunities', { name: 'Not visible to rep1' });
    await ok(org.eastMgr.client.patch(`/api/v1/opportunities/${hidden.id}`, { accountId: acc.id }));
    const tl = (await ok(rep.get(`/api/v1/accounts/${acc.id}/timeline`))).data;
    expect(tl.some((i: any) => i.id === hidden.id || i.opportunityId === hidden.id)).toBe(false);
    const mgrTl = (await ok(org.eastMgr.client.get(`/api/v1/accounts/${acc.id}/timeline`))).data;
    expect(mgrTl.some((i: any) => i.id === hidden.id)).toBe(true);
    const kinds = tl.map((i: any) => `${i.kind}:${i.object ?? i.field ?? i.stage ?? i.type ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['activity:visit', 'record:opportunities', 'record:quotes', 'record:contracts', 'record:payments', 'stageChange:proposal', 'change:level', 'change:*']));
    expect(tl.find((i: any) => i.kind === 'record' && i.object === 'contracts')).toMatchObject({ id: contract.id, summary: { status: 'active', amount: '100.00', number: contract.number } });
    expect(tl.find((i: any) => i.kind === 'record' && i.object === 'payments')).toMatchObject({ id: payment.id, summary: { amount: '40.00' } });
    expect(tl.find((i: any) => i.kind === 'record' && i.object === 'opportunities').summary).toMatchObject({ stage: 'proposal', amount: '100.00' });
    const page = await ok(rep.get(`/api/v1/accounts/${acc.id}/timeline?limit=2`));
    expect(page.data).toHaveLength(2);
    const next = await ok(rep.get(`/api/v1/accounts/${acc.id}/timeline?limit=50&before=${encodeURIComponent(page.nextCursor)}`));
    expect(next.data.every((i: any) => i.at < page.data[1].at || i.at === page.data[1].at)).toBe(true);
    expect((await rep.get(`/api/v1/accounts/${acc.id}/timeline?before=yesterday`)).statusCode).toBe(400);
  });
});
