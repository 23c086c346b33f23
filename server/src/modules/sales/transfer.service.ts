import { scopeFor } from '../../platform/access.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';
import { updateRecord } from '../../records/record-write.service.js';
import { logOwnerChange } from './accounts-owner.service.js';

export const MAX_TRANSFER = 1000;

export interface TransferOptions {
  /** Accounts: also move the customer's contacts and opportunities that the previous owner held. */
  withRelated?: boolean;
  reason?: string | null;
}

async function relatedIds(ctx: RecordCtx, object: string, accountId: string, ownerId: string | null): Promise<string[]> {
  if (!ownerId) return [];
  const rows = await ctx.trx.selectFrom(object).select('id').where('workspace_id', '=', ctx.auth.workspaceId)
    .where('account_id', '=', accountId).where('owner_id', '=', ownerId).where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

/**
 * Gives a record a new owner through the pipeline, which checks the caller's transfer scope over the current
 * owner and writes the ownerId history row. Customers also get an owner-log line.
 */
export async function transferRecord(ctx: RecordCtx, object: string, id: string, ownerId: string, opts: TransferOptions = {}) {
  const obj = objectOf(ctx, object);
  if (scopeFor(ctx.auth.access, obj.apiName, 'transfer') === 'none') throw new AppError(403, 'error.transferForbidden');
  const before = await loadRow(ctx, obj, id, 'update', { forUpdate: true });
  const saved = await updateRecord(ctx, object, id, { ownerId });
  if (object !== 'accounts' || before.owner_id === ownerId) return saved;
  await logOwnerChange(ctx, id, before.owner_id, { ownerId, poolId: null, action: 'transfer', reason: opts.reason ?? null });
  if (opts.withRelated) {
    for (const rel of ['contacts', 'opportunities']) {
      for (const rid of await relatedIds(ctx, rel, id, before.owner_id)) await updateRecord(ctx, rel, rid, { ownerId });
    }
  }
  return saved;
}

/** Many records to one owner in one transaction: all move, or none and every failure is reported by index. */
export async function transferMany(ctx: RecordCtx, object: string, ids: string[], ownerId: string, opts: TransferOptions = {}) {
  if (ids.length > MAX_TRANSFER) throw new AppError(413, 'error.bulkTooLarge', { max: MAX_TRANSFER });
  if (scopeFor(ctx.auth.access, objectOf(ctx, object).apiName, 'transfer') === 'none') throw new AppError(403, 'error.transferForbidden');
  const issues: FieldIssue[] = [];
  const data: Record<string, unknown>[] = [];
  for (const [index, id] of ids.entries()) {
    try {
      data.push(await transferRecord(ctx, object, id, ownerId, opts));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.errors.length) issues.push(...err.errors.map((e) => ({ ...e, index })));
      else issues.push({ field: 'id', code: err.code, params: err.params, index });
    }
  }
  if (issues.length) throw new AppError(422, 'error.validation', {}, issues);
  return data;
}

