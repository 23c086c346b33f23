import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Trx } from '../src/db/tenant.js';
import { newId } from '../src/platform/ids.js';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

/**
 * Row-level security is the second wall: SQL written by hand inside one workspace's tenant transaction,
 * with no workspace filter at all, must neither see nor touch another workspace's rows.
 */
describe.skipIf(SKIP)('tenant isolation by row-level security', () => {
  let env: TestEnv;
  let a: Awaited<ReturnType<typeof newWorkspace>>;
  let b: Awaited<ReturnType<typeof newWorkspace>>;
  const bAccounts: string[] = [];

  class Rollback extends Error {}
  /** Runs fn in A's tenant transaction and rolls it back, so destructive probes leave nothing behind. */
  async function inA<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    let out!: T;
    await withTenant(env.db, a.workspaceId, async (trx) => { out = await fn(trx); throw new Rollback(); })
      .catch((err) => { if (!(err instanceof Rollback)) throw err; });
    return out;
  }
  const ownerCount = async (table: string, ws: string) =>
    Number((await env.db.executeSql(`select count(*)::int as n from ${table} where workspace_id = $1`, [ws])).rows[0].n);

  beforeAll(async () => {
    env = await startTestApp();
    a = await newWorkspace(env, 'Workspace A');
    b = await newWorkspace(env, 'Workspace B');
    for (const [ws, prefix] of [[a, 'A'], [b, 'B']] as const) {
      for (let i = 0; i < 3; i++) {
        const res = await ws.admin.post('/api/v1/accounts', { name: `${prefix}-account-${i}` });
        expect(res.statusCode, res.body).toBe(201);
        if (prefix === 'B') bAccounts.push(res.json().id);
        expect((await ws.admin.patch(`/api/v1/accounts/${res.json().id}`, { level: 'A' })).statusCode).toBe(200);
      }
    }
  });
  afterAll(async () => { await env?.close(); });

  it('runs the tenant transaction as a role that is not a superuser', async () => {
    const row = await inA(async (trx) => (await sql<{ u: string; su: boolean; ws: string }>`select current_user as u,
      (select rolsuper from pg_roles where rolname = current_user) as su, current_setting('app.workspace_id') as ws`.execute(trx)).rows[0]);
    expect(row).toEqual({ u: 'rapport_app', su: false, ws: a.workspaceId });
  });

  it.each(['accounts', 'users', 'record_history', 'roles', 'departments', 'sessions', 'audit_log', 'outbox_events', 'objects', 'fields', 'login_directory', 'workspaces'])(
    'select * from %s without a filter returns only the own workspace', async (table) => {
      const rows = await inA(async (trx) => (await sql<Record<string, any>>`select * from ${sql.table(table)}`.execute(trx)).rows);
      expect(rows.length).toBeGreaterThan(0);
      const wsOf = (r: Record<string, any>) => (table === 'workspaces' ? r.id : r.workspace_id);
      expect(new Set(rows.map(wsOf))).toEqual(new Set([a.workspaceId]));
    });

  it('sees every own row: the filter hides B, not A', async () => {
    const n = await inA(async (trx) => Number((await sql<{ n: number }>`select count(*)::int as n from record_history`.execute(trx)).rows[0].n));
    expect(n).toBe(await ownerCount('record_history', a.workspaceId));
    expect(n).toBeGreaterThanOrEqual(6);
  });

  it('update and delete without a filter touch none of B\'s rows', async () => {
    const before = (await env.db.executeSql('select id, name, version from accounts where workspace_id = $1 order by id', [b.workspaceId])).rows;
    const affected = await inA(async (trx) => {
      const upd = await sql`update accounts set name = 'x'`.execute(trx);
      const hist = await sql`delete from record_history`.execute(trx);
      const del = await sql`delete from accounts`.execute(trx);
      return [Number(upd.numAffectedRows), Number(hist.numAffectedRows), Number(del.numAffectedRows)];
    });
    expect(affected[0]).toBe(await ownerCount('accounts', a.workspaceId));
    expect(affected[1]).toBe(await ownerCount('record_history', a.workspaceId));
    expect(affected[2]).toBe(affected[0]);
    const after = (await env.db.executeSql('select id, name, version from accounts where workspace_id = $1 order by id', [b.workspaceId])).rows;
    expect(after).toEqual(before);
    expect(after.map((r) => r.id).sort()).toEqual([...bAccounts].sort());
    const got = await b.admin.get(`/api/v1/accounts/${bAccounts[0]}`);
    expect(got.json().name).toBe('B-account-0');
  });

  it('an update aimed at B\'s row by id changes nothing', async () => {
    const n = await inA(async (trx) => Number((await sql`update accounts set name = 'hijacked' where id = ${bAccounts[1]}::uuid`.execute(trx)).numAffectedRows));
    expect(n).toBe(0);
    expect((await b.admin.get(`/api/v1/accounts/${bAccounts[1]}`)).json().name).toBe('B-account-1');
  });

  it.each([
    ['accounts', (ws: string) => sql`insert into accounts (workspace_id, id, name) values (${ws}::uuid, ${newId()}::uuid, 'planted')`],
    ['record_history', (ws: string) => sql`insert into record_history (workspace_id, id, object, record_id, op, tx_id) values (${ws}::uuid, ${newId()}::uuid, 'accounts', ${newId()}::uuid, 'create', ${newId()}::uuid)`],
    ['login_directory', (ws: string) => sql`insert into login_directory (email, workspace_id, user_id) values (${'planted-' + newId() + '@example.test'}, ${ws}::uuid, ${newId()}::uuid)`],
  ])('an insert into %s carrying B\'s workspace_id is refused', async (_table, build) => {
    const err = await inA(async (trx) => build(b.workspaceId).execute(trx).then(() => null, (e) => e));
    expect(err, 'the insert went through').not.toBeNull();
    expect(err.code).toBe('42501');
    expect(await ownerCount('accounts', b.workspaceId)).toBe(3);
  });

  it('moving an own row into B is refused', async () => {
    const err = await inA(async (trx) => sql`update accounts set workspace_id = ${b.workspaceId}::uuid`.execute(trx).then(() => null, (e) => e));
    expect(err?.code).toBe('42501');
  });

  it('the API answers 404 for B\'s record ids, whatever the verb', async () => {
    const id = bAccounts[2];
    expect((await a.admin.get(`/api/v1/accounts/${id}`)).statusCode).toBe(404);
    expect((await a.admin.patch(`/api/v1/accounts/${id}`, { name: 'mine now' })).statusCode).toBe(404);
    expect((await a.admin.delete(`/api/v1/accounts/${id}`)).statusCode).toBe(404);
    expect((await a.admin.get(`/api/v1/accounts/${id}/timeline`)).statusCode).toBe(404);
    expect((await b.admin.get(`/api/v1/accounts/${id}`)).json()).toMatchObject({ name: 'B-account-2', version: 2 });
  });
});
