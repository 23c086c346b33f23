import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../errors.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface SessionUser { id: string; email: string; name: string; locale: string; timeZone: string; isAdmin: boolean }

export interface LoginResult {
  token: string;
  csrfToken: string;
  mfaRequired: boolean;
  user: SessionUser;
  expiresAt: Date;
}

export function sessionUser(u: Record<string, any>): SessionUser {
  return { id: u.id, email: u.email, name: u.name, locale: u.locale, timeZone: u.time_zone, isAdmin: u.is_admin };
}

/** 423 while the account is locked; the remaining minutes are rounded up. */
export function lockError(u: Record<string, any>): AppError | null {
  const until = u.locked_until ? new Date(u.locked_until).getTime() : 0;
  if (until <= Date.now()) return null;
  return new AppError(423, 'auth.locked', { minutes: Math.ceil((until - Date.now()) / 60_000) });
}

/**
 * Counts one failed proof of identity (password, two-factor code) and locks the account for LOCK_MINUTES
 * after MAX_FAILED_LOGINS in a row. The caller must commit before raising its error, or the count is lost.
 */
export async function registerFailure(trx: Trx, workspaceId: string, u: Record<string, any>, audit: { ip?: string; reason: string }): Promise<AppError | null> {
  const failed = Number(u.failed_logins) + 1;
  const lock = failed >= MAX_FAILED_LOGINS;
  await trx.updateTable('users').set({ failed_logins: lock ? 0 : failed, locked_until: lock ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null })
    .where('workspace_id', '=', workspaceId).where('id', '=', u.id).execute();
  await recordAudit(trx, { workspaceId, actorId: u.id, event: 'auth.loginFailed', ip: audit.ip, detail: { reason: audit.reason, failed } });
  if (!lock) return null;
  await recordAudit(trx, { workspaceId, actorId: u.id, event: 'auth.lockedOut', ip: audit.ip, detail: { minutes: LOCK_MINUTES } });
  return new AppError(423, 'auth.locked', { minutes: LOCK_MINUTES });
}

/**
 * Checks the password, counts failures and locks the account after too many; a user with two-factor on
 * gets a short-lived session that only the MFA step can complete.
 */
export async function login(db: Database, email: string, password: string, meta: { ip: string; userAgent?: string; ttlHours: number }): Promise<LoginResult> {
  const dir = await db.kysely.selectFrom('login_directory').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!dir) {
    await verifyPassword(null, password);
    throw new AppError(401, 'auth.invalidCredentials');
  }
  const outcome = await withTenant(db, dir.workspace_id, async (trx) => {
    const u = await trx.selectFrom('users').selectAll().where('workspace_id', '=', dir.workspace_id).where('id', '=', dir.user_id).forUpdate().executeTakeFirst();
    const audit = (event: string, detail: Record<string, unknown> = {}) =>
      recordAudit(trx, { workspaceId: dir.workspace_id, actorId: dir.user_id, event, ip: meta.ip, detail: { email, ...detail } });
    if (!u || u.status !== 'active') { await audit('auth.loginFailed', { reason: 'inactive' }); return { error: new AppError(401, 'auth.invalidCredentials') }; }
    const locked = lockError(u);
    if (locked) { await audit('auth.loginFailed', { reason: 'locked' }); return { error: locked }; }
    if (!(await verifyPassword(u.password_hash, password))) {
      const lockedNow = await registerFailure(trx, dir.workspace_id, u, { ip: meta.ip, reason: 'password' });
      return { error: lockedNow ?? new AppError(401, 'auth.invalidCredentials') };
    }
    const s = await createSession(trx, dir.workspace_id, u.id, { ...meta, mfaPending: u.mfa_enabled });
    // With two-factor on, the failure count is reset only by a correct code: otherwise signing in again with
    // the password would give an attacker unlimited guesses at the code.
    if (!u.mfa_enabled) {
      await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
        .where('workspace_id', '=', dir.workspace_id).where('id', '=', u.id).execute();
    }
    await audit(u.mfa_enabled ? 'auth.passwordAccepted' : 'auth.login');
    return { result: { token: s.token, csrfToken: s.csrfToken, mfaRequired: u.mfa_enabled, expiresAt: s.expiresAt, user: sessionUser(u) } };
  });
  // Failures commit their counters and audit rows; only then is the error raised.
  if ('error' in outcome) throw outcome.error;
  return outcome.result!;
}
