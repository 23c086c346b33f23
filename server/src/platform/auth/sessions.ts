import type { Trx } from '../../db/tenant.js';
import { composeToken, randomToken, sha256 } from './tokens.js';
import { forgetSessions } from './session-cache.js';

/** A session that only the two-factor step can complete lives this long. */
export const MFA_PENDING_MINUTES = 10;

export interface NewSession { token: string; csrfToken: string; expiresAt: Date; id: string }

/** Stores a session by the hash of its secret; the token with the secret goes to the client only. */
export async function createSession(trx: Trx, workspaceId: string, userId: string, o: { ip: string; userAgent?: string; ttlHours: number; mfaPending: boolean }): Promise<NewSession> {
  const secret = randomToken();
  const csrfToken = randomToken();
  const expiresAt = o.mfaPending ? new Date(Date.now() + MFA_PENDING_MINUTES * 60_000) : new Date(Date.now() + o.ttlHours * 3600_000);
  const id = sha256(secret);
  await trx.insertInto('sessions').values({
    workspace_id: workspaceId, id, user_id: userId, csrf_token: csrfToken, mfa_pending: o.mfaPending,
    ip: o.ip, user_agent: o.userAgent?.slice(0, 500) ?? null, expires_at: expiresAt,
  }).execute();
  return { token: composeToken('ses', workspaceId, secret), csrfToken, expiresAt, id };
}

/** Signs the user out everywhere, or everywhere but the given session; returns how many were ended. */
export async function revokeSessions(trx: Trx, workspaceId: string, userId: string, exceptSessionId?: string): Promise<number> {
  let q = trx.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const res = await q.executeTakeFirst();
  forgetSessions(workspaceId, { userId });
  return Number(res.numDeletedRows ?? 0);
}
