import type { Trx } from '../db/tenant.js';
import type { AuthContext } from '../platform/access.js';
import type { Org } from '../platform/org.service.js';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/types.js';
import { notFound, AppError } from '../platform/errors.js';

/** Everything a records operation needs, loaded once per request inside the tenant transaction. */
export interface RecordCtx {
  trx: Trx;
  auth: AuthContext;
  md: WorkspaceMetadata;
  org: Org;
  /** Shared across one request so history rows of one write carry the same id. */
  txId: string;
  now: Date;
}

export function objectOf(ctx: RecordCtx, apiName: string): ObjectDef {
  const obj = ctx.md.objects.get(apiName);
  if (!obj || obj.status !== 'active') throw new AppError(404, 'error.unknownObject', { object: apiName });
  return obj;
}

export { notFound };
