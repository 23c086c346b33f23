import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, DAY, ok, salesOrg } from './sales-fixtures.js';

const opt = (value: string, zh: string, en: string) => ({ value, label: { 'zh-CN': zh, 'en-US': en } });

describe.skipIf(SKIP)('sales: follow-ups, tasks, today list and meeting invites', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('a follow-up sets the customer\'s last contact (also through a contact or opportunity); deleting it takes it back', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const acc = await create(rep, 'accounts', { name: 'Acme' });
    const con = await create(rep, 'contacts', { name: 'Ann', accountId: acc.id });
    const opp = await create(rep, 'opportunities', { name: 'Deal', accountId: acc.id });
    const t1 = new Date(Date.now() - 3 * DAY).toISOString();
    const t2 = new Date(Date.now() - DAY).toISOString();
    const f1 = await create(rep, 'activities', { name: 'Call', type: 'call', contactId: con.id, occurredAt: t1 });
    expect(f1.accountId).toBe(acc.id);
    expect((await ok(rep.get(`/api/v1/accounts/${acc.id}`))).lastContactAt).toBe(t1);
    const f2 = await create(rep, 'activities', { name: 'Visit', type: 'visit', opportunityId: opp.id, occurredAt: t2 });
    expect(f2.accountId).toBe(acc.id);
    expect((await ok(rep.get(`/api/v1/accounts/${acc.id}`))).lastContactAt).toBe(t2);
    await ok(rep.delete(`/api/v1/activities/${f2.id}`), 204);
    expect((await ok(rep.get(`/api/v1/accounts/${acc.id}`))).lastContactAt).toBe(t1);
    await ok(rep.post(`/api/v1/activities/${f2.id}/restore`));
    expect((await ok(rep.get(`/api/v1/accounts/${acc.id}`))).lastContactAt).toBe(t2);
    expect((await rep.patch(`/api/v1/accounts/${acc.id}`, { lastContactAt: t1 })).json().errors[0].code).toBe('field.readonly');
  });

  it('follow-up types are configurable through the field options', async () => {
    const org = await salesOrg(env);
    const field = await ok(org.admin.get('/api/v1/metadata/objects/activities'));
    const typeField = field.fields.find((f: any) => f.apiName === 'type');
    const options = typeField.options.options.map((o: any) => (o.value === 'wechat' ? { ...o, disabled: true } : o));
    await ok(org.admin.patch('/api/v1/metadata/objects/activities/fields/type', { options: [...options, opt('training', '培训', 'Training')] }));
    expect((await create(org.eastRep1.client, 'activities', { name: 'Workshop', type: 'training' })).type).toBe('training');
    expect((await org.eastRep1.client.post('/api/v1/activities', { name: 'Chat', type: 'wechat' })).json().errors[0]).toMatchObject({ field: 'type', code: 'field.option' });
  });

  it('next-contact dates become today\'s follow-ups until the next follow-up; tasks overdue and due today', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep2.client;
    const acc = await create(rep, 'accounts', { name: 'Remind me' });
    const other = await create(rep, 'accounts', { name: 'Other' });
    const past = new Date(Date.now() - 2 * DAY).toISOString();
    const due = await create(rep, 'activities', { name: 'First call', type: 'call', accountId: acc.id, occurredAt: past, nextContactAt: new Date(Date.now() - 60_000).toISOString() });
    const later = await create(rep, 'activities', { name: 'Later', type: 'call', accountId: other.id, occurredAt: past, nextContactAt: new Date(Date.now() + 3 * DAY).toISOString() });
    await create(org.eastRep1.client, 'activities', { name: 'Not mine', type: 'call', occurredAt: past, nextContactAt: past });
    const overdue = await create(rep, 'tasks', { name: 'Send quote', dueAt: new Date(Date.now() - DAY).toISOString(), accountId: acc.id });
    await create(rep, 'tasks', { name: 'Done already', dueAt: new Date(Date.now() - DAY).toISOString(), status: 'done' });
    let today = await ok(rep.get('/api/v1/sales/today'));
    expect(today.sections.followUpsDue.map((i: any) => i.id)).toEqual([due.id]);
    expect(today.sections.followUpsDue[0]).toMatchObject({ object: 'activities', accountId: acc.id });
    expect(today.sections.overdueTasks.map((i: any) => i.id)).toEqual([overdue.id]);
    expect(today.sections).toMatchObject({ contractsExpiring: [], paymentsDue: [] });
    expect(today.timeZone).toBeTruthy();
    await create(rep, 'activities', { name: 'Second call', type: 'call', accountId: acc.id, occurredAt: new Date(Date.now() - 1000).toISOString() });
    expect((await ok(rep.get(`/api/v1/activities/${due.id}`))).nextContactDone).toBe(true);
    expect((await ok(rep.get(`/api/v1/activities/${later.id}`))).nextContactDone).toBe(false);
    await ok(rep.patch(`/api/v1/tasks/${overdue.id}`, { status: 'done' }));
    today = await ok(rep.get('/api/v1/sales/today'));
    expect(today.sections.followUpsDue).toEqual([]);
    expect(today.sections.overdueTasks).toEqual([]);
  });

  it('lists contracts expiring and payments due from the finance side in the owner\'s today list', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const acc = await create(rep, 'accounts', { name: 'Contracted' });
    const end = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const start = new Date(Date.now() - 100 * DAY).toISOString().slice(0, 10);
    const contract = await create(rep, 'contracts', { name: 'Annual', accountId: acc.id, startDate: start, endDate: end, amount: '1000', status: 'active' });
    const plan = await create(rep, 'paymentPlans', { name: 'First instalment', contractId: contract.id, dueDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10), amount: '500' });
    await create(org.eastRep2.client, 'contracts', { name: 'Not mine', startDate: start, endDate: end, amount: '1', status: 'active' });
    const today = await ok(rep.get('/api/v1/sales/today'));
    expect(today.sections.contractsExpiring).toEqual([expect.objectContaining({ object: 'contracts', id: contract.id, at: end })]);
    expect(today.sections.paymentsDue).toEqual([expect.objectContaining({ object: 'paymentPlans', id: plan.id, overdue: false })]);
  });

  it('a manager\'s own expiring contract is listed however many of the team\'s expire first', async () => {
    const org = await salesOrg(env);
    const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
    const records = Array.from({ length: 501 }, (_, i) => ({ name: `Team contract ${i}`, startDate: day(-100), endDate: day(3), amount: '1', status: 'active' }));
    expect((await ok(org.eastRep2.client.post('/api/v1/contracts/bulk', { op: 'create', records }))).data).toHaveLength(501);
    const own = await create(org.eastMgr.client, 'contracts', { name: 'Mine', startDate: day(-100), endDate: day(10), amount: '5', status: 'active' });
    const today = await ok(org.eastMgr.client.get('/api/v1/sales/today'));
    expect(today.sections.contractsExpiring.map((c: any) => c.id)).toEqual([own.id]);
  });

  it('downloads a meeting as an iCalendar invitation', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const acc = await create(rep, 'accounts', { name: '上海星辰科技' });
    const con = await create(rep, 'contacts', { name: '李娜', accountId: acc.id, email: 'lina@xingchen.example' });
    const meeting = await create(rep, 'activities', {
      name: '方案评审会议; review, part 1', type: 'meeting', contactId: con.id, occurredAt: '2026-12-01T06:00:00Z', endsAt: '2026-12-01T08:00:00Z',
      location: '浦东新区张江路 88 号', content: '议程：演示\n报价',
    });
    const res = await rep.get(`/api/v1/activities/${meeting.id}/ics`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.headers['content-disposition']).toContain(`meeting-${meeting.id}.ics`);
    const ics = res.body.replace(/\r\n[ \t]/g, '');
    for (const line of ['BEGIN:VCALENDAR', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'DTSTART:20261201T060000Z', 'DTEND:20261201T080000Z',
      'SUMMARY:方案评审会议\\; review\\, part 1', 'LOCATION:浦东新区张江路 88 号', 'DESCRIPTION:议程：演示\\n报价', 'END:VCALENDAR']) {
      expect(ics).toContain(line);
    }
    expect(ics).toMatch(/UID:.+@/);
    expect(ics).toMatch(/ORGANIZER;CN="?张伟"?:mailto:member/i);
    expect(ics).toMatch(/ATTENDEE;.*RSVP=TRUE;CN="?李娜"?:mailto:lina@xingchen\.example/i);
    expect(res.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const call = await create(rep, 'activities', { name: 'Call', type: 'call' });
    expect((await rep.get(`/api/v1/activities/${call.id}/ics`)).json().code).toBe('sales.ics.notMeeting');
    expect((await org.eastRep2.client.get(`/api/v1/activities/${meeting.id}/ics`)).statusCode).toBe(404);
  });
});
