import { expect } from 'vitest';
import { sql } from 'kysely';
import { withTenant } from '../src/db/tenant.js';
import { createUser, newWorkspace, type Client, type TestEnv } from './helpers.js';

/**
 * A workspace with a small sales org made through the identity API:
 *   root (admin) ── East: eastMgr (manager role), eastRep1, eastRep2 (rep role, reporting to eastMgr)
 *               └─ West: westRep (rep role)
 */
export async function salesOrg(env: TestEnv) {
  const ws = await newWorkspace(env, 'Sales Co');
  const dept = async (name: string) => {
    const r = await ws.admin.post('/api/v1/departments', { name, parentId: ws.rootDepartmentId });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const east = await dept('East');
  const west = await dept('West');
  const eastMgr = await createUser(env, ws, { roleKeys: ['manager'], departmentId: east, name: 'East Manager' });
  const eastRep1 = await createUser(env, ws, { departmentId: east, managerId: eastMgr.id, name: '张伟' });
  const eastRep2 = await createUser(env, ws, { departmentId: east, managerId: eastMgr.id, name: 'Li Na' });
  const westRep = await createUser(env, ws, { departmentId: west, name: 'West Rep' });
  return { ...ws, depts: { root: ws.rootDepartmentId, east, west }, eastMgr, eastRep1, eastRep2, westRep };
}

export type SalesOrg = Awaited<ReturnType<typeof salesOrg>>;

/** Creates a record through the API and returns it, failing the test with the body otherwise. */
export async function create(client: Client, object: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const r = await client.post(`/api/v1/${object}`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200): Promise<any> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.body ? r.json() : null;
}

/** Fixture set-up only: moves a customer's ownership start (and creation) back, as if it were days old. */
export async function ageAccount(env: TestEnv, workspaceId: string, accountId: string, days: number): Promise<void> {
  await withTenant(env.db, workspaceId, async (trx) => {
    await sql`update accounts set owner_since = owner_since - make_interval(days => ${days}), created_at = created_at - make_interval(days => ${days})
      where workspace_id = ${workspaceId}::uuid and id = ${accountId}::uuid`.execute(trx);
  });
}

/** Counts rows of a table in the workspace (as the owner role, outside any visibility). */
export async function count(env: TestEnv, workspaceId: string, table: string, where = sql`true`): Promise<number> {
  return withTenant(env.db, workspaceId, async (trx) => {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where workspace_id = ${workspaceId}::uuid and ${where}`.execute(trx);
    return r.rows[0].n;
  });
}

export const DAY = 86_400_000;
