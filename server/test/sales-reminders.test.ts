import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { runPoolReclaim } from '../src/modules/sales/index.js';
import { addDays, isoDay } from '../src/modules/sales/finance-time.js';
import { FINANCE_OVERDUE_JOB } from '../src/modules/sales/payment-plans-overdue.job.js';
import { POOL_RECLAIM_JOB } from '../src/modules/sales/pool-reclaim.job.js';
import { REMINDERS_JOB, runReminders } from '../src/platform/notifications/reminders.job.js';
import { createUser, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';
import { startTestJobs, waitFor } from './jobs-helpers.js';
import { ageAccount, count, create, DAY, ok, salesOrg } from './sales-fixtures.js';

/** The caller's notifications (all pages' worth for these small tests). */
async function inbox(client: Client, lang?: string): Promise<any> {
  return ok(client.get('/api/v1/notifications?limit=100', lang === undefined ? undefined : { 'accept-language': lang }));
}
const kinds = (list: any[]) => list.map((n) => n.kind);
/** Workspaces made by newWorkspace (en-US) keep UTC as their calendar. */
const WS_TZ = 'UTC';

describe.skipIf(SKIP)('sales: reminders become in-app notifications (simulated clock)', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('a next-contact date becomes a reminder to the follow-up\'s owner when it comes, once, in their language and time zone', async () => {
    const org = await salesOrg(env);
    const zh = await createUser(env, org, { departmentId: org.depts.east, name: '陈静', locale: 'zh-CN' });
    await ok(zh.client.patch('/api/v1/me/profile', { timeZone: 'Asia/Shanghai' }));
    const acc = await create(zh.client, 'accounts', { name: '成都天府软件' });
    const t0 = Date.now();
    const next = new Date(t0 + 2 * 3_600_000);
    next.setUTCSeconds(0, 0);
    const f = await create(zh.client, 'activities', { name: '电话回访', type: 'call', accountId: acc.id, occurredAt: new Date(t0 - DAY).toISOString(), nextContactAt: next.toISOString() });
    const done = await create(zh.client, 'activities', { name: 'Settled', type: 'call', occurredAt: new Date(t0 - DAY).toISOString(), nextContactAt: next.toISOString(), nextContactDone: true });
    await create(org.eastRep2.client, 'activities', { name: 'Not hers', type: 'call', occurredAt: new Date(t0 - DAY).toISOString(), nextContactAt: next.toISOString() });

    expect(await runReminders(env.db, org.workspaceId, new Date(t0 + 3_600_000))).toEqual({ created: {} });
    expect((await inbox(zh.client)).unreadCount).toBe(0);
    expect(await runReminders(env.db, org.workspaceId, new Date(t0 + 3 * 3_600_000))).toEqual({ created: { 'sales.followUpDue': 2 } });
    // The job runs every quarter of an hour: later passes send nothing twice.
    expect(await runReminders(env.db, org.workspaceId, new Date(t0 + 3 * 3_600_000 + 15 * 60_000))).toEqual({ created: {} });
    expect(await runReminders(env.db, org.workspaceId, new Date(t0 + 30 * 3_600_000))).toEqual({ created: {} });

    // Rendered when read: her profile language without an Accept-Language header, the header's otherwise.
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(next);
    const mine = await inbox(zh.client, '');
    expect(mine.unreadCount).toBe(1);
    expect(mine.data).toEqual([expect.objectContaining({
      kind: 'sales.followUpDue', object: 'activities', recordId: f.id, readAt: null,
      title: '跟进提醒：电话回访', body: `您计划在 ${local} 再次联系，请及时跟进。`, params: { name: '电话回访', dueAt: next.toISOString() },
    })]);
    expect((await inbox(zh.client, 'en-US')).data[0]).toMatchObject({ title: 'Follow-up due: 电话回访', body: `You planned to get back in touch by ${local}.` });
    expect(kinds((await inbox(org.eastRep2.client)).data)).toEqual(['sales.followUpDue']);
    expect((await inbox(org.eastRep1.client)).data).toEqual([]);
    expect((await inbox(zh.client)).data.map((n: any) => n.recordId)).not.toContain(done.id);

    // A new date is a new reminder; a later follow-up with the customer settles the pending one.
    const later = new Date(t0 + 5 * DAY);
    await ok(zh.client.patch(`/api/v1/activities/${f.id}`, { nextContactAt: later.toISOString() }));
    expect(await runReminders(env.db, org.workspaceId, new Date(t0 + 5 * DAY + 60_000))).toEqual({ created: { 'sales.followUpDue': 1 } });
    const f2 = await create(zh.client, 'activities', { name: '第二次', type: 'call', accountId: acc.id, occurredAt: new Date(t0 - 1000).toISOString(), nextContactAt: new Date(t0 + 6 * DAY).toISOString() });
    await create(zh.client, 'activities', { name: '拜访', type: 'visit', accountId: acc.id, occurredAt: new Date(t0 - 500).toISOString() });
    expect((await ok(zh.client.get(`/api/v1/activities/${f2.id}`))).nextContactDone).toBe(true);
    expect(await runReminders(env.db, org.workspaceId, new Date(t0 + 6 * DAY + 60_000))).toEqual({ created: {} });
    expect((await inbox(zh.client)).unreadCount).toBe(2);
  });

  it('contract expiry and payment-plan reminders N days ahead, then overdue; each once per record and date', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const t0 = Date.now();
    const today = isoDay(new Date(t0), WS_TZ);
    const acc = await create(rep, 'accounts', { name: 'Contoso' });
    const contract = await create(rep, 'contracts', {
      name: 'Annual support', accountId: acc.id, startDate: addDays(today, -300), endDate: addDays(today, 40), amount: '3000', status: 'active',
    });
    const short = await create(rep, 'contracts', { name: 'Pilot', startDate: addDays(today, -10), endDate: addDays(today, 12), amount: '100', status: 'active', remindDays: 10 });
    await create(rep, 'contracts', { name: 'Draft only', startDate: today, endDate: addDays(today, 5), amount: '1' });
    const plan = await create(rep, 'paymentPlans', { name: 'Instalment 1', contractId: contract.id, dueDate: addDays(today, 20), amount: '1000.00', remindDays: 5 });
    const paid = await create(rep, 'paymentPlans', { name: 'Instalment 0', contractId: contract.id, dueDate: addDays(today, 3), amount: '200.00' });
    await ok(rep.post('/api/v1/payments', { name: 'Paid in full', contractId: contract.id, paymentPlanId: paid.id, amount: '200.00', receivedDate: today }), 201);
    await ok(rep.post('/api/v1/payments', { name: 'Part', contractId: contract.id, paymentPlanId: plan.id, amount: '250.00', receivedDate: today }), 201);

    const at = (days: number) => new Date(t0 + days * DAY);
    expect(await runReminders(env.db, org.workspaceId, at(0))).toEqual({ created: {} });
    expect(await runReminders(env.db, org.workspaceId, at(2))).toEqual({ created: { 'sales.contractExpiring': 1 } });
    expect(await runReminders(env.db, org.workspaceId, at(11))).toEqual({ created: { 'sales.contractExpiring': 1 } });
    expect(await runReminders(env.db, org.workspaceId, at(15))).toEqual({ created: { 'sales.paymentDue': 1 } });
    expect(await runReminders(env.db, org.workspaceId, at(16))).toEqual({ created: {} });
    expect(await runReminders(env.db, org.workspaceId, at(21))).toEqual({ created: { 'sales.paymentOverdue': 1 } });
    expect(await runReminders(env.db, org.workspaceId, at(22))).toEqual({ created: {} });

    const list = (await inbox(rep)).data;
    expect(list.map((n: any) => [n.kind, n.recordId])).toEqual([
      ['sales.paymentOverdue', plan.id], ['sales.paymentDue', plan.id], ['sales.contractExpiring', contract.id], ['sales.contractExpiring', short.id],
    ]);
    expect(list[3]).toMatchObject({ object: 'contracts', params: { daysLeft: 10, endDate: addDays(today, 12) }, title: 'Contract expiring: Pilot' });
    expect(list[2].body).toBe(`Contract ${contract.number} ends on ${addDays(today, 40)} (29 days left). Time to talk about renewal.`);
    expect(list[1]).toMatchObject({ object: 'paymentPlans', params: { daysLeft: 5, amount: '1000.00', paidAmount: '250.00', currency: 'CNY' } });
    expect(list[1].body).toBe(`1000.00 CNY is due on ${addDays(today, 20)} (5 days left; 250.00 received so far).`);
    expect(list[0].title).toBe('Payment overdue: Instalment 1');
    expect(list[0].params.daysOverdue).toBe(1);
    rep.lang = 'zh-CN';
    expect((await inbox(rep)).data[0].body).toBe(`应于 ${addDays(today, 20)} 回款 1000.00 CNY，已逾期 1 天（已回款 250.00）。`);
    // Nobody else hears of them.
    expect((await inbox(org.eastMgr.client)).data).toEqual([]);

    // A new end date is a new reminder; a terminated contract's instalments remind no more.
    await ok(rep.patch(`/api/v1/contracts/${contract.id}`, { endDate: addDays(today, 60) }));
    expect(await runReminders(env.db, org.workspaceId, at(40))).toEqual({ created: { 'sales.contractExpiring': 1 } });
    const plan2 = await create(rep, 'paymentPlans', { name: 'Pilot fee', contractId: short.id, dueDate: addDays(today, 45), amount: '100.00' });
    await ok(rep.patch(`/api/v1/contracts/${short.id}`, { status: 'terminated' }));
    expect(await runReminders(env.db, org.workspaceId, at(44))).toEqual({ created: {} });
    expect(await count(env, org.workspaceId, 'notifications')).toBe(5);
    expect(plan2.status).toBe('pending');
  });

  it('the pool job warns owners before a reclaim and tells them after it, once each', async () => {
    const org = await salesOrg(env);
    await ok(org.admin.post('/api/v1/sales/pools', { name: '华东公海', departmentIds: [org.depts.east], warnDays: 5, rules: [{ level: null, noFollowUpDays: 30 }] }), 201);
    const rep = org.eastRep1.client;
    const acc = await create(rep, 'accounts', { name: '无锡宏达' });
    const locked = await create(rep, 'accounts', { name: 'Locked' });
    await ok(rep.post(`/api/v1/accounts/${locked.id}/lock`));
    await ageAccount(env, org.workspaceId, acc.id, 1);
    await ageAccount(env, org.workspaceId, locked.id, 1);
    const t0 = Date.now();
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 26 * DAY))).warned).toEqual([acc.id]);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 27 * DAY))).warned).toEqual([]);
    let list = (await inbox(rep)).data;
    expect(list).toEqual([expect.objectContaining({ kind: 'sales.reclaimWarning', object: 'accounts', recordId: acc.id, title: 'Customer about to return to the pool: 无锡宏达' })]);
    expect(list[0].params.daysLeft).toBe(3);
    expect(list[0].body).toMatch(/^Without a follow-up, this customer goes back to the public pool on \d{4}-\d{2}-\d{2} \(3 days left\)\.$/);
    expect((await runPoolReclaim(env.db, org.workspaceId, new Date(t0 + 30 * DAY))).reclaimed).toEqual([acc.id]);
    list = (await inbox(rep)).data;
    expect(kinds(list)).toEqual(['sales.reclaimed', 'sales.reclaimWarning']);
    expect(list[0].body).toBe('Under the reclaim rules, this customer went back to the public pool "华东公海".');
    expect((await inbox(org.eastRep2.client)).data).toEqual([]);
  });

  it('reminds only active users whose roles still let them read the record', async () => {
    const org = await salesOrg(env);
    const role = await ok(org.admin.post('/api/v1/roles', { name: 'Follow-ups only', permissions: { activities: { read: 'own', create: 'own', update: 'own' } } }), 201);
    const limited = await createUser(env, org, { roleIds: [role.id], departmentId: org.depts.east });
    const leaving = await createUser(env, org, { departmentId: org.depts.east });
    const today = isoDay(new Date(), WS_TZ);
    for (const owner of [limited.id, leaving.id]) {
      await create(org.admin, 'contracts', { name: `Expiring of ${owner}`, ownerId: owner, startDate: addDays(today, -30), endDate: addDays(today, 3), amount: '10', status: 'active' });
    }
    await create(limited.client, 'activities', { name: 'Call back', type: 'call', nextContactAt: new Date(Date.now() - 60_000).toISOString() });
    await ok(org.admin.patch(`/api/v1/users/${leaving.id}`, { status: 'inactive' }));
    expect(await runReminders(env.db, org.workspaceId, new Date())).toEqual({ created: { 'sales.followUpDue': 1 } });
    expect(kinds((await inbox(limited.client)).data)).toEqual(['sales.followUpDue']);
  });

  it('the scheduled jobs do it for real: nightly reclaim, daily overdue marking and the reminders pass', async () => {
    const tj = await startTestJobs(env);
    try {
      const org = await salesOrg(env);
      tj.scope.add(org.workspaceId);
      await ok(org.admin.post('/api/v1/sales/pools', { name: 'P', departmentIds: [org.depts.east], rules: [{ level: null, noFollowUpDays: 30 }] }), 201);
      const rep = org.eastRep1.client;
      const idle = await create(rep, 'accounts', { name: 'Idle for long' });
      await ageAccount(env, org.workspaceId, idle.id, 31);
      const today = isoDay(new Date(), WS_TZ);
      const contract = await create(rep, 'contracts', { name: 'Running', startDate: addDays(today, -60), endDate: addDays(today, 300), amount: '500', status: 'active' });
      const plan = await create(rep, 'paymentPlans', { name: 'Late instalment', contractId: contract.id, dueDate: addDays(today, 20), amount: '500.00' });
      expect(plan.status).toBe('pending');
      // Fixture set-up only: the due date passes as if three weeks went by.
      await withTenant(env.db, org.workspaceId, (trx) => sql`update payment_plans set due_date = ${addDays(today, -2)}::date
        where workspace_id = ${org.workspaceId}::uuid and id = ${plan.id}::uuid`.execute(trx));

      for (const job of [POOL_RECLAIM_JOB, FINANCE_OVERDUE_JOB, REMINDERS_JOB]) expect(await tj.jobs.send(job, { workspaceId: org.workspaceId })).toBeTruthy();
      await waitFor(async () => (await ok(org.admin.get(`/api/v1/accounts/${idle.id}`))).ownerId === null);
      await waitFor(async () => (await ok(rep.get(`/api/v1/paymentPlans/${plan.id}`))).status === 'overdue');
      const list = await waitFor(async () => {
        const data = (await inbox(rep)).data;
        return data.length >= 2 && data;
      });
      expect(kinds(list).sort()).toEqual(['sales.paymentOverdue', 'sales.reclaimed']);
      expect(tj.errors).toEqual([]);
    } finally {
      await tj.stop();
    }
  });
});
