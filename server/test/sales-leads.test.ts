import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';
import { count, create, ok, salesOrg } from './sales-fixtures.js';
import { startAndWait, upload } from './dataio-fixtures.js';

describe.skipIf(SKIP)('sales: leads', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('captures leads through the API with statuses and required lost reasons; converted only by conversion', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const lead = await create(rep, 'leads', { name: '周杰', company: '南京紫金物流', mobile: '13912345001', source: 'web', region: '江苏' });
    expect(lead).toMatchObject({ status: 'new', ownerId: org.eastRep1.id });
    await ok(rep.patch(`/api/v1/leads/${lead.id}`, { status: 'working' }));
    const lost = await rep.patch(`/api/v1/leads/${lead.id}`, { status: 'lost' });
    expect(lost.statusCode).toBe(422);
    expect(lost.json().errors[0]).toMatchObject({ field: 'lostReasonType', code: 'sales.lead.lostReasonRequired' });
    const conv = await rep.patch(`/api/v1/leads/${lead.id}`, { status: 'converted' });
    expect(conv.json().errors[0]).toMatchObject({ field: 'status', code: 'sales.lead.convertOnly' });
    expect((await ok(rep.patch(`/api/v1/leads/${lead.id}`, { status: 'lost', lostReasonType: 'noNeed', lostReason: '暂无预算' }))).status).toBe('lost');
    const bad = await rep.post('/api/v1/leads', { name: 'X', status: 'lost', lostReasonType: 'nonsense' });
    expect(bad.statusCode).toBe(422);
    expect((await ok(rep.post(`/api/v1/leads/${lead.id}/convert`, {}), 409)).code).toBe('sales.lead.isLost');
  });

  it('web form: JSON and form posts, honeypot, rule-based round-robin, rate limit, bad keys', async () => {
    const org = await salesOrg(env);
    const admin = org.admin;
    const rule = await ok(admin.post('/api/v1/sales/lead-rules', { name: 'East web', sources: ['web'], regions: ['江苏', '上海'], departmentId: org.depts.east, position: 0 }), 201);
    await ok(admin.post('/api/v1/sales/lead-rules', { name: 'Manufacturing', industries: ['manufacturing'], userIds: [org.westRep.id], position: 1 }), 201);
    expect((await admin.post('/api/v1/sales/lead-rules', { name: 'No team' })).json().errors[0].code).toBe('sales.leadRule.noTeam');
    const form = await ok(admin.post('/api/v1/sales/lead-forms', { name: 'Website', defaultOwnerId: org.eastMgr.id, defaultSource: 'web' }), 201);
    expect(form.key).toMatch(/^lf_[0-9a-f]{32}_/);
    const url = `/api/v1/public/lead-forms/${form.key}`;
    const submit = (payload: unknown, type = 'application/json') => env.app.inject({
      method: 'POST', url, headers: { 'content-type': type }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), remoteAddress: '203.0.113.7',
    });
    const a = await submit({ name: '吴磊', company: '苏州精密机械', mobile: '139 1234 5002', region: '江苏' });
    expect(a.statusCode, a.body).toBe(202);
    expect(a.headers['access-control-allow-origin']).toBe('*');
    const b = await submit('name=Wang+Fang&company=Shanghai+Co&province=%E4%B8%8A%E6%B5%B7&email=wf%40example.com', 'application/x-www-form-urlencoded');
    expect(b.statusCode, b.body).toBe(202);
    const bot = await submit({ name: 'Buy now', homepage: 'http://spam.example' });
    expect(bot.statusCode).toBe(202);
    const c = await submit({ name: 'Steel buyer', industry: 'manufacturing', region: 'Hebei' });
    expect(c.statusCode).toBe(202);
    const leads = (await ok(admin.get('/api/v1/leads?sort=createdAt'))).data;
    expect(leads.map((l: any) => l.name)).toEqual(['吴磊', 'Wang Fang', 'Steel buyer']);
    const eastTeam = [org.eastMgr.id, org.eastRep1.id, org.eastRep2.id].sort();
    expect(leads[0].ownerId).toBe(eastTeam[0]);
    expect(leads[1].ownerId).toBe(eastTeam[1]);
    expect(leads[1].address).toEqual({ province: '上海' });
    expect(leads[2].ownerId).toBe(org.westRep.id);
    expect(leads[0]).toMatchObject({ source: 'web', leadFormId: form.id, mobile: '139****5002' });
    expect((await ok(admin.get(`/api/v1/leads/${leads[0].id}?unmask=mobile`))).mobile).toBe('13912345002');
    expect((await ok(admin.get(`/api/v1/sales/lead-rules`))).data.find((r: any) => r.id === rule.id).lastUserId).toBe(eastTeam[1]);
    const invalid = await submit({ name: 'Bad', email: 'not-an-email' });
    expect(invalid.statusCode).toBe(422);
    const limited = await submit({ name: 'Sixth' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeTruthy();
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/public/lead-forms/lf_nope', payload: { name: 'x' } })).statusCode).toBe(404);
    const otherWs = form.key.replace(/^lf_[0-9a-f]{32}/, `lf_${'0'.repeat(32)}`);
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/public/lead-forms/${otherWs}`, payload: { name: 'x' } })).statusCode).toBe(404);
    await ok(admin.patch(`/api/v1/sales/lead-forms/${form.id}`, { active: false }));
    expect((await env.app.inject({ method: 'POST', url, payload: { name: 'x' }, remoteAddress: '203.0.113.8' })).statusCode).toBe(404);
    expect(await count(env, org.workspaceId, 'leads')).toBe(3);
    const pre = await env.app.inject({ method: 'OPTIONS', url });
    expect(pre.statusCode).toBe(204);
  });

  it('assigns a lead by rule or to a named owner; reps without transfer rights cannot', async () => {
    const org = await salesOrg(env);
    // Created with an owner named, the rules stay out of it; the assign action applies them later.
    const lead = await create(org.eastMgr.client, 'leads', { name: '刘洋', region: '四川', ownerId: org.eastMgr.id });
    await ok(org.admin.post('/api/v1/sales/lead-rules', { name: 'West', regions: ['四川'], userIds: [org.westRep.id] }), 201);
    expect((await ok(org.eastMgr.client.post(`/api/v1/leads/${lead.id}/assign`, {}))).ownerId).toBe(org.westRep.id);
    const other = await create(org.eastMgr.client, 'leads', { name: 'No rule', region: '西藏' });
    expect(other.ownerId).toBe(org.eastMgr.id);
    expect((await ok(org.eastMgr.client.post(`/api/v1/leads/${other.id}/assign`, {}), 409)).code).toBe('sales.lead.noRule');
    expect((await ok(org.eastMgr.client.post(`/api/v1/leads/${other.id}/assign`, { ownerId: org.eastRep2.id }))).ownerId).toBe(org.eastRep2.id);
    const own = await create(org.eastRep1.client, 'leads', { name: 'Mine' });
    expect((await org.eastRep1.client.post(`/api/v1/leads/${own.id}/assign`, { ownerId: org.eastRep2.id })).statusCode).toBe(403);
    expect((await org.eastRep1.client.post('/api/v1/sales/lead-rules', { name: 'x', userIds: [org.eastRep1.id] })).statusCode).toBe(403);
  });

  it('applies the assignment rules to leads created through the API, in bulk and by import when no owner is named', async () => {
    const org = await salesOrg(env);
    await ok(org.admin.post('/api/v1/sales/lead-rules', { name: 'Trade shows', sources: ['exhibition'], departmentId: org.depts.east, position: 0 }), 201);
    await ok(org.admin.post('/api/v1/sales/lead-rules', { name: 'Sichuan', regions: ['四川'], userIds: [org.westRep.id], position: 1 }), 201);
    await ok(org.admin.post('/api/v1/sales/lead-rules', { name: 'Healthcare', industries: ['healthcare'], userIds: [org.eastRep2.id], position: 2 }), 201);
    const eastTeam = [org.eastMgr.id, org.eastRep1.id, org.eastRep2.id].sort();
    const rep = org.eastRep1.client;

    // Round-robin within the team, by source; by region (the address's province counts); by industry.
    const shows = [];
    for (const name of ['展会一', '展会二', '展会三', '展会四']) shows.push(await create(rep, 'leads', { name, source: 'exhibition' }));
    expect(shows.map((l) => l.ownerId)).toEqual([...eastTeam, eastTeam[0]]);
    const sichuan = await create(rep, 'leads', { name: '成都客户', address: { province: '四川', city: '成都' } });
    expect(sichuan.ownerId).toBe(org.westRep.id);
    expect((await create(rep, 'leads', { name: 'Clinic', industry: 'healthcare' })).ownerId).toBe(org.eastRep2.id);
    // No rule matches: the creator keeps it. Naming an owner (the creator too) bypasses the rules.
    expect((await create(rep, 'leads', { name: 'Walk-in', source: 'other' })).ownerId).toBe(org.eastRep1.id);
    expect((await create(rep, 'leads', { name: 'My show lead', source: 'exhibition', ownerId: org.eastRep1.id })).ownerId).toBe(org.eastRep1.id);
    // The rep created the Sichuan lead but it is now the West rep's, out of the rep's reach; the history says who made it.
    expect((await rep.get(`/api/v1/leads/${sichuan.id}`)).statusCode).toBe(404);
    expect(await ok(org.westRep.client.get(`/api/v1/leads/${sichuan.id}`))).toMatchObject({ createdBy: org.eastRep1.id, ownerId: org.westRep.id });

    // Bulk create takes turns too, continuing where the API left off.
    const bulk = await ok(org.admin.post('/api/v1/leads/bulk', { op: 'create', records: [{ name: 'B1', source: 'exhibition' }, { name: 'B2', source: 'exhibition' }, { name: 'B3', region: '四川' }] }));
    expect(bulk.data.map((l: any) => l.ownerId)).toEqual([eastTeam[1], eastTeam[2], org.westRep.id]);

    // An import without an owner column goes through the rules; one with an owner column does not.
    const file = Buffer.from('姓名,来源,地区\n导入一,exhibition,\n导入二,exhibition,\n导入三,,四川\n');
    const up = (await upload(org.admin, 'leads', 'leads.csv', file)).json();
    const mapping = [{ field: 'name', columns: ['姓名'] }, { field: 'source', columns: ['来源'] }, { field: 'region', columns: ['地区'] }];
    const done = await startAndWait(org.admin, up.id, { mapping });
    expect(done).toMatchObject({ status: 'done', created: 3 });
    const imported = (await ok(org.admin.get('/api/v1/leads?limit=100'))).data.filter((l: any) => l.name.startsWith('导入'));
    const owners = Object.fromEntries(imported.map((l: any) => [l.name, l.ownerId]));
    expect(owners).toEqual({ 导入一: eastTeam[0], 导入二: eastTeam[1], 导入三: org.westRep.id });
  });

  it('converts a lead into account, contact and opportunity in one go, history and follow-ups carried over', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const lead = await create(rep, 'leads', { name: '王强', company: '杭州云帆零售', mobile: '13634567890', email: 'wq@yunfan.example', industry: 'retail', source: 'web' });
    await create(rep, 'activities', { name: '初次电话', type: 'call', leadId: lead.id, occurredAt: new Date(Date.now() - 3_600_000).toISOString() });
    const res = await ok(rep.post(`/api/v1/leads/${lead.id}/convert`, { opportunity: { name: '门店 CRM', amount: '120000', expectedCloseDate: '2026-12-31' } }));
    expect(res).toEqual({ accountId: expect.any(String), contactId: expect.any(String), opportunityId: expect.any(String) });
    const acc = await ok(rep.get(`/api/v1/accounts/${res.accountId}`));
    expect(acc).toMatchObject({ name: '杭州云帆零售', industry: 'retail', source: 'web', phone: '13634567890', ownerId: org.eastRep1.id });
    expect(acc.lastContactAt).toBeTruthy();
    expect(await ok(rep.get(`/api/v1/contacts/${res.contactId}`))).toMatchObject({ name: '王强', accountId: res.accountId, email: 'wq@yunfan.example' });
    expect(await ok(rep.get(`/api/v1/opportunities/${res.opportunityId}`))).toMatchObject({ accountId: res.accountId, contactId: res.contactId, amount: '120000.00', stage: 'qualification' });
    const after = await ok(rep.get(`/api/v1/leads/${lead.id}`));
    expect(after).toMatchObject({ status: 'converted', convertedAccountId: res.accountId, convertedContactId: res.contactId, convertedOpportunityId: res.opportunityId });
    expect((await rep.patch(`/api/v1/leads/${lead.id}`, { name: 'changed' })).statusCode).toBe(409);
    expect((await ok(rep.post(`/api/v1/leads/${lead.id}/convert`, {}), 409)).code).toBe('sales.lead.alreadyConverted');
    const tl = await ok(rep.get(`/api/v1/accounts/${res.accountId}/timeline`));
    expect(tl.data.map((i: any) => i.kind)).toEqual(expect.arrayContaining(['activity', 'record', 'change']));
    expect((await ok(org.eastMgr.client.post(`/api/v1/leads/${lead.id}/transfer`, { ownerId: org.eastRep2.id }))).ownerId).toBe(org.eastRep2.id);
  });

  it('offers existing matches instead of duplicates, then uses the chosen ones or creates new on request', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const acc = await create(rep, 'accounts', { name: '北京华信制造', phone: '010-62345678' });
    const con = await create(rep, 'contacts', { name: '赵敏', accountId: acc.id, mobile: '13745678901' });
    const hidden = await create(org.westRep.client, 'accounts', { name: '北京华信制造', description: 'West secret' });
    const lead = await create(rep, 'leads', { name: '赵敏', company: ' 北京华信制造 ', mobile: '+86 137 4567 8901' });
    const m = await ok(rep.get(`/api/v1/leads/${lead.id}/matches`));
    expect(m.accounts).toEqual([{ id: acc.id, name: '北京华信制造', ownerId: org.eastRep1.id, matchedOn: ['name'] }]);
    expect(m.contacts).toEqual([expect.objectContaining({ id: con.id, matchedOn: ['phone'] })]);
    // Another department's customer: only that it exists and who owns it, never its id or details.
    expect(m.hidden).toEqual([{ object: 'accounts', ownerName: 'West Rep' }]);
    expect(JSON.stringify(m)).not.toContain(hidden.id);
    rep.lang = 'zh-CN';
    const dup = await rep.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors.map((e: any) => [e.field, e.code, e.params?.id])).toEqual([
      ['accountId', 'sales.lead.matchingAccount', acc.id], ['contactId', 'sales.lead.matchingContact', con.id],
      ['accountId', 'sales.lead.matchingHiddenAccount', undefined],
    ]);
    expect(dup.json().errors[0].message).toContain('北京华信制造');
    expect(dup.json().errors[2].message).toBe('已存在匹配的客户，负责人为 West Rep（您无权查看该客户）。');
    expect(dup.body).not.toContain(hidden.id);
    expect(dup.body).not.toContain('West secret');
    // The administrator sees every match with its id, so nothing is hidden from them.
    const all = await ok(org.admin.get(`/api/v1/leads/${lead.id}/matches`));
    expect(all.accounts.map((a: any) => a.id).sort()).toEqual([acc.id, hidden.id].sort());
    expect(all.hidden).toEqual([]);
    // A match in a pool the rep cannot browse names no owner.
    const pool = await ok(org.admin.post('/api/v1/sales/pools', { name: 'West pool', departmentIds: [org.depts.west] }), 201);
    await ok(org.westRep.client.post(`/api/v1/accounts/${hidden.id}/release`, { reason: 'no budget', poolId: pool.id }));
    rep.lang = 'en-US';
    expect((await ok(rep.get(`/api/v1/leads/${lead.id}/matches`))).hidden).toEqual([{ object: 'accounts', ownerName: null }]);
    expect((await rep.post(`/api/v1/leads/${lead.id}/convert`, {})).json().errors[2].message).toBe('A matching account exists in a public pool you cannot see.');
    const used = await ok(rep.post(`/api/v1/leads/${lead.id}/convert`, { accountId: acc.id, contactId: con.id }));
    expect(used).toEqual({ accountId: acc.id, contactId: con.id, opportunityId: null });
    expect(await count(env, org.workspaceId, 'accounts')).toBe(2);
    const lead2 = await create(rep, 'leads', { name: '赵敏', company: '北京华信制造' });
    const fresh = await ok(rep.post(`/api/v1/leads/${lead2.id}/convert`, { ignoreDuplicates: true }));
    expect(fresh.accountId).not.toBe(acc.id);
  });

  it('a conversion that fails half-way leaves nothing behind', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    const lead = await create(rep, 'leads', { name: 'Emma Wilson', company: 'Fabrikam Inc.', email: 'emma@fabrikam.example' });
    const before = { accounts: await count(env, org.workspaceId, 'accounts'), contacts: await count(env, org.workspaceId, 'contacts'), history: await count(env, org.workspaceId, 'record_history') };
    const res = await rep.post(`/api/v1/leads/${lead.id}/convert`, { opportunity: { name: 'Deal', stage: 'no-such-stage' }, contact: { title: 'Buyer' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'opportunity.stage' });
    const res2 = await rep.post(`/api/v1/leads/${lead.id}/convert`, { opportunity: { name: 'Deal', amount: 'lots' } });
    expect(res2.json().errors[0]).toMatchObject({ field: 'opportunity.amount', code: 'field.type.number' });
    const res3 = await rep.post(`/api/v1/leads/${lead.id}/convert`, { contact: { email: 'broken' } });
    expect(res3.json().errors[0].field).toBe('contact.email');
    expect(await count(env, org.workspaceId, 'accounts')).toBe(before.accounts);
    expect(await count(env, org.workspaceId, 'contacts')).toBe(before.contacts);
    expect(await count(env, org.workspaceId, 'opportunities')).toBe(0);
    expect(await count(env, org.workspaceId, 'record_history')).toBe(before.history);
    expect((await ok(rep.get(`/api/v1/leads/${lead.id}`))).status).toBe('new');
    const other = await create(org.eastRep2.client, 'leads', { name: 'Not yours' });
    expect((await rep.post(`/api/v1/leads/${other.id}/convert`, {})).statusCode).toBe(404);
  });
});
