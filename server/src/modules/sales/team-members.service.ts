import { scopeFor } from '../../platform/access.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { addOutboxEvent } from '../../platform/events/outbox.js';
import { ownersInScope } from '../../platform/org.service.js';
import { writeHistory } from '../../records/history.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';
import { iso } from './sales-common.js';

/** Objects whose records carry a sales team. */
export const TEAM_OBJECTS = new Set(['accounts', 'opportunities']);

export interface TeamMemberInput { userId: string; access: 'read' | 'edit'; expiresAt?: string | null }

function teamObject(ctx: RecordCtx, object: string) {
  if (!TEAM_OBJECTS.has(object)) throw new AppError(404, 'error.unknownObject', { object });
  return objectOf(ctx, object);
}

/** The team is the owner's (or their managers') to change — not of someone who is only on the team. */
async function loadManaged(ctx: RecordCtx, object: string, id: string) {
  const obj = teamObject(ctx, object);
  const row = await loadRow(ctx, obj, id, 'update', { forUpdate: true });
  const owners = ownersInScope(ctx.org, ctx.auth.userId, scopeFor(ctx.auth.access, object, 'update'));
  if (row.owner_id !== ctx.auth.userId && owners !== 'all' && !owners.includes(row.owner_id)) throw forbidden('sales.team.notManager');
  return row;
}

export async function listTeam(ctx: RecordCtx, object: string, id: string) {
  const row = await loadRow(ctx, teamObject(ctx, object), id, 'read');
  const shares = await ctx.trx.selectFrom('record_shares').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('object', '=', object).where('record_id', '=', id).orderBy('created_at').execute();
  return {
    ownerId: row.owner_id as string | null,
    members: shares.map((s) => ({ userId: s.user_id, access: s.access, expiresAt: iso(s.expires_at), addedBy: s.created_by, addedAt: iso(s.created_at) })),
  };
}

async function record(ctx: RecordCtx, object: string, id: string, change: { old: unknown; new: unknown }) {
  await writeHistory(ctx, object, id, 'team', [{ field: 'team', ...change }]);
  await addOutboxEvent(ctx.trx, { workspaceId: ctx.auth.workspaceId, object, recordId: id, event: `${object}.teamChanged`, payload: change, actorId: ctx.auth.userId });
}

export async function addTeamMember(ctx: RecordCtx, object: string, id: string, m: TeamMemberInput) {
  const row = await loadManaged(ctx, object, id);
  if (!ctx.org.users.get(m.userId)?.active) throw invalid([{ field: 'userId', code: 'field.notFound' }]);
  if (m.userId === row.owner_id) throw invalid([{ field: 'userId', code: 'sales.team.isOwner' }]);
  const expires = m.expiresAt ? new Date(m.expiresAt) : null;
  if (expires && (Number.isNaN(expires.getTime()) || expires <= ctx.now)) throw invalid([{ field: 'expiresAt', code: 'sales.team.expiryPast' }]);
  const prev = await ctx.trx.selectFrom('record_shares').select(['access', 'expires_at']).where('workspace_id', '=', ctx.auth.workspaceId)
    .where('object', '=', object).where('record_id', '=', id).where('user_id', '=', m.userId).executeTakeFirst();
  await ctx.trx.insertInto('record_shares').values({
    workspace_id: ctx.auth.workspaceId, object, record_id: id, user_id: m.userId, access: m.access, expires_at: expires, created_by: ctx.auth.userId,
  }).onConflict((oc) => oc.columns(['workspace_id', 'object', 'record_id', 'user_id']).doUpdateSet({ access: m.access, expires_at: expires })).execute();
  await record(ctx, object, id, {
    old: prev ? { userId: m.userId, access: prev.access, expiresAt: iso(prev.expires_at) } : null,
    new: { userId: m.userId, access: m.access, expiresAt: iso(expires) },
  });
  return listTeam(ctx, object, id);
}

export async function removeTeamMember(ctx: RecordCtx, object: string, id: string, userId: string) {
  await loadManaged(ctx, object, id);
  const gone = await ctx.trx.deleteFrom('record_shares').where('workspace_id', '=', ctx.auth.workspaceId).where('object', '=', object)
    .where('record_id', '=', id).where('user_id', '=', userId).returning(['access']).executeTakeFirst();
  if (!gone) throw new AppError(404, 'error.notFound');
  await record(ctx, object, id, { old: { userId, access: gone.access }, new: null });
}
