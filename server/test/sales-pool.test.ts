import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withTenant } from '../src/db/tenant.js';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, ok, salesOrg, type SalesOrg } from './sales-fixtures.js';

async function eastPool(org: SalesOrg, extra: Record<string, unknown> = {}) {
  return ok(org.admin.post('/api/v1/sales/pools', {
    name: '华东公海', departmentIds: [org.depts.east], adminIds: [org.eastMgr.id], claimDailyCap: 2, cooldownDays: 7,
    rules: [{ level: 'A', noFollowUpDays: 30 }], ...extra,
  }), 201);
}

describe.skipIf(SKIP)('sales: public pool', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('pools are admin settings with checked departments, admins and rules', async () => {
    const org = await salesOrg(env);
    const pool = await eastPool(org, { warnDays: 3 });
    expect(pool).toMatchObject({ name: '华东公海', departmentIds: [org.depts.east], adminIds: [org.eastMgr.id], claimDailyCap: 2, cooldownDays: 7, warnDays: 3, active: true });
    const bad = await org.admin.post('/api/v1/sales/pools', {
      name: 'Bad', departmentIds: ['00000000-0000-4000-8000-000000000000'], adminIds: ['00000000-0000-4000-8000-000000000001'],
      rules: [{ level: 'A', noFollowUpDays: 3 }, { level: 'A', noDealDays: 9 }, { level: 'Z', noDealDays: 1 }, { level: null }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(expect.arrayContaining([
      'departmentIds.0:field.notFound', 'adminIds.0:field.notFound', 'rules.1.level:sales.pool.duplicateRule', 'rules.2.level:field.option', 'rules.3:sales.pool.emptyRule',
    ]));
    expect((await org.admin.post('/api/v1/sales/pools', { name: 'x', warnDays: -1 })).statusCode).toBe(422);
    expect((await org.eastRep1.client.post('/api/v1/sales/pools', { name: 'mine' })).statusCode).toBe(403);
    expect((await ok(org.eastRep1.client.get('/api/v1/sales/pools'))).data.map((p: any) => p.id)).toEqual([pool.id]);
    expect((await ok(org.westRep.client.get('/api/v1/sales/pools'))).data).toEqual([]);
    expect((await org.westRep.client.get(`/api/v1/sales/pools/${pool.id}`)).statusCode).toBe(404);
    const acc = await create(org.eastRep1.client, 'accounts', { name: 'Pooled' });
    await ok(org.eastRep1.client.post(`/api/v1/accounts/${acc.id}/release`, { reason: '无意向' }));
    expect((await ok(org.admin.delete(`/api/v1/sales/pools/${pool.id}`), 409)).code).toBe('sales.pool.notEmpty');
    expect((await ok(org.admin.patch(`/api/v1/sales/pools/${pool.id}`, { claimDailyCap: null }))).claimDailyCap).toBeNull();
  });

  it('release with a reason; members see pool customers masked, others do not; claim takes them over', async () => {
    const org = await salesOrg(env);
    const pool = await eastPool(org);
    const rep1 = org.eastRep1.client;
    const acc = await create(rep1, 'accounts', { name: '杭州云帆零售', phone: '13905711234', email: 'boss@yunfan.example' });
    const contact = await create(rep1, 'contacts', { name: '王强', accountId: acc.id, mobile: '13634567890' });
    expect((await rep1.post(`/api/v1/accounts/${acc.id}/release`, { reason: '   ' })).statusCode).toBe(422);
    expect((await org.westRep.client.post(`/api/v1/accounts/${acc.id}/release`, { reason: 'x' })).statusCode).toBe(404);
    const released = await ok(rep1.post(`/api/v1/accounts/${acc.id}/release`, { reason: '客户暂无需求' }));
    expect(released).toMatchObject({ ownerId: null, poolId: pool.id });
    expect((await ok(rep1.post(`/api/v1/accounts/${acc.id}/release`, { reason: 'again' }), 409)).code).toBe('sales.pool.alreadyInPool');
    const seen = await ok(org.eastRep2.client.get(`/api/v1/accounts/${acc.id}`));
    expect(seen).toMatchObject({ phone: '139****1234', email: 'b***@yunfan.example', poolId: pool.id });
    expect((await ok(org.eastRep2.client.get(`/api/v1/contacts/${contact.id}`))).mobile).toBe('136****7890');
    expect((await ok(org.eastRep2.client.get(`/api/v1/sales/pools/${pool.id}/accounts`))).data.map((a: any) => a.id)).toEqual([acc.id]);
    expect((await org.eastRep2.client.patch(`/api/v1/accounts/${acc.id}`, { name: 'mine now' })).statusCode).toBe(403);
    expect((await org.westRep.client.get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    expect((await org.westRep.client.get(`/api/v1/sales/pools/${pool.id}/accounts`)).statusCode).toBe(404);
    expect((await ok(org.westRep.client.get('/api/v1/accounts'))).data).toEqual([]);
    expect((await org.westRep.client.post(`/api/v1/accounts/${acc.id}/claim`)).statusCode).toBe(404);
    const claimed = await ok(org.eastRep2.client.post(`/api/v1/accounts/${acc.id}/claim`));
    expect(claimed).toMatchObject({ ownerId: org.eastRep2.id, poolId: null, phone: '13905711234' });
    expect((await ok(org.eastRep2.client.get(`/api/v1/contacts/${contact.id}`))).ownerId).toBe(org.eastRep2.id);
    expect((await ok(org.eastRep1.client.post(`/api/v1/accounts/${acc.id}/claim`), 404))).toBeTruthy();
    const log = (await ok(org.eastRep2.client.get(`/api/v1/accounts/${acc.id}/owner-log`))).data;
    expect(log.map((l: any) => [l.action, l.fromOwnerId, l.toOwnerId, l.reason])).toEqual([
      ['claim', null, org.eastRep2.id, null], ['release', org.eastRep1.id, null, '客户暂无需求'],
    ]);
    const tl = (await ok(org.eastRep2.client.get(`/api/v1/accounts/${acc.id}/timeline`))).data;
    expect(tl.filter((i: any) => i.field === 'ownerId').length).toBe(2);
    expect(tl.filter((i: any) => i.kind === 'ownerChange').map((i: any) => i.action)).toEqual(['claim', 'release']);
  });

  it('daily claim cap and the previous owner\'s cooldown', async () => {
    const org = await salesOrg(env);
    await eastPool(org);
    const rep1 = org.eastRep1.client;
    const ids: string[] = [];
    for (const n of ['A', 'B', 'C', 'D']) {
      const a = await create(rep1, 'accounts', { name: `客户 ${n}` });
      await ok(rep1.post(`/api/v1/accounts/${a.id}/release`, { reason: 'test' }));
      ids.push(a.id);
    }
    const cool = await rep1.post(`/api/v1/accounts/${ids[0]}/claim`);
    expect(cool.statusCode).toBe(409);
    expect(cool.json().code).toBe('sales.pool.cooldown');
    rep1.lang = 'zh-CN';
    expect((await rep1.post(`/api/v1/accounts/${ids[0]}/claim`)).json().title).toContain('之前不能重新领取');
    const rep2 = org.eastRep2.client;
    await ok(rep2.post(`/api/v1/accounts/${ids[0]}/claim`));
    await ok(rep2.post(`/api/v1/accounts/${ids[1]}/claim`));
    const capped = await rep2.post(`/api/v1/accounts/${ids[2]}/claim`);
    expect(capped.statusCode).toBe(409);
    expect(capped.json()).toMatchObject({ code: 'sales.pool.claimCap', detail: expect.stringContaining('2') });
    const still = await ok(org.eastMgr.client.get(`/api/v1/accounts/${ids[2]}`));
    expect(still).toMatchObject({ ownerId: null });
    await ok(org.eastMgr.client.post(`/api/v1/accounts/${ids[2]}/claim`));
    const waiting = await rep1.post(`/api/v1/accounts/${ids[3]}/claim`);
    expect(waiting.json()).toMatchObject({ status: 409, code: 'sales.pool.cooldown' });
    // Fixture set-up only: the owner log says all of this happened eight days ago.
    await withTenant(env.db, org.workspaceId, (trx) => sql`update account_owner_log set at = at - interval '8 days'
      where workspace_id = ${org.workspaceId}::uuid`.execute(trx));
    // The seven-day cooldown is over for the previous owner, and yesterday's claims no longer count against today's cap.
    expect((await ok(rep1.post(`/api/v1/accounts/${ids[3]}/claim`))).ownerId).toBe(org.eastRep1.id);
    await ok(org.eastMgr.client.post(`/api/v1/accounts/${ids[2]}/release`, { reason: 'for rep2' }));
    expect((await ok(rep2.post(`/api/v1/accounts/${ids[2]}/claim`))).ownerId).toBe(org.eastRep2.id);
  });

  it('pool admins assign; caps on owned and locked customers give clear errors', async () => {
    const org = await salesOrg(env);
    await eastPool(org);
    const mgr = org.eastMgr.client;
    const pooled = await create(mgr, 'accounts', { name: 'To assign' });
    await ok(mgr.post(`/api/v1/accounts/${pooled.id}/release`, { reason: 'reassign' }));
    const notAdmin = await org.eastRep1.client.post(`/api/v1/accounts/${pooled.id}/assign`, { ownerId: org.eastRep1.id });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().code).toBe('sales.pool.notAdmin');
    await ok(org.admin.request('PUT', `/api/v1/sales/rep-limits/${org.eastRep1.id}`, { maxOwnedAccounts: 2, maxLockedAccounts: 1 }));
    expect((await ok(org.eastRep1.client.get(`/api/v1/sales/rep-limits/${org.eastRep1.id}`))).maxOwnedAccounts).toBe(2);
    expect((await org.eastRep1.client.request('PUT', `/api/v1/sales/rep-limits/${org.eastRep1.id}`, { maxOwnedAccounts: 99, maxLockedAccounts: null })).statusCode).toBe(403);
    const a1 = await create(org.eastRep1.client, 'accounts', { name: 'One' });
    const a2 = await create(org.eastRep1.client, 'accounts', { name: 'Two' });
    const over = await org.eastRep1.client.post('/api/v1/accounts', { name: 'Three' });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'sales.cap.owned', detail: 'This rep already owns the maximum of 2 customers. Release some first.' });
    expect((await mgr.post(`/api/v1/accounts/${pooled.id}/assign`, { ownerId: org.eastRep1.id })).json().code).toBe('sales.cap.owned');
    expect((await org.eastRep1.client.post(`/api/v1/accounts/${pooled.id}/claim`)).json().code).toBe('sales.cap.owned');
    expect((await ok(mgr.post(`/api/v1/accounts/${pooled.id}/assign`, { ownerId: org.eastRep2.id }))).ownerId).toBe(org.eastRep2.id);
    expect((await ok(org.eastRep1.client.post(`/api/v1/accounts/${a1.id}/lock`))).locked).toBe(true);
    const lockOver = await org.eastRep1.client.post(`/api/v1/accounts/${a2.id}/lock`);
    expect(lockOver.json()).toMatchObject({ code: 'sales.cap.locked', status: 409 });
    await ok(org.eastRep1.client.post(`/api/v1/accounts/${a1.id}/unlock`));
    expect((await ok(org.eastRep1.client.post(`/api/v1/accounts/${a2.id}/lock`))).lockedAt).toBeTruthy();
    const adminMoves = await create(mgr, 'accounts', { name: 'Admin moves' });
    await ok(mgr.post(`/api/v1/accounts/${adminMoves.id}/release`, { reason: 'x' }));
    expect(await ok(org.admin.post(`/api/v1/accounts/${adminMoves.id}/transfer`, { ownerId: org.eastMgr.id }))).toMatchObject({ ownerId: org.eastMgr.id, poolId: null });
    await ok(org.admin.request('PUT', '/api/v1/sales/settings', { maxOwnedAccounts: 1, maxLockedAccounts: null }));
    expect((await org.eastRep2.client.post('/api/v1/accounts', { name: 'Second for rep2' })).json().code).toBe('sales.cap.owned');
    expect((await org.eastRep1.client.request('PUT', '/api/v1/sales/settings', { maxOwnedAccounts: null, maxLockedAccounts: null })).statusCode).toBe(403);
  });

  it('parallel claims: a customer goes to exactly one rep, and the daily cap holds', async () => {
    const org = await salesOrg(env);
    await eastPool(org);
    const mgr = org.eastMgr.client;
    const pooled: string[] = [];
    for (const n of ['X', 'Y', 'Z', 'W']) {
      const a = await create(mgr, 'accounts', { name: n });
      await ok(mgr.post(`/api/v1/accounts/${a.id}/release`, { reason: 'race' }));
      pooled.push(a.id);
    }
    const race = await Promise.all([org.eastRep1.client.post(`/api/v1/accounts/${pooled[0]}/claim`), org.eastRep2.client.post(`/api/v1/accounts/${pooled[0]}/claim`)]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 404]);
    const log = (await ok(mgr.get(`/api/v1/accounts/${pooled[0]}/owner-log`))).data;
    expect(log.filter((l: any) => l.action === 'claim')).toHaveLength(1);
    const rep = race[0].statusCode === 200 ? org.eastRep2.client : org.eastRep1.client;
    const burst = await Promise.all(pooled.slice(1).map((id) => rep.post(`/api/v1/accounts/${id}/claim`)));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([200, 200, 409]);
  });
});
