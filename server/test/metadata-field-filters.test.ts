import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, newWorkspace, signIn, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { addField, createMember, filterQuery } from './metadata-support.js';

const opt = (value: string) => ({ value, label: { 'zh-CN': value, 'en-US': value } });
const FILE_ID = '0190a5b0-0000-7000-8000-0000000000ff';

describe.skipIf(SKIP)('metadata: filtering by custom fields', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('a new field works at once on every node: write it, then filter by it', async () => {
    const w = await newWorkspace(env);
    // A second node with its own metadata cache (PostgreSQL only: an in-memory PGlite is one process).
    const node2 = ENGINE === 'postgres' ? await startTestApp() : env;
    try {
      const other = await signIn(node2.app, w.adminEmail);
      expect((await other.get('/api/v1/accounts')).statusCode).toBe(200); // warms node 2's cache
      await addField(w.admin, 'accounts', { apiName: 'score', type: 'number', filterable: true });
      const created = await other.post('/api/v1/accounts', { name: 'Hot', score: 90 });
      expect(created.statusCode, created.body).toBe(201);
      await other.post('/api/v1/accounts', { name: 'Cold', score: 10 });
      const hot = await other.get(`/api/v1/accounts?${filterQuery({ field: 'score', op: 'gte', value: 50 })}`);
      expect(hot.statusCode, hot.body).toBe(200);
      expect(hot.json().data.map((r: any) => r.name)).toEqual(['Hot']);
      const sorted = await other.get('/api/v1/accounts?sort=score');
      expect(sorted.json().data.map((r: any) => r.name)).toEqual(['Cold', 'Hot']);
      expect((await w.admin.delete('/api/v1/metadata/objects/accounts/fields/score')).statusCode).toBe(204);
      const gone = await other.post('/api/v1/accounts', { name: 'Late', score: 1 });
      expect(gone.json().errors[0]).toMatchObject({ field: 'score', code: 'field.unknown' });
    } finally {
      if (node2 !== env) await node2.close();
    }
  });

  it('filters by a custom field of every filterable type with each operator it advertises', async () => {
    const w = await newWorkspace(env);
    const admin = w.admin;
    const member = await createMember(env, w, w.roleIds.rep);
    const contact = (await admin.post('/api/v1/contacts', { name: '王芳' })).json();
    const defs: Record<string, unknown>[] = [
      { apiName: 'code', type: 'text' }, { apiName: 'notes', type: 'longText' }, { apiName: 'intro', type: 'richText' },
      { apiName: 'seats', type: 'number', options: { scale: 0 } }, { apiName: 'budget', type: 'currency' }, { apiName: 'share', type: 'percent' },
      { apiName: 'signedOn', type: 'date' }, { apiName: 'meetAt', type: 'datetime' }, { apiName: 'vip', type: 'boolean' },
      { apiName: 'tier', type: 'select', options: [opt('gold'), opt('silver')] },
      { apiName: 'regions', type: 'multiSelect', options: [opt('north'), opt('south')] },
      { apiName: 'hotline', type: 'phone' }, { apiName: 'billingEmail', type: 'email' }, { apiName: 'homepage', type: 'url' },
      { apiName: 'office', type: 'address' }, { apiName: 'reviewer', type: 'user' }, { apiName: 'team', type: 'department' },
      { apiName: 'person', type: 'relation', options: { target: 'contacts' } }, { apiName: 'scan', type: 'file' },
      { apiName: 'serial', type: 'autoNumber', options: { prefix: 'S-', digits: 4 } },
      { apiName: 'perSeat', type: 'formula', options: { expression: 'budget / seats', scale: 2 } },
    ];
    for (const d of defs) await addField(admin, 'accounts', { ...d, filterable: true });
    const today = new Date().toISOString().slice(0, 10);
    const now = new Date().toISOString();
    const A = {
      name: 'A', code: 'alpha-1', notes: '会议纪要：价格', intro: '<b>x</b>', seats: 10, budget: '100.50', share: 5, signedOn: '2020-01-15',
      meetAt: '2020-01-15T10:00:00Z', vip: true, tier: 'gold', regions: ['north', 'south'], hotline: '13812345678', billingEmail: 'a@x.com',
      homepage: 'https://a.com/', office: { province: '广东省', city: '深圳市' }, reviewer: w.adminId, team: w.rootDepartmentId, person: contact.id, scan: FILE_ID,
    };
    const B = {
      name: 'B', code: 'beta-2', notes: 'nothing', intro: 'y', seats: 20, budget: 2000, share: 50, signedOn: today, meetAt: now, vip: false,
      tier: 'silver', regions: ['south'], hotline: '+14155550123', billingEmail: 'b@y.org', homepage: 'https://b.org/', office: { province: '浙江省' },
      reviewer: member.userId, team: w.rootDepartmentId,
    };
    for (const body of [A, B, { name: 'C' }]) {
      const res = await admin.post('/api/v1/accounts', body);
      expect(res.statusCode, res.body).toBe(201);
    }
    const cases: [string, string, unknown, string][] = [
      ['code', 'eq', 'alpha-1', 'A'], ['code', 'neq', 'alpha-1', 'BC'], ['code', 'in', ['alpha-1', 'beta-2'], 'AB'], ['code', 'contains', 'TA-', 'B'],
      ['code', 'startsWith', 'alp', 'A'], ['code', 'isNull', true, 'C'], ['code', 'isNull', false, 'AB'],
      ['notes', 'contains', '价格', 'A'], ['notes', 'isNull', true, 'C'], ['intro', 'contains', '<b>', 'A'], ['intro', 'isNull', true, 'C'],
      ['seats', 'eq', 10, 'A'], ['seats', 'neq', 10, 'BC'], ['seats', 'lt', 20, 'A'], ['seats', 'lte', 20, 'AB'], ['seats', 'gt', 10, 'B'],
      ['seats', 'gte', 10, 'AB'], ['seats', 'in', [20], 'B'], ['seats', 'between', [5, 15], 'A'], ['seats', 'isNull', true, 'C'],
      ['budget', 'eq', '100.5', 'A'], ['budget', 'neq', 2000, 'AC'], ['budget', 'lt', 2000, 'A'], ['budget', 'lte', '2000.00', 'AB'],
      ['budget', 'gt', '100.5', 'B'], ['budget', 'gte', 100.5, 'AB'], ['budget', 'in', ['2000'], 'B'], ['budget', 'between', ['100', '101'], 'A'], ['budget', 'isNull', true, 'C'],
      ['share', 'eq', 5, 'A'], ['share', 'neq', 5, 'BC'], ['share', 'lt', 50, 'A'], ['share', 'lte', 50, 'AB'], ['share', 'gt', 5, 'B'], ['share', 'gte', 50, 'B'],
      ['share', 'in', [5, 50], 'AB'], ['share', 'between', [1, 10], 'A'], ['share', 'isNull', false, 'AB'],
      ['signedOn', 'eq', '2020-01-15', 'A'], ['signedOn', 'neq', today, 'AC'], ['signedOn', 'lt', today, 'A'], ['signedOn', 'lte', today, 'AB'],
      ['signedOn', 'gt', '2020-01-15', 'B'], ['signedOn', 'gte', '2020-01-15', 'AB'], ['signedOn', 'in', ['2020-01-15'], 'A'],
      ['signedOn', 'between', ['2020-01-01', '2020-12-31'], 'A'], ['signedOn', 'isNull', true, 'C'], ['signedOn', 'relative', 'today', 'B'],
      ['meetAt', 'eq', '2020-01-15T18:00:00+08:00', 'A'], ['meetAt', 'neq', '2020-01-15T10:00:00Z', 'BC'], ['meetAt', 'lt', '2021-01-01T00:00:00Z', 'A'],
      ['meetAt', 'lte', now, 'AB'], ['meetAt', 'gt', '2021-01-01T00:00:00Z', 'B'], ['meetAt', 'gte', '2020-01-15T10:00:00Z', 'AB'],
      ['meetAt', 'in', ['2020-01-15T10:00:00Z'], 'A'], ['meetAt', 'between', ['2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z'], 'A'],
      ['meetAt', 'isNull', true, 'C'], ['meetAt', 'relative', 'last7Days', 'B'],
      ['vip', 'eq', true, 'A'], ['vip', 'neq', true, 'BC'], ['vip', 'isNull', true, 'C'],
      ['tier', 'eq', 'gold', 'A'], ['tier', 'neq', 'gold', 'BC'], ['tier', 'in', ['gold', 'silver'], 'AB'], ['tier', 'isNull', true, 'C'],
      ['regions', 'contains', 'north', 'A'], ['regions', 'in', ['south'], 'AB'], ['regions', 'isNull', true, 'C'],
      ['hotline', 'eq', '13812345678', 'A'], ['hotline', 'neq', '13812345678', 'BC'], ['hotline', 'in', ['+14155550123'], 'B'],
      ['hotline', 'contains', '1234', 'A'], ['hotline', 'startsWith', '+1', 'B'], ['hotline', 'isNull', true, 'C'],
      ['billingEmail', 'eq', 'a@x.com', 'A'], ['billingEmail', 'neq', 'a@x.com', 'BC'], ['billingEmail', 'in', ['b@y.org'], 'B'],
      ['billingEmail', 'contains', '.com', 'A'], ['billingEmail', 'startsWith', 'b@', 'B'], ['billingEmail', 'isNull', true, 'C'],
      ['homepage', 'eq', 'https://a.com/', 'A'], ['homepage', 'neq', 'https://a.com/', 'BC'], ['homepage', 'in', ['https://b.org/'], 'B'],
      ['homepage', 'contains', 'b.org', 'B'], ['homepage', 'startsWith', 'https://a', 'A'], ['homepage', 'isNull', true, 'C'],
      ['office', 'contains', '广东', 'A'], ['office', 'isNull', true, 'C'],
      ['reviewer', 'eq', w.adminId, 'A'], ['reviewer', 'neq', w.adminId, 'BC'], ['reviewer', 'in', [member.userId], 'B'],
      ['reviewer', 'isNull', true, 'C'], ['reviewer', 'me', null, 'A'], ['reviewer', 'myTeam', null, 'A'],
      ['team', 'eq', w.rootDepartmentId, 'AB'], ['team', 'neq', w.rootDepartmentId, 'C'], ['team', 'in', [w.rootDepartmentId], 'AB'], ['team', 'isNull', true, 'C'],
      ['person', 'eq', contact.id, 'A'], ['person', 'neq', contact.id, 'BC'], ['person', 'in', [contact.id], 'A'], ['person', 'isNull', true, 'BC'],
      ['scan', 'isNull', false, 'A'],
      ['serial', 'eq', 'S-0001', 'A'], ['serial', 'neq', 'S-0001', 'BC'], ['serial', 'in', ['S-0002', 'S-0003'], 'BC'],
      ['serial', 'contains', '02', 'B'], ['serial', 'startsWith', 'S-000', 'ABC'], ['serial', 'isNull', true, ''],
      ['perSeat', 'eq', '10.05', 'A'], ['perSeat', 'neq', 100, 'AC'], ['perSeat', 'lt', 100, 'A'], ['perSeat', 'lte', 100, 'AB'],
      ['perSeat', 'gt', 50, 'B'], ['perSeat', 'gte', '10.05', 'AB'], ['perSeat', 'in', [100], 'B'], ['perSeat', 'between', [10, 11], 'A'], ['perSeat', 'isNull', true, 'C'],
    ];
    for (const [field, op, value, expected] of cases) {
      const res = await admin.get(`/api/v1/accounts?limit=100&${filterQuery({ field, op, value })}`);
      expect(res.statusCode, `${field} ${op}: ${res.body}`).toBe(200);
      expect(res.json().data.map((r: any) => r.name).sort().join(''), `${field} ${op} ${JSON.stringify(value)}`).toBe(expected);
    }
    // Every operator the metadata advertises for these fields was exercised above.
    const md = (await admin.get('/api/v1/metadata/objects/accounts')).json();
    for (const d of defs) {
      const advertised = md.fields.find((f: any) => f.apiName === d.apiName).ops as string[];
      const tested = new Set(cases.filter((c) => c.at(0) === d.apiName).map((c) => c[1]));
      expect(advertised.filter((op) => !tested.has(op)), String(d.apiName)).toEqual([]);
    }
    const bad = await admin.get(`/api/v1/accounts?${filterQuery({ field: 'vip', op: 'contains', value: 'x' })}`);
    expect(bad.statusCode).toBe(400);
  });
});
