import { sql, type Transaction } from 'kysely';
import type { Database } from './database.js';
import type { DB } from './schema.js';

export type Trx = Transaction<DB>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID_RE.test(v);
}

/**
 * Runs fn in a transaction that acts as rapport_app for one workspace: row-level security then hides every
 * other workspace's rows, whatever SQL fn writes. Returns the workspace's configuration version read in the
 * same round trip, so caches can tell when metadata, roles or the org tree changed on any node.
 */
export async function withTenant<T>(db: Database, workspaceId: string, fn: (trx: Trx, configVersion: number) => Promise<T>): Promise<T> {
  if (!isUuid(workspaceId)) throw new Error('invalid workspace id');
  return db.kysely.transaction().execute(async (trx) => {
    // No parameters (the id is a checked UUID, inlined): the driver can send this with the BEGIN in one
    // round trip (deferred-begin.ts). JIT compilation is off: on list pages it cost more than the query.
    const ws = sql.lit(workspaceId);
    const res = await sql<{ v: number | null }>`select set_config('role', 'rapport_app', true) as r,
      set_config('app.workspace_id', ${ws}, true) as w, set_config('jit', 'off', true) as j,
      (select metadata_version from workspaces where id = ${ws}::uuid) as v`.execute(trx);
    return fn(trx, res.rows[0]?.v ?? 0);
  });
}
