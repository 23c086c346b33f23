import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newWorkspace, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The records pipeline's list language end to end: filters, sorting and keyset paging (writes: platform-records-writes.test.ts). */
describe.skipIf(SKIP)('records pipeline: reading lists', () => {
  let env: TestEnv;
  let ws: Awaited<ReturnType<typeof newWorkspace>>;
  let admin: Client;
  let teamMember: { id: string; client: Client };
  let outsider: { id: string; client: Client };

  beforeAll(async () => {
    env = await startTestApp();
    ws = await newWorkspace(env);
    admin = ws.admin;
    teamMember = await createUser(env, ws, { roleKeys: ['rep'], managerId: ws.adminId });
    outsider = await createUser(env, ws, { roleKeys: ['rep'] });
  });
  afterAll(async () => { await env?.close(); });

  async function bulkCreate(object: string, records: Record<string, unknown>[]): Promise<any[]> {
    const res = await admin.post(`/api/v1/${object}/bulk`, { op: 'create', records });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  }
  async function names(object: string, filter: unknown, scope: unknown): Promise<string[]> {
    const res = await admin.get(`/api/v1/${object}?limit=1000&filter=${enc({ and: [scope, filter] })}`);
    expect(res.statusCode, `${JSON.stringify(filter)}: ${res.body}`).toBe(200);
    return res.json().data.map((r: any) => r.name).sort();
  }

  describe('filters', () => {
    const acc = { field: 'name', op: 'in', value: ['Alpha Trading', 'alpha_beta', 'Beta Foods', 'Gamma', '张伟科技'] };
    const ALL = ['Alpha Trading', 'Beta Foods', 'Gamma', 'alpha_beta', '张伟科技'];
    let ids: Record<string, string>;
    beforeAll(async () => {
      const rows = await bulkCreate('accounts', [
        { name: 'Alpha Trading', level: 'A', tags: ['vip', 'north'], description: 'first 100% sure', website: 'https://alpha.example.com' },
        { name: 'alpha_beta', level: 'B', tags: ['north'], description: 'under_score' },
        { name: 'Beta Foods', level: 'C', tags: [] },
        { name: 'Gamma', tags: ['vip'], ownerId: teamMember.id },
        { name: '张伟科技', level: 'A', ownerId: outsider.id },
      ]);
      ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    });

    it.each([
      [{ field: 'name', op: 'eq', value: 'Gamma' }, ['Gamma']],
      [{ field: 'name', op: 'eq', value: 'gamma' }, []],
      [{ field: 'name', op: 'neq', value: 'Gamma' }, ['Alpha Trading', 'Beta Foods', 'alpha_beta', '张伟科技']],
      [{ field: 'name', op: 'in', value: ['Gamma', 'Beta Foods', 'nobody'] }, ['Beta Foods', 'Gamma']],
      [{ field: 'name', op: 'contains', value: 'ALPHA' }, ['Alpha Trading', 'alpha_beta']],
      [{ field: 'name', op: 'contains', value: '_' }, ['alpha_beta']],
      [{ field: 'name', op: 'contains', value: '伟科' }, ['张伟科技']],
      [{ field: 'name', op: 'startsWith', value: 'alpha' }, ['Alpha Trading', 'alpha_beta']],
      [{ field: 'name', op: 'startsWith', value: '%' }, []],
      [{ field: 'description', op: 'contains', value: '100%' }, ['Alpha Trading']],
      [{ field: 'description', op: 'isNull' }, ['Beta Foods', 'Gamma', '张伟科技']],
      [{ field: 'level', op: 'eq', value: 'A' }, ['Alpha Trading', '张伟科技']],
      [{ field: 'level', op: 'neq', value: 'A' }, ['Beta Foods', 'Gamma', 'alpha_beta']],
      [{ field: 'level', op: 'in', value: ['B', 'C'] }, ['Beta Foods', 'alpha_beta']],
      [{ field: 'level', op: 'isNull', value: true }, ['Gamma']],
      [{ field: 'level', op: 'isNull', value: false }, ['Alpha Trading', 'Beta Foods', 'alpha_beta', '张伟科技']],
      [{ field: 'level', op: 'eq', value: null }, ['Gamma']],
      [{ field: 'website', op: 'isNull', value: false }, ['Alpha Trading']],
      [{ field: 'tags', op: 'contains', value: 'vip' }, ['Alpha Trading', 'Gamma']],
      [{ field: 'tags', op: 'in', value: ['north', 'east'] }, ['Alpha Trading', 'alpha_beta']],
      [{ field: 'tags', op: 'isNull' }, ['Beta Foods', '张伟科技']],
      [{ field: 'tags', op: 'isNull', value: false }, ['Alpha Trading', 'Gamma', 'alpha_beta']],
      [{ field: 'ownerId', op: 'me' }, ['Alpha Trading', 'Beta Foods', 'alpha_beta']],
      [{ field: 'ownerId', op: 'myTeam' }, ['Alpha Trading', 'Beta Foods', 'Gamma', 'alpha_beta']],
      [{ or: [{ field: 'level', op: 'eq', value: 'C' }, { field: 'name', op: 'eq', value: 'Gamma' }] }, ['Beta Foods', 'Gamma']],
      [{ not: { field: 'level', op: 'eq', value: 'A' } }, ['Beta Foods', 'Gamma', 'alpha_beta']],
      [{ not: { or: [{ field: 'level', op: 'in', value: ['A', 'B'] }, { field: 'tags', op: 'contains', value: 'vip' }] } }, ['Beta Foods']],
      [{ and: [] }, ALL],
      [{ field: 'createdAt', op: 'relative', value: 'today' }, ALL],
      [{ field: 'createdAt', op: 'relative', value: 'yesterday' }, []],
      [{ field: 'createdAt', op: 'gt', value: '2000-01-01T00:00:00Z' }, ALL],
      [{ field: 'createdAt', op: 'between', value: ['2000-01-01T00:00:00Z', '2001-01-01T00:00:00+08:00'] }, []],
    ])('accounts %j', async (filter, expected) => {
      expect(await names('accounts', filter, acc)).toEqual([...expected].sort());
    });

    it('filters by ids and owners', async () => {
      expect(await names('accounts', { field: 'id', op: 'eq', value: ids.Gamma }, acc)).toEqual(['Gamma']);
      expect(await names('accounts', { field: 'id', op: 'in', value: [ids.Gamma, ids['Beta Foods']] }, acc)).toEqual(['Beta Foods', 'Gamma']);
      expect(await names('accounts', { field: 'ownerId', op: 'in', value: [teamMember.id, outsider.id] }, acc)).toEqual(['Gamma', '张伟科技']);
      expect(await names('accounts', { field: 'ownerId', op: 'neq', value: ws.adminId }, acc)).toEqual(['Gamma', '张伟科技']);
    });

    it('filters numbers, dates and date-times, relative periods in the user\'s time zone included', async () => {
      const opp = { field: 'name', op: 'startsWith', value: 'opp-' };
      await bulkCreate('opportunities', [
        { name: 'opp-today', amount: '100.50', expectedCloseDate: day(0) },
        { name: 'opp-yesterday', amount: '2000', expectedCloseDate: day(-1) },
        { name: 'opp-tomorrow', expectedCloseDate: day(1) },
        { name: 'opp-old', amount: '99.99', expectedCloseDate: day(-40) },
      ]);
      const cases: [unknown, string[]][] = [
        [{ field: 'amount', op: 'gt', value: 100 }, ['opp-today', 'opp-yesterday']],
        [{ field: 'amount', op: 'lte', value: '100.5' }, ['opp-old', 'opp-today']],
        [{ field: 'amount', op: 'lt', value: '100.50' }, ['opp-old']],
        [{ field: 'amount', op: 'gte', value: 2000 }, ['opp-yesterday']],
        [{ field: 'amount', op: 'between', value: [99, '101'] }, ['opp-old', 'opp-today']],
        [{ field: 'amount', op: 'eq', value: '2000.00' }, ['opp-yesterday']],
        [{ field: 'amount', op: 'isNull' }, ['opp-tomorrow']],
        [{ field: 'expectedCloseDate', op: 'eq', value: day(0) }, ['opp-today']],
        [{ field: 'expectedCloseDate', op: 'gte', value: day(0) }, ['opp-today', 'opp-tomorrow']],
        [{ field: 'expectedCloseDate', op: 'relative', value: 'today' }, ['opp-today']],
        [{ field: 'expectedCloseDate', op: 'relative', value: 'yesterday' }, ['opp-yesterday']],
        [{ field: 'expectedCloseDate', op: 'relative', value: 'tomorrow' }, ['opp-tomorrow']],
        [{ field: 'expectedCloseDate', op: 'relative', value: 'last7Days' }, ['opp-today', 'opp-yesterday']],
        [{ field: 'expectedCloseDate', op: 'relative', value: 'next7Days' }, ['opp-today', 'opp-tomorrow']],
      ];
      for (const [filter, expected] of cases) expect(await names('opportunities', filter, opp), JSON.stringify(filter)).toEqual(expected);
      // The workspace admin's time zone is UTC (en-US); a date-time at noon UTC falls on that calendar day.
      await bulkCreate('tasks', [-1, 0, 1, -400].map((d) => ({ name: `task${d}`, dueAt: `${day(d)}T12:00:00Z` })));
      const task = { field: 'name', op: 'startsWith', value: 'task' };
      const utcMonday = (() => { const t = new Date(); t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7)); return t.toISOString().slice(0, 10); })();
      const inWeek = (d: string) => d >= utcMonday && d < new Date(Date.parse(utcMonday) + 7 * 86_400_000).toISOString().slice(0, 10);
      const expect4 = (pred: (d: string) => boolean) => [-1, 0, 1, -400].filter((d) => pred(day(d))).map((d) => `task${d}`).sort();
      for (const [period, pred] of [
        ['today', (d: string) => d === day(0)], ['yesterday', (d: string) => d === day(-1)], ['tomorrow', (d: string) => d === day(1)],
        ['thisWeek', inWeek], ['thisMonth', (d: string) => d.slice(0, 7) === day(0).slice(0, 7)],
        ['thisYear', (d: string) => d.slice(0, 4) === day(0).slice(0, 4)], ['last30Days', (d: string) => d > day(-30) && d <= day(0)],
      ] as const) {
        expect(await names('tasks', { field: 'dueAt', op: 'relative', value: period }, task), period).toEqual(expect4(pred));
      }
      expect(await names('tasks', { field: 'dueAt', op: 'lt', value: `${day(0)}T00:00:00+00:00` }, task)).toEqual(['task-1', 'task-400']);
    });

    it.each([
      ['not JSON', '{"field": '],
      ['a list', [{ field: 'name', op: 'eq', value: 'x' }]],
      ['an unknown field', { field: 'nope', op: 'eq', value: 1 }],
      ['an unknown operator', { field: 'name', op: 'like', value: 'x' }],
      ['an operator of another type', { field: 'level', op: 'contains', value: 'A' }],
      ['a number for text', { field: 'name', op: 'eq', value: 5 }],
      ['an empty "in"', { field: 'name', op: 'in', value: [] }],
      ['a short "between"', { field: 'createdAt', op: 'between', value: ['2020-01-01T00:00:00Z'] }],
      ['an unknown period', { field: 'createdAt', op: 'relative', value: 'someday' }],
      ['a malformed date-time', { field: 'createdAt', op: 'gt', value: 'last tuesday' }],
      ['a malformed id', { field: 'id', op: 'eq', value: 'abc' }],
      ['text operators on ids', { field: 'id', op: 'contains', value: 'abc' }],
      ['startsWith on ids', { field: 'id', op: 'startsWith', value: '0' }],
      ['a malformed owner', { field: 'ownerId', op: 'eq', value: 'me' }],
      ['NUL in a value', { field: 'name', op: 'eq', value: 'a\u0000b' }],
      ['NUL in a pattern', { field: 'name', op: 'contains', value: '\u0000' }],
      ['a lone surrogate', { field: 'name', op: 'startsWith', value: '\ud800' }],
      ['"and" without a list', { and: { field: 'name', op: 'eq', value: 'x' } }],
      ['nesting deeper than 8', [...Array(10)].reduce((n) => ({ not: n }), { field: 'name', op: 'eq', value: 'x' })],
      ['more than 200 conditions', { or: Array.from({ length: 201 }, () => ({ field: 'name', op: 'eq', value: 'x' })) }],
      ['eq on a multi-select', { field: 'tags', op: 'eq', value: 'vip' }],
      ['an over-long "in"', { field: 'name', op: 'in', value: Array.from({ length: 1001 }, (_, i) => `n${i}`) }],
    ])('refuses %s with a localised 400', async (_what, filter) => {
      const res = await admin.get(`/api/v1/accounts?filter=${enc(filter)}`, { 'accept-language': 'zh-CN' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toMatch(/^error\.(badFilter|validation)$/);
      expect(res.json().title).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  describe('sorting and keyset paging', () => {
    const levels = ['A', 'B', null, 'C', 'A', null, 'B'];
    let rows: { id: string; name: string; level: string | null }[];
    const scope = { field: 'name', op: 'startsWith', value: 'sort-' };
    beforeAll(async () => {
      // One bulk call: every row shares created_at, so the default sort is all ties.
      const created = await bulkCreate('accounts', Array.from({ length: 23 }, (_, i) => ({ name: `sort-${String(i).padStart(2, '0')}`, level: levels[i % levels.length] ?? undefined })));
      rows = created.map((r) => ({ id: r.id, name: r.name, level: r.level }));
    });

    const cmp = (a: string | null, b: string | null, desc: boolean) => {
      if (a === b) return 0;
      if (a === null) return 1; // NULLS LAST either way
      if (b === null) return -1;
      return (a < b ? -1 : 1) * (desc ? -1 : 1);
    };
    async function walk(sort: string | undefined, limit: number): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res = await admin.get(`/api/v1/accounts?limit=${limit}&filter=${enc(scope)}${sort ? `&sort=${sort}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().data.map((r: any) => r.id));
        cursor = res.json().nextCursor;
        if (!cursor) return seen;
      }
      throw new Error('paging never ended');
    }

    it.each([
      [undefined, (a: any, b: any) => cmp(a.id, b.id, true)],
      ['level', (a: any, b: any) => cmp(a.level, b.level, false) || cmp(a.id, b.id, false)],
      ['-level', (a: any, b: any) => cmp(a.level, b.level, true) || cmp(a.id, b.id, true)],
      ['level,-name', (a: any, b: any) => cmp(a.level, b.level, false) || cmp(a.name, b.name, true)],
      ['-createdAt,name', (a: any, b: any) => cmp(a.name, b.name, false)],
    ])('sort=%s returns every row exactly once, in order, over many pages', async (sort, order) => {
      const expected = [...rows].sort(order).map((r) => r.id);
      for (const limit of [4, 7]) expect(await walk(sort, limit)).toEqual(expected);
      const one = await admin.get(`/api/v1/accounts?limit=1000&filter=${enc(scope)}${sort ? `&sort=${sort}` : ''}`);
      expect(one.json()).toMatchObject({ nextCursor: null });
      expect(one.json().data.map((r: any) => r.id)).toEqual(expected);
    });

    it('sorts numbers with NULLs last and pages through them', async () => {
      await bulkCreate('opportunities', [5, null, 1, 5, null, 3].map((a, i) => ({ name: `num-${i}`, ...(a === null ? {} : { amount: a }) })));
      const ids: string[] = [];
      let cursor = '';
      do {
        const res = await admin.get(`/api/v1/opportunities?limit=2&sort=-amount&filter=${enc({ field: 'name', op: 'startsWith', value: 'num-' })}${cursor ? `&cursor=${cursor}` : ''}`);
        ids.push(...res.json().data.map((r: any) => `${r.amount}`));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(ids.map((a) => (a === 'null' ? null : Number(a)))).toEqual([5, 5, 3, 1, null, null]);
    });

    it('returns only the requested fields (and the id)', async () => {
      const res = await admin.get(`/api/v1/accounts?limit=3&fields=name,level&filter=${enc(scope)}`);
      for (const r of res.json().data) expect(Object.keys(r).sort()).toEqual(['id', 'level', 'name']);
      const one = await admin.get(`/api/v1/accounts/${rows[0].id}?fields=name`);
      expect(Object.keys(one.json()).sort()).toEqual(['id', 'name']);
    });

    it.each([
      ['an unknown sort field', 'sort=nope'],
      ['a sort on a list field', 'sort=tags'],
      ['a garbage cursor', 'cursor=%%%'],
      ['a cursor of the wrong shape', `cursor=${Buffer.from('[1]').toString('base64url')}`],
      ['a cursor of another sort', 'sort=createdAt&cursor=FROM_LEVEL'],
      ['a cursor with an object in it', `cursor=${Buffer.from('[{"a":1},"x"]').toString('base64url')}`],
      ['limit 0', 'limit=0'],
      ['limit 1001', 'limit=1001'],
    ])('refuses %s with 400', async (_what, query) => {
      let q = query;
      if (q.includes('FROM_LEVEL')) {
        const page = await admin.get(`/api/v1/accounts?limit=2&sort=level&filter=${enc(scope)}`);
        q = q.replace('FROM_LEVEL', page.json().nextCursor);
      }
      const res = await admin.get(`/api/v1/accounts?${q}`);
      expect(res.statusCode, res.body).toBe(400);
    });
  });
});
