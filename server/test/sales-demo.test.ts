import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPoolReclaim, seedFinanceDemo, seedSalesDemo } from '../src/modules/sales/index.js';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { ok, salesOrg } from './sales-fixtures.js';

describe.skipIf(SKIP)('sales demo data', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('seeds a consistent sales workspace that the finance demo builds on', async () => {
    const org = await salesOrg(env);
    const users = [
      { id: org.adminId, departmentId: org.depts.root, role: 'admin' },
      { id: org.eastMgr.id, departmentId: org.depts.east, role: 'manager' },
      { id: org.eastRep1.id, departmentId: org.depts.east, role: 'rep' },
      { id: org.eastRep2.id, departmentId: org.depts.east, role: 'rep' },
      { id: org.westRep.id, departmentId: org.depts.west, role: 'rep' },
    ];
    await seedSalesDemo(env.db, org.workspaceId, users);
    const all = async (object: string) => (await ok(org.admin.get(`/api/v1/${object}?limit=200`))).data as Record<string, any>[];
    const accounts = await all('accounts');
    expect(accounts).toHaveLength(8);
    expect(accounts.filter((a) => a.poolId && a.ownerId === null)).toHaveLength(2);
    expect(accounts.filter((a) => a.creditCode).length).toBeGreaterThanOrEqual(4);
    expect(await all('contacts')).toHaveLength(8);
    expect((await all('leads')).map((l) => l.status).sort()).toEqual(['lost', 'new', 'new', 'new', 'working', 'working']);
    const opps = await all('opportunities');
    expect(opps.map((o) => o.status).sort()).toEqual(['lost', 'open', 'open', 'open', 'open', 'won']);
    expect(opps.every((o) => o.pipelineId)).toBe(true);
    expect((await ok(org.admin.get('/api/v1/sales/pipelines'))).data).toHaveLength(2);
    expect((await ok(org.admin.get('/api/v1/sales/pools'))).data).toHaveLength(1);
    expect((await ok(org.admin.get('/api/v1/sales/lead-forms'))).data).toHaveLength(1);
    expect((await ok(org.admin.get('/api/v1/sales/lead-rules'))).data).toHaveLength(2);
    const meeting = (await all('activities')).find((a) => a.type === 'meeting')!;
    expect((await org.admin.get(`/api/v1/activities/${meeting.id}/ics`)).statusCode).toBe(200);
    const today = await ok(org.eastRep1.client.get('/api/v1/sales/today'));
    expect(today.sections.followUpsDue.length + today.sections.overdueTasks.length).toBeGreaterThan(0);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date())).reclaimed).toEqual([]);
    await seedFinanceDemo(env.db, org.workspaceId, users);
    expect((await all('quotes')).some((q) => accounts.some((a) => a.id === q.accountId))).toBe(true);
  });
});
