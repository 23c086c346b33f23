import { sql } from 'kysely';
import type { ObjectDef } from '../../metadata/types.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';
import { scopeFor } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { forbidden, notFound } from '../errors.js';
import { ownersInScope } from '../org.service.js';
import { futureDate, idOrNull, Issues } from './identity-input.js';

export interface ShareOut { userId: string; userName: string; access: 'read' | 'edit'; expiresAt: string | null; createdBy: string | null; createdAt: string }
export interface ShareInput { userId?: unknown; access?: unknown; expiresAt?: unknown }

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toShare(r: Record<string, any>): ShareOut {
  return { userId: r.user_id, userName: r.user_name, access: r.access, expiresAt: iso(r.expires_at), createdBy: r.created_by, createdAt: iso(r.created_at)! };
}

async function liveShares(ctx: RecordCtx, obj: ObjectDef, recordId: string, userId?: string): Promise<ShareOut[]> {
  let q = ctx.trx.selectFrom('record_shares as s').innerJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 's.workspace_id').onRef('u.id', '=', 's.user_id'))
    .select(['s.user_id', 's.access', 's.expires_at', 's.created_by', 's.created_at', 'u.name as user_name'])
    .where('s.workspace_id', '=', ctx.auth.workspaceId).where('s.object', '=', obj.apiName).where('s.record_id', '=', recordId)
    .where(sql<boolean>`(s.expires_at is null or s.expires_at > now())`);
  if (userId) q = q.where('s.user_id', '=', userId);
  return (await q.orderBy('u.name').orderBy('s.user_id').execute()).map(toShare);
}

/**
 * Sharing needs update rights on the record through the caller's own role (or a module's visibility rule),
 * not through a share: someone a record was shared with cannot pass it on.
 */
async function shareableRow(ctx: RecordCtx, object: string, id: string) {
  const obj = objectOf(ctx, object);
  const row = await loadRow(ctx, obj, id, 'read');
  if (ctx.auth.access.isAdmin) return { obj, row };
  await loadRow(ctx, obj, id, 'update').catch(() => { throw forbidden('identity.shareNotAllowed'); });
  const owners = ownersInScope(ctx.org, ctx.auth.userId, scopeFor(ctx.auth.access, obj.apiName, 'update'));
  if (owners !== 'all' && !owners.includes(row.owner_id)) {
    if ((await liveShares(ctx, obj, row.id, ctx.auth.userId)).length > 0) throw forbidden('identity.shareNotAllowed');
  }
  return { obj, row };
}

/** Who else may see or edit this record, for anyone who can see it. */
export async function listShares(ctx: RecordCtx, object: string, id: string): Promise<ShareOut[]> {
  const obj = objectOf(ctx, object);
  const row = await loadRow(ctx, obj, id, 'read');
  return liveShares(ctx, obj, row.id);
}

/** Grants (or changes) a colleague's read or edit access, optionally until a given time. */
export async function shareRecord(ctx: RecordCtx, object: string, id: string, body: ShareInput): Promise<ShareOut> {
  const { obj, row } = await shareableRow(ctx, object, id);
  const issues = new Issues();
  const userId = idOrNull(body.userId);
  const target = userId ? ctx.org.users.get(userId) : undefined;
  if (!target) issues.add('userId', 'field.notFound');
  else if (!target.active) issues.add('userId', 'error.userInactive');
  else if (target.id === row.owner_id) issues.add('userId', 'identity.shareWithOwner');
  if (body.access !== 'read' && body.access !== 'edit') issues.add('access', 'identity.badShareAccess');
  const expiresAt = futureDate(body.expiresAt, 'expiresAt', issues) ?? null;
  issues.throwIfAny();
  await ctx.trx.insertInto('record_shares').values({
    workspace_id: ctx.auth.workspaceId, object: obj.apiName, record_id: row.id, user_id: userId!, access: body.access as string,
    expires_at: expiresAt, created_by: ctx.auth.userId, created_at: ctx.now,
  }).onConflict((oc) => oc.columns(['workspace_id', 'object', 'record_id', 'user_id']).doUpdateSet({
    access: body.access as string, expires_at: expiresAt, created_by: ctx.auth.userId, created_at: ctx.now,
  })).execute();
  await recordAudit(ctx.trx, {
    workspaceId: ctx.auth.workspaceId, actorId: ctx.auth.userId, event: 'record.shared', ip: ctx.auth.ip,
    detail: { object: obj.apiName, id: row.id, userId, access: body.access, expiresAt: expiresAt?.toISOString() ?? null },
  });
  const [share] = await liveShares(ctx, obj, row.id, userId!);
  return share;
}

/** Ends a share; those who may share may end any, and anyone may give back a share made to them. */
export async function unshareRecord(ctx: RecordCtx, object: string, id: string, userId: string): Promise<void> {
  const target = idOrNull(userId);
  const obj = objectOf(ctx, object);
  const row = target === ctx.auth.userId ? await loadRow(ctx, obj, id, 'read') : (await shareableRow(ctx, object, id)).row;
  if (!target) throw notFound();
  const res = await ctx.trx.deleteFrom('record_shares').where('workspace_id', '=', ctx.auth.workspaceId).where('object', '=', obj.apiName)
    .where('record_id', '=', row.id).where('user_id', '=', target).executeTakeFirst();
  if (Number(res.numDeletedRows ?? 0) === 0) throw notFound();
  await recordAudit(ctx.trx, { workspaceId: ctx.auth.workspaceId, actorId: ctx.auth.userId, event: 'record.unshared', ip: ctx.auth.ip, detail: { object: obj.apiName, id: row.id, userId: target } });
}
