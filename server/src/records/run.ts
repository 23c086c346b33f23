import type { Database } from '../db/database.js';
import { withTenant } from '../db/tenant.js';
import { getMetadata } from '../metadata/metadata.service.js';
import type { AuthContext } from '../platform/access.js';
import { loadAccess } from '../platform/access.service.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { loadOrg } from '../platform/org.service.js';
import type { RecordCtx } from './record-context.js';

/** Opens the caller's tenant transaction with metadata and org loaded; everything in fn commits or none of it. */
export async function runRecords<T>(db: Database, auth: AuthContext | null, fn: (ctx: RecordCtx) => Promise<T>): Promise<T> {
  if (!auth) throw new AppError(401, 'error.unauthenticated');
  return withTenant(db, auth.workspaceId, async (trx, version) => {
    const md = await getMetadata(trx, auth.workspaceId, version);
    const org = await loadOrg(trx, auth.workspaceId, version);
    // Roles as of this transaction: a session cached a few seconds ago may carry older ones.
    const access = await loadAccess(trx, auth.workspaceId, auth.userId, auth.access.isAdmin, version);
    return fn({ trx, auth: access === auth.access ? auth : { ...auth, access }, md, org, txId: newId(), now: new Date() });
  });
}
