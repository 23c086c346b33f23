import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../errors.js';
import { FailAfterCommit, withTenantKeepingFailures } from '../auth/keep-failures.js';
import { lockError, registerFailure } from '../auth/login.service.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../auth/passwords.js';
import { revokeSessions } from '../auth/sessions.js';
import { forgetSessions } from '../auth/session-cache.js';
import { cleanText, Issues, localeField, timeZoneField } from './identity-input.js';

export interface Profile {
  id: string; email: string; name: string; locale: string; timeZone: string; isAdmin: boolean; mfaEnabled: boolean;
  departmentId: string | null; managerId: string | null; lastLoginAt: string | null; passwordChangedAt: string | null;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toProfile(u: Record<string, any>): Profile {
  return {
    id: u.id, email: u.email, name: u.name, locale: u.locale, timeZone: u.time_zone, isAdmin: u.is_admin, mfaEnabled: u.mfa_enabled,
    departmentId: u.department_id, managerId: u.manager_id, lastLoginAt: iso(u.last_login_at), passwordChangedAt: iso(u.password_changed_at),
  };
}

export async function getProfile(db: Database, auth: AuthContext): Promise<Profile> {
  return withTenant(db, auth.workspaceId, async (trx) => {
    const u = await trx.selectFrom('users').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', auth.userId).executeTakeFirst();
    if (!u) throw new AppError(401, 'error.unauthenticated');
    return toProfile(u);
  });
}

/** Name, language and time zone: what every user may change about themselves. */
export async function updateProfile(db: Database, auth: AuthContext, body: Record<string, unknown>): Promise<Profile> {
  const issues = new Issues();
  const name = cleanText(body.name, 'name', issues, { max: 100, required: body.name !== undefined });
  const locale = localeField(body.locale, 'locale', issues);
  const timeZone = timeZoneField(body.timeZone, 'timeZone', issues);
  issues.throwIfAny();
  return withTenant(db, auth.workspaceId, async (trx) => {
    const set: Record<string, unknown> = { updated_at: new Date(), version: sql`version + 1` };
    if (name !== undefined) set.name = name;
    if (locale !== undefined) set.locale = locale;
    if (timeZone !== undefined) set.time_zone = timeZone;
    const u = await trx.updateTable('users').set(set).where('workspace_id', '=', auth.workspaceId).where('id', '=', auth.userId)
      .returningAll().executeTakeFirst();
    if (!u) throw new AppError(401, 'error.unauthenticated');
    forgetSessions(auth.workspaceId, { userId: auth.userId });
    return toProfile(u);
  });
}

/**
 * Changes the caller's password after checking the current one (failures count toward the lockout) and
 * signs the user out of every other session, since whoever knew the old password may be holding one.
 */
export async function changePassword(db: Database, auth: AuthContext & { sessionId: string }, currentPassword: string, newPassword: string): Promise<{ sessionsEnded: number }> {
  checkPasswordPolicy(newPassword, 'newPassword');
  return withTenantKeepingFailures(db, auth.workspaceId, async (trx) => {
    const u = await trx.selectFrom('users').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', auth.userId).forUpdate().executeTakeFirst();
    if (!u) throw new AppError(401, 'error.unauthenticated');
    const locked = lockError(u);
    if (locked) throw locked;
    if (!(await verifyPassword(u.password_hash, currentPassword))) {
      const lockedNow = await registerFailure(trx, auth.workspaceId, u, { ip: auth.ip, reason: 'passwordChange' });
      throw new FailAfterCommit(lockedNow ?? new AppError(422, 'error.validation', {}, [{ field: 'currentPassword', code: 'auth.passwordWrong' }]));
    }
    if (currentPassword === newPassword) throw new AppError(422, 'error.validation', {}, [{ field: 'newPassword', code: 'identity.passwordReused' }]);
    await trx.updateTable('users').set({ password_hash: await hashPassword(newPassword), password_changed_at: new Date(), failed_logins: 0, updated_at: new Date() })
      .where('workspace_id', '=', auth.workspaceId).where('id', '=', u.id).execute();
    const sessionsEnded = await revokeSessions(trx, auth.workspaceId, u.id, auth.sessionId);
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: u.id, event: 'auth.passwordChanged', ip: auth.ip, detail: { sessionsEnded } });
    return { sessionsEnded };
  });
}
