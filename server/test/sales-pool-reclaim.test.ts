import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPoolReclaim } from '../src/modules/sales/index.js';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { ageAccount, count, create, DAY, ok, salesOrg } from './sales-fixtures.js';
import { sql } from 'kysely';

describe.skipIf(SKIP)('sales: nightly pool reclaim (simulated clock)', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('warns N days before, then reclaims the right customers; locked ones and other departments stay', async () => {
    const org = await salesOrg(env);
    const pool = await ok(org.admin.post('/api/v1/sales/pools', {
      name: 'East pool', departmentIds: [org.depts.east], warnDays: 5, cooldownDays: 3,
      rules: [{ level: 'A', noFollowUpDays: 30 }, { level: 'B', noFollowUpDays: 60 }],
    }), 201);
    const rep = org.eastRep1.client;
    const t0 = Date.now();
    const a = await create(rep, 'accounts', { name: 'Level A', level: 'A' });
    const b = await create(rep, 'accounts', { name: 'Level B', level: 'B' });
    const c = await create(rep, 'accounts', { name: 'Level C (no rule)', level: 'C' });
    const locked = await create(rep, 'accounts', { name: 'Locked A', level: 'A' });
    await ok(rep.post(`/api/v1/accounts/${locked.id}/lock`));
    const west = await create(org.westRep.client, 'accounts', { name: 'West A', level: 'A' });
    await create(rep, 'contacts', { name: 'Contact of A', accountId: a.id, mobile: '13812345678' });

    expect(await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 20 * DAY))).toEqual({ reclaimed: [], warned: [] });
    const warned = await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 26 * DAY));
    expect(warned).toEqual({ reclaimed: [], warned: [a.id] });
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 27 * DAY))).warned).toEqual([]);
    expect(await count(env, org.workspaceId, 'outbox_events', sql`event = 'accounts.reclaimWarning' and record_id = ${a.id}::uuid`)).toBe(1);
    const today = await ok(rep.get('/api/v1/sales/today'));
    expect(today.sections.reclaimSoon.map((i: any) => i.id)).toEqual([]); // real clock: 30 days left

    const run = await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 31 * DAY));
    expect(run).toEqual({ reclaimed: [a.id], warned: [] });
    const after = await ok(org.eastRep2.client.get(`/api/v1/accounts/${a.id}`));
    expect(after).toMatchObject({ ownerId: null, poolId: pool.id });
    for (const id of [b.id, c.id, locked.id]) expect((await ok(rep.get(`/api/v1/accounts/${id}`))).ownerId).toBe(org.eastRep1.id);
    expect((await ok(org.westRep.client.get(`/api/v1/accounts/${west.id}`))).ownerId).toBe(org.westRep.id);
    const log = (await ok(org.eastRep2.client.get(`/api/v1/accounts/${a.id}/owner-log`))).data;
    expect(log[0]).toMatchObject({ action: 'reclaim', fromOwnerId: org.eastRep1.id, toOwnerId: null, poolId: pool.id, reason: 'noFollowUpDays:30', actorId: null });
    const history = (await ok(org.admin.get(`/api/v1/accounts/${a.id}/timeline`))).data.filter((h: any) => h.field === 'ownerId');
    expect(history[0]).toMatchObject({ oldValue: org.eastRep1.id, newValue: null });
    const contacts = (await ok(org.eastRep2.client.get('/api/v1/contacts'))).data;
    expect(contacts).toEqual([expect.objectContaining({ name: 'Contact of A', ownerId: null, mobile: '138****5678' })]);
    // The previous owner waits out the cooldown; the job left the reclaim in the log it reads.
    expect((await rep.post(`/api/v1/accounts/${a.id}/claim`)).json().code).toBe('sales.pool.cooldown');

    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 56 * DAY))).warned).toEqual([b.id]);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 61 * DAY))).reclaimed).toEqual([b.id]);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 400 * DAY))).reclaimed).toEqual([]);
  });

  it('a follow-up, an opportunity or a deal resets the clock; deals can exempt customers', async () => {
    const org = await salesOrg(env);
    const pool = await ok(org.admin.post('/api/v1/sales/pools', {
      name: 'East pool', departmentIds: [org.depts.east], rules: [{ level: null, noFollowUpDays: 30, noOpportunityDays: 60, noDealDays: 90 }],
    }), 201);
    const rep = org.eastRep2.client;
    const idle = await create(rep, 'accounts', { name: 'Idle' });
    const called = await create(rep, 'accounts', { name: 'Called' });
    const contact = await create(rep, 'contacts', { name: 'Via contact', accountId: called.id });
    const withOpp = await create(rep, 'accounts', { name: 'With opportunity' });
    for (const acc of [idle, called, withOpp]) await ageAccount(env, org.workspaceId, acc.id, 40);
    await create(rep, 'activities', { name: 'Call', type: 'call', contactId: contact.id, occurredAt: new Date(Date.now() - 60_000).toISOString() });
    expect((await ok(rep.get(`/api/v1/accounts/${called.id}`))).lastContactAt).toBeTruthy();
    await create(rep, 'activities', { name: 'Planned', type: 'call', accountId: idle.id, occurredAt: new Date(Date.now() + 5 * DAY).toISOString() });
    expect((await ok(rep.get(`/api/v1/accounts/${idle.id}`))).lastContactAt).toBeNull();
    await create(rep, 'activities', { name: 'Visit', type: 'visit', accountId: withOpp.id, occurredAt: new Date(Date.now() - 60_000).toISOString() });
    await create(rep, 'opportunities', { name: 'Deal', accountId: withOpp.id, amount: '1000' });

    const now = new Date(Date.now() + 60_000);
    expect(await runPoolReclaim(env.db, org.workspaceId, now)).toEqual({ reclaimed: [idle.id], warned: [] });
    // 35 days on: no follow-up for 35 days reclaims "Called" (no opportunity either); "With opportunity" had its follow-up too.
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(now.getTime() + 35 * DAY))).reclaimed.sort()).toEqual([called.id, withOpp.id].sort());

    const won = await create(org.eastRep1.client, 'accounts', { name: 'Won customer' });
    await ageAccount(env, org.workspaceId, won.id, 200);
    const opp = await create(org.eastRep1.client, 'opportunities', { name: 'Signed', accountId: won.id, amount: '500' });
    await ok(org.eastRep1.client.patch(`/api/v1/opportunities/${opp.id}`, { stage: 'won' }));
    expect(await ok(org.eastRep1.client.get(`/api/v1/accounts/${won.id}`))).toMatchObject({ dealStatus: 'won', lastDealAt: expect.any(String) });
    await ok(org.admin.patch(`/api/v1/sales/pools/${pool.id}`, { skipWithDeals: true }));
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(now.getTime() + 100 * DAY))).reclaimed).toEqual([]);
    await ok(org.admin.patch(`/api/v1/sales/pools/${pool.id}`, { skipWithDeals: false }));
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(now.getTime() + 100 * DAY))).reclaimed).toEqual([won.id]);
  });

  it('no opportunity or no deal within N days reclaims on its own; a new opportunity, a won deal or a signed contract resets its clock', async () => {
    const org = await salesOrg(env);
    await ok(org.admin.post('/api/v1/sales/pools', {
      name: 'East pool', departmentIds: [org.depts.east], rules: [{ level: 'A', noOpportunityDays: 20 }, { level: 'B', noDealDays: 50 }],
    }), 201);
    const rep = org.eastRep1.client;
    const aged = async (name: string, level: string) => {
      const acc = await create(rep, 'accounts', { name, level });
      await ageAccount(env, org.workspaceId, acc.id, 60);
      return acc;
    };
    const noOpp = await aged('No opportunity', 'A');
    const newOpp = await aged('New opportunity', 'A');
    const noDeal = await aged('Open opportunity only', 'B');
    const wonDeal = await aged('Won deal', 'B');
    const signed = await aged('Signed contract', 'B');
    // Follow-ups count for nothing against these limits, nor does an open opportunity against "no deal".
    for (const acc of [noOpp, noDeal]) await create(rep, 'activities', { name: 'Call', type: 'call', accountId: acc.id, occurredAt: new Date(Date.now() - 60_000).toISOString() });
    await create(rep, 'opportunities', { name: 'Fresh', accountId: newOpp.id });
    await create(rep, 'opportunities', { name: 'Still open', accountId: noDeal.id });
    const won = await create(rep, 'opportunities', { name: 'Won', accountId: wonDeal.id });
    await ok(rep.patch(`/api/v1/opportunities/${won.id}`, { stage: 'won' }));
    await create(rep, 'contracts', { name: 'Signed', accountId: signed.id, amount: '100', status: 'signed' });
    expect(await ok(rep.get(`/api/v1/accounts/${signed.id}`))).toMatchObject({ dealStatus: 'won', lastDealAt: expect.any(String) });
    expect((await ok(rep.get(`/api/v1/accounts/${noDeal.id}`))).dealStatus).toBe('none');

    const now = new Date(Date.now() + 60_000);
    expect((await runPoolReclaim(env.db, org.workspaceId, now)).reclaimed.sort()).toEqual([noOpp.id, noDeal.id].sort());
    const reason = async (id: string) => (await ok(org.admin.get(`/api/v1/accounts/${id}/owner-log`))).data[0];
    expect(await reason(noOpp.id)).toMatchObject({ action: 'reclaim', reason: 'noOpportunityDays:20' });
    expect(await reason(noDeal.id)).toMatchObject({ action: 'reclaim', reason: 'noDealDays:50' });
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(now.getTime() + 19 * DAY))).reclaimed).toEqual([]);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(now.getTime() + 21 * DAY))).reclaimed).toEqual([newOpp.id]);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(now.getTime() + 49 * DAY))).reclaimed).toEqual([]);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(now.getTime() + 51 * DAY))).reclaimed.sort()).toEqual([wonDeal.id, signed.id].sort());
  });

  it('shows customers about to be reclaimed in the owner\'s today list', async () => {
    const org = await salesOrg(env);
    await ok(org.admin.post('/api/v1/sales/pools', { name: 'P', departmentIds: [org.depts.east], warnDays: 3, rules: [{ level: null, noFollowUpDays: 10 }] }), 201);
    const soon = await create(org.eastRep1.client, 'accounts', { name: 'Soon' });
    const later = await create(org.eastRep1.client, 'accounts', { name: 'Later' });
    await ageAccount(env, org.workspaceId, soon.id, 8);
    const today = await ok(org.eastRep1.client.get('/api/v1/sales/today'));
    expect(today.sections.reclaimSoon).toEqual([expect.objectContaining({ id: soon.id, object: 'accounts', reason: 'noFollowUpDays', days: 10 })]);
    expect(today.sections.reclaimSoon.map((i: any) => i.id)).not.toContain(later.id);
  });
});
