import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import type { AppError } from '../errors.js';

/** Raised inside withTenantKeepingFailures: the transaction commits, then `error` reaches the caller. */
export class FailAfterCommit extends Error {
  constructor(readonly error: AppError) { super(error.code); }
}

/**
 * A tenant transaction whose failed identity checks still commit what they wrote (failure counters,
 * lockouts, audit rows) before the error is raised; any other error rolls everything back as usual.
 */
export async function withTenantKeepingFailures<T>(db: Database, workspaceId: string, fn: (trx: Trx, version: number) => Promise<T>): Promise<T> {
  const out = await withTenant(db, workspaceId, async (trx, version) => {
    try {
      return { ok: await fn(trx, version) };
    } catch (err) {
      if (err instanceof FailAfterCommit) return { failed: err.error };
      throw err;
    }
  });
  if ('failed' in out) throw out.failed;
  return out.ok;
}
