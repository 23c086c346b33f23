import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { loadAccess } from '../src/platform/access.service.js';
import { scopeFor, type Scope } from '../src/platform/access.js';
import { newId } from '../src/platform/ids.js';
import { buildOrg, grant, setRole, type Member, type Org, type Person } from './fixtures-org.js';
import { SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';

const PERSONS: Person[] = ['admin', 'salesHead', 'eastMgr', 'eastRep1', 'eastRep2', 'westRep'];
const EVERYONE = PERSONS;
const SALES: Person[] = ['salesHead', 'eastMgr', 'eastRep1', 'eastRep2', 'westRep'];

/**
 * Whose records each scope reaches, written out by hand from the org in fixtures-org.ts (East has no
 * sub-departments, so department and departmentTree coincide for the East manager).
 */
const CASES: [Member, Scope, Person[]][] = [
  ['eastMgr', 'none', []],
  ['eastMgr', 'own', ['eastMgr']],
  ['eastMgr', 'subordinates', ['eastMgr', 'eastRep1', 'eastRep2', 'westRep']],
  ['eastMgr', 'department', ['eastMgr', 'eastRep1', 'eastRep2']],
  ['eastMgr', 'departmentTree', ['eastMgr', 'eastRep1', 'eastRep2']],
  ['eastMgr', 'all', EVERYONE],
  ['salesHead', 'department', ['salesHead']],
  ['salesHead', 'departmentTree', SALES],
  ['eastRep1', 'subordinates', ['eastRep1', 'eastRep2']],
];

const PHONE = '13812341234';
const EMAIL = 'zhang@example.com';
const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const SEEDS = `/api/v1/accounts?limit=100&filter=${enc({ field: 'name', op: 'startsWith', value: 'seed-' })}`;

describe.skipIf(SKIP)('permission matrix: scopes × actions × read paths', () => {
  let env: TestEnv;
  let org: Org;
  const account = {} as Record<Person, string>;
  const contactsOf: Record<string, { id: string; owner: Person }[]> = {};

  const admin = () => org.users.admin.client;
  const client = (m: Member): Client => org.users[m].client;
  const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();
  const seedNames = (ps: Person[]) => ps.map((p) => `seed-${p}`).sort();

  beforeAll(async () => {
    env = await startTestApp();
    org = await buildOrg(env);
    const bulk = await admin().post('/api/v1/accounts/bulk', {
      op: 'create',
      records: PERSONS.map((p) => ({ name: `seed-${p}`, ownerId: org.users[p].id, phone: '13800000000', email: EMAIL, website: `https://w1-${p.toLowerCase()}.example.com/`, level: 'A' })),
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    for (const [i, p] of PERSONS.entries()) account[p] = bulk.json().data[i].id;
    for (const p of PERSONS) {
      // A phone and a website change, so each timeline holds values that must be masked or hidden.
      const upd = await admin().patch(`/api/v1/accounts/${account[p]}`, { phone: PHONE, website: `https://w2-${p.toLowerCase()}.example.com/` });
      expect(upd.statusCode, upd.body).toBe(200);
    }
    const contacts = [...PERSONS.map((p) => ({ owner: p, on: p })), { owner: 'westRep' as Person, on: 'eastRep1' as Person }];
    const res = await admin().post('/api/v1/contacts/bulk', {
      op: 'create',
      records: contacts.map((c, i) => ({ name: `contact-${i}-${c.owner}`, ownerId: org.users[c.owner].id, accountId: account[c.on], mobile: '13912345678', email: 'li@example.com' })),
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const [i, c] of contacts.entries()) (contactsOf[c.on] ??= []).push({ id: res.json().data[i].id, owner: c.owner });
  });
  afterAll(async () => { await env?.close(); });

  describe('read', () => {
    it.each(CASES)('%s with read scope %s sees exactly its reach through list, get, timeline and related lists', async (actor, scope, reach) => {
      await setRole(env, org, actor, { permissions: { accounts: { read: scope }, contacts: { read: scope } } });
      const c = client(actor);
      const list = await c.get(SEEDS);
      expect(list.statusCode, list.body).toBe(200);
      expect(names(list.json().data)).toEqual(seedNames(reach));
      for (const p of PERSONS) {
        const visible = reach.includes(p);
        const id = account[p];
        expect((await c.get(`/api/v1/accounts/${id}`)).statusCode, `get ${p}`).toBe(visible ? 200 : 404);
        expect((await c.get(`/api/v1/accounts/${id}/timeline`)).statusCode, `timeline ${p}`).toBe(visible ? 200 : 404);
        const related = await c.get(`/api/v1/accounts/${id}/related/contacts`);
        expect(related.statusCode, `related ${p}`).toBe(visible ? 200 : 404);
        if (visible) {
          const expected = contactsOf[p].filter((x) => reach.includes(x.owner)).map((x) => x.id).sort();
          expect(related.json().data.map((r: any) => r.id).sort(), `related contacts of ${p}`).toEqual(expected);
        }
        // Outside the read scope every verb answers 404; inside it, without the right to write, 403.
        const patch = await c.patch(`/api/v1/accounts/${id}`, { description: 'nope' });
        expect(patch.statusCode, `patch ${p}`).toBe(visible ? 403 : 404);
        const del = await c.delete(`/api/v1/accounts/${id}`);
        expect(del.statusCode, `delete ${p}`).toBe(visible ? 403 : 404);
      }
      const problem = (await c.get(`/api/v1/accounts/${account.admin}`));
      if (!reach.includes('admin')) expect(problem.json()).toMatchObject({ status: 404, code: 'error.notFound' });
    });

    it('roles add up: a second role widens the first', async () => {
      await setRole(env, org, 'eastRep2', { permissions: { accounts: { read: 'own' } } });
      expect(names((await client('eastRep2').get(SEEDS)).json().data)).toEqual(seedNames(['eastRep2']));
      const extra = newId();
      await withTenant(env.db, org.workspaceId, async (trx) => {
        await sql`insert into roles (workspace_id, id, name, permissions) values (${org.workspaceId}, ${extra}, 'extra', ${JSON.stringify(grant('department', ['accounts']))}::jsonb)`.execute(trx);
        await sql`insert into user_roles (workspace_id, user_id, role_id) values (${org.workspaceId}, ${org.users.eastRep2.id}, ${extra})`.execute(trx);
        await sql`update workspaces set metadata_version = metadata_version + 1 where id = ${org.workspaceId}`.execute(trx);
      });
      try {
        expect(names((await client('eastRep2').get(SEEDS)).json().data)).toEqual(seedNames(['eastMgr', 'eastRep1', 'eastRep2']));
        // Imports check this merged grant (refused with 403 at none; at own the rows stay the importer's: import-api.test.ts).
        const access = await withTenant(env.db, org.workspaceId, (trx, v) => loadAccess(trx, org.workspaceId, org.users.eastRep2.id, false, v));
        expect(scopeFor(access, 'accounts', 'import')).toBe('department');
        expect(scopeFor(access, 'accounts', 'read')).toBe('department');
        expect(scopeFor(access, 'contacts', 'import')).toBe('none');
      } finally {
        await withTenant(env.db, org.workspaceId, async (trx) => {
          await sql`delete from user_roles where workspace_id = ${org.workspaceId} and role_id = ${extra}`.execute(trx);
          await sql`update workspaces set metadata_version = metadata_version + 1 where id = ${org.workspaceId}`.execute(trx);
        });
      }
    });
  });

  describe('write actions (read scope all)', () => {
    it.each(CASES)('%s with update scope %s changes exactly its reach', async (actor, scope, reach) => {
      await setRole(env, org, actor, { permissions: { accounts: { read: 'all', update: scope } } });
      for (const p of PERSONS) {
        const res = await client(actor).patch(`/api/v1/accounts/${account[p]}`, { description: `${actor} ${scope}` });
        expect(res.statusCode, `${p}: ${res.body}`).toBe(reach.includes(p) ? 200 : 403);
        if (res.statusCode === 200) expect(res.json().description).toBe(`${actor} ${scope}`);
      }
    });

    it('a write scope wider than the read scope does not reach unreadable records', async () => {
      await setRole(env, org, 'eastMgr', { permissions: { accounts: { read: 'own', update: 'all', delete: 'all', export: 'all', transfer: 'all' } } });
      const c = client('eastMgr');
      expect((await c.patch(`/api/v1/accounts/${account.eastRep1}`, { description: 'x' })).statusCode).toBe(404);
      expect((await c.patch(`/api/v1/accounts/${account.eastRep1}`, { ownerId: org.users.eastMgr.id })).statusCode).toBe(404);
      expect((await c.delete(`/api/v1/accounts/${account.eastRep1}`)).statusCode).toBe(404);
      const csv = await c.get(`/api/v1/accounts/export?filter=${enc({ field: 'name', op: 'startsWith', value: 'seed-' })}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body.match(/seed-[A-Za-z0-9]+/g)?.sort()).toEqual(['seed-eastMgr']);
    });

    it.each(CASES)('%s with delete scope %s deletes and restores exactly its reach', async (actor, scope, reach) => {
      await setRole(env, org, actor, { permissions: { accounts: { read: 'all', delete: scope } } });
      const c = client(actor);
      for (const p of PERSONS) {
        const res = await c.delete(`/api/v1/accounts/${account[p]}`);
        expect(res.statusCode, `${p}: ${res.body}`).toBe(reach.includes(p) ? 204 : 403);
      }
      const bin = await c.get(`/api/v1/accounts?deleted=true&limit=100&filter=${enc({ field: 'name', op: 'startsWith', value: 'seed-' })}`);
      expect(names(bin.json().data)).toEqual(seedNames(reach));
      for (const p of reach) expect((await c.post(`/api/v1/accounts/${account[p]}/restore`)).statusCode, p).toBe(200);
      // Someone else's deleted record: readable in the bin, but restoring it needs the delete scope.
      const outside = PERSONS.find((p) => !reach.includes(p));
      if (outside) {
        expect((await admin().delete(`/api/v1/accounts/${account[outside]}`)).statusCode).toBe(204);
        expect((await c.post(`/api/v1/accounts/${account[outside]}/restore`)).statusCode).toBe(403);
        expect((await c.post(`/api/v1/accounts/${account[outside]}/purge`)).statusCode).toBe(403);
        expect((await admin().post(`/api/v1/accounts/${account[outside]}/restore`)).statusCode).toBe(200);
      }
      expect(names((await admin().get(SEEDS)).json().data)).toEqual(seedNames(PERSONS));
    });

    it.each(CASES)('%s with create scope %s creates records for exactly its reach', async (actor, scope, reach) => {
      await setRole(env, org, actor, { permissions: { accounts: { read: 'all', create: scope } } });
      const c = client(actor);
      const plain = await c.post('/api/v1/accounts', { name: `new-${actor}-${scope}` });
      expect(plain.statusCode, plain.body).toBe(scope === 'none' ? 403 : 201);
      if (scope === 'none') return;
      expect(plain.json().ownerId).toBe(org.users[actor].id);
      for (const p of PERSONS) {
        const res = await c.post('/api/v1/accounts', { name: `new-${actor}-${scope}-${p}`, ownerId: org.users[p].id });
        if (reach.includes(p) || p === actor) {
          expect(res.statusCode, `${p}: ${res.body}`).toBe(201);
          expect(res.json().ownerId).toBe(org.users[p].id);
        } else {
          expect(res.statusCode, p).toBe(422);
          expect(res.json().errors).toEqual([expect.objectContaining({ field: 'ownerId', code: 'field.forbidden' })]);
        }
      }
    });

    it.each(CASES)('%s with export scope %s exports exactly its reach', async (actor, scope, reach) => {
      await setRole(env, org, actor, { permissions: { accounts: { read: 'all', export: scope } } });
      const res = await client(actor).get(`/api/v1/accounts/export?filter=${enc({ field: 'name', op: 'startsWith', value: 'seed-' })}`);
      if (scope === 'none') {
        expect(res.statusCode).toBe(403);
        return;
      }
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body.match(/seed-[A-Za-z0-9]+/g)?.sort() ?? []).toEqual(seedNames(reach));
    });

    it.each(CASES)('%s with transfer scope %s hands over exactly its reach', async (actor, scope, reach) => {
      await setRole(env, org, actor, { permissions: { accounts: { read: 'all', update: 'all', transfer: scope } } });
      for (const p of PERSONS) {
        const to: Person = p === 'westRep' ? 'eastRep2' : 'westRep';
        const res = await client(actor).patch(`/api/v1/accounts/${account[p]}`, { ownerId: org.users[to].id });
        expect(res.statusCode, `${p}: ${res.body}`).toBe(reach.includes(p) ? 200 : 403);
        if (res.statusCode !== 200) continue;
        expect(res.json().ownerId).toBe(org.users[to].id);
        const back = await admin().patch(`/api/v1/accounts/${account[p]}`, { ownerId: org.users[p].id });
        expect(back.statusCode, back.body).toBe(200);
      }
    });
  });

  describe('field permissions and masking', () => {
    const hiddenRole = {
      permissions: grant('all', ['accounts', 'contacts']),
      fieldPermissions: { accounts: { website: 'hidden', level: 'readonly' } } as const,
    };

    it('hides hidden fields from list, get, related, export and timeline', async () => {
      await setRole(env, org, 'eastRep1', hiddenRole);
      const c = client('eastRep1');
      const id = account.eastRep1;
      const got = (await c.get(`/api/v1/accounts/${id}`)).json();
      expect(got).not.toHaveProperty('website');
      expect(got).toMatchObject({ level: 'A', name: 'seed-eastRep1' });
      for (const row of (await c.get(SEEDS)).json().data) expect(row).not.toHaveProperty('website');
      const csv = (await c.get(`/api/v1/accounts/export?filter=${enc({ field: 'name', op: 'startsWith', value: 'seed-' })}`)).body;
      expect(csv).not.toMatch(/example\.com\/|Website/);
      expect(csv).toContain('seed-eastRep1');
      const tl = (await c.get(`/api/v1/accounts/${id}/timeline`)).json().data;
      expect(tl.some((h: any) => h.field === 'phone')).toBe(true);
      expect(JSON.stringify(tl)).not.toMatch(/w[12]-|website/);
      const adminTl = JSON.stringify((await admin().get(`/api/v1/accounts/${id}/timeline`)).json().data);
      expect(adminTl).toContain('https://w2-eastrep1.example.com/');
      // Filtering or sorting by a hidden field would reveal its values one question at a time.
      const probe = await c.get(`/api/v1/accounts?filter=${enc({ field: 'website', op: 'startsWith', value: 'https://w2-east' })}`);
      expect(probe.statusCode).toBe(400);
      expect((await c.get('/api/v1/accounts?sort=website')).statusCode).toBe(400);
      expect((await admin().get(`/api/v1/accounts?filter=${enc({ field: 'website', op: 'startsWith', value: 'https://w2-eastrep1.' })}`)).json().data).toHaveLength(1);
    });

    it('rejects writes to readonly and hidden fields with field errors, and changes nothing', async () => {
      await setRole(env, org, 'eastRep1', hiddenRole);
      const c = client('eastRep1');
      const id = account.eastRep1;
      const before = (await admin().get(`/api/v1/accounts/${id}`)).json();
      const res = await c.patch(`/api/v1/accounts/${id}`, { level: 'B', website: 'https://stolen.example.com', description: 'fine' });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: any) => [e.field, e.code]).sort()).toEqual([['level', 'field.forbidden'], ['website', 'field.forbidden']]);
      expect((await admin().get(`/api/v1/accounts/${id}`)).json()).toEqual(before);
      const created = await c.post('/api/v1/accounts', { name: 'with level', level: 'B' });
      expect(created.statusCode).toBe(422);
      expect(created.json().errors).toEqual([expect.objectContaining({ field: 'level', code: 'field.forbidden' })]);
      const ok = await c.patch(`/api/v1/accounts/${id}`, { description: 'fine' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).not.toHaveProperty('website');
    });

    it('masks phone and e-mail of records the viewer does not own, on every read path', async () => {
      await setRole(env, org, 'eastMgr', { permissions: grant('all', ['accounts', 'contacts']), canUnmask: false });
      const c = client('eastMgr');
      const other = (await c.get(`/api/v1/accounts/${account.eastRep1}`)).json();
      expect(other).toMatchObject({ phone: '138****1234', email: 'z***@example.com' });
      const own = (await c.get(`/api/v1/accounts/${account.eastMgr}`)).json();
      expect(own).toMatchObject({ phone: PHONE, email: EMAIL });
      const list = (await c.get(SEEDS)).json().data;
      for (const row of list) {
        const mine = row.id === account.eastMgr;
        expect(row.phone, row.name).toBe(mine ? PHONE : '138****1234');
        expect(row.email, row.name).toBe(mine ? EMAIL : 'z***@example.com');
      }
      const related = (await c.get(`/api/v1/accounts/${account.eastRep1}/related/contacts`)).json().data;
      expect(related.length).toBe(2);
      for (const row of related) expect(row).toMatchObject({ mobile: '139****5678', email: 'l***@example.com' });
      const csv = (await c.get(`/api/v1/accounts/export?filter=${enc({ field: 'name', op: 'startsWith', value: 'seed-' })}`)).body;
      expect(csv).toContain('138****1234');
      expect(csv.split(PHONE).length - 1, 'only the own row is clear').toBe(1);
      const tl = JSON.stringify((await c.get(`/api/v1/accounts/${account.eastRep1}/timeline`)).json().data);
      expect(tl).not.toContain(PHONE);
      expect(tl).not.toContain('13800000000');
      expect(tl).toContain('138****1234');
    });

    it('unmasks on request only for a role that may, and audits every unmask', async () => {
      const audits = async () => Number((await env.db.executeSql(`select count(*)::int as n from audit_log where workspace_id = $1 and event = 'record.unmasked'`, [org.workspaceId])).rows[0].n);
      await setRole(env, org, 'eastMgr', { permissions: grant('all', ['accounts']), canUnmask: false });
      const before = await audits();
      const denied = (await client('eastMgr').get(`/api/v1/accounts/${account.eastRep1}?unmask=phone`)).json();
      expect(denied.phone).toBe('138****1234');
      expect(await audits()).toBe(before);

      await setRole(env, org, 'salesHead', { permissions: grant('all', ['accounts']), canUnmask: true });
      const c = client('salesHead');
      expect((await c.get(`/api/v1/accounts/${account.eastRep1}`)).json()).toMatchObject({ phone: '138****1234', email: 'z***@example.com' });
      expect(await audits()).toBe(before);
      const clear = (await c.get(`/api/v1/accounts/${account.eastRep1}?unmask=phone`)).json();
      expect(clear).toMatchObject({ phone: PHONE, email: 'z***@example.com' });
      expect(await audits()).toBe(before + 1);
      const row = (await env.db.executeSql(`select actor_id, detail from audit_log where workspace_id = $1 and event = 'record.unmasked' order by seq desc limit 1`, [org.workspaceId])).rows[0];
      expect(row.actor_id).toBe(org.users.salesHead.id);
      expect(row.detail).toMatchObject({ object: 'accounts', id: account.eastRep1, fields: ['phone'] });
    });
  });
});
