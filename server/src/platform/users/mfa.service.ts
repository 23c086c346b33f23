import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../errors.js';
import { FailAfterCommit, withTenantKeepingFailures } from '../auth/keep-failures.js';
import { lockError, registerFailure, sessionUser, type SessionUser } from '../auth/login.service.js';
import { verifyPassword } from '../auth/passwords.js';
import { createSession } from '../auth/sessions.js';
import { sha256 } from '../auth/tokens.js';

export const RECOVERY_CODE_COUNT = 10;
const STEP_SECONDS = 30;
// One step either side tolerates a phone clock that is up to 30 s off.
const totp = authenticator.clone({ window: 1, step: STEP_SECONDS });
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

interface Meta { ip?: string; userAgent?: string }

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The time step of a valid code newer than the last one accepted, or null: a code works once. */
export function acceptTotp(secret: string, code: string, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp.checkDelta(code, secret);
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 1000 / STEP_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

const lastStepOf = (u: Record<string, any>) => (u.mfa_last_step === null || u.mfa_last_step === undefined ? null : Number(u.mfa_last_step));

async function lockedUser(trx: Trx, auth: { workspaceId: string; userId: string }) {
  const u = await trx.selectFrom('users').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', auth.userId).forUpdate().executeTakeFirst();
  if (!u) throw new AppError(401, 'error.unauthenticated');
  return u;
}

/** Starts (or restarts) set-up: a new secret that only becomes active once a code from it is confirmed. */
export async function enrollMfa(db: Database, auth: AuthContext, meta: Meta): Promise<{ secret: string; otpauthUri: string }> {
  return withTenant(db, auth.workspaceId, async (trx) => {
    const u = await lockedUser(trx, auth);
    if (u.mfa_enabled) throw new AppError(409, 'auth.mfaAlreadyEnabled');
    const secret = authenticator.generateSecret(20);
    await trx.updateTable('users').set({ mfa_secret: secret, mfa_last_step: null })
      .where('workspace_id', '=', auth.workspaceId).where('id', '=', u.id).execute();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: u.id, event: 'auth.mfaEnrollStarted', ip: meta.ip });
    return { secret, otpauthUri: totp.keyuri(u.email, 'Rapport', secret) };
  });
}

/** Confirms set-up with a code; returns the recovery codes, shown this once and stored hashed. */
export async function activateMfa(db: Database, auth: AuthContext, code: string, meta: Meta): Promise<{ recoveryCodes: string[] }> {
  return withTenantKeepingFailures(db, auth.workspaceId, async (trx) => {
    const u = await lockedUser(trx, auth);
    if (u.mfa_enabled) throw new AppError(409, 'auth.mfaAlreadyEnabled');
    if (!u.mfa_secret) throw new AppError(409, 'auth.mfaNotEnrolled');
    const locked = lockError(u);
    if (locked) throw locked;
    const step = acceptTotp(u.mfa_secret, code.trim(), lastStepOf(u));
    if (step === null) {
      const lockedNow = await registerFailure(trx, auth.workspaceId, u, { ip: meta.ip, reason: 'mfaActivate' });
      throw new FailAfterCommit(lockedNow ?? new AppError(422, 'error.validation', {}, [{ field: 'code', code: 'auth.mfaInvalid' }]));
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await trx.updateTable('users').set({
      mfa_enabled: true, mfa_last_step: step, failed_logins: 0,
      recovery_codes: JSON.stringify(recoveryCodes.map((c) => sha256(normaliseRecoveryCode(c)))),
    }).where('workspace_id', '=', auth.workspaceId).where('id', '=', u.id).execute();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: u.id, event: 'auth.mfaEnabled', ip: meta.ip });
    return { recoveryCodes };
  });
}

export interface MfaSignIn { token: string; csrfToken: string; expiresAt: Date; user: SessionUser; method: 'totp' | 'recoveryCode'; recoveryCodesLeft: number }

/**
 * Completes a sign-in whose session waits for the second factor: a TOTP code or an unused recovery code
 * (which is then used up). The waiting session is replaced by a new one, so its token never gains rights.
 */
export async function completeMfaSignIn(db: Database, auth: AuthContext, code: string, meta: Meta & { ttlHours: number }): Promise<MfaSignIn> {
  if (!auth.sessionId) throw new AppError(409, 'auth.mfaNotPending');
  return withTenantKeepingFailures(db, auth.workspaceId, async (trx) => {
    const s = await trx.selectFrom('sessions').select(['id', 'mfa_pending']).where('workspace_id', '=', auth.workspaceId)
      .where('id', '=', auth.sessionId!).executeTakeFirst();
    if (!s?.mfa_pending) throw new AppError(409, 'auth.mfaNotPending');
    const u = await lockedUser(trx, auth);
    const endPending = () => trx.deleteFrom('sessions').where('workspace_id', '=', auth.workspaceId).where('id', '=', s.id).execute();
    const locked = lockError(u);
    if (locked) { await endPending(); throw new FailAfterCommit(locked); }
    const proof = checkSecondFactor(u, code);
    if (!proof) {
      const lockedNow = await registerFailure(trx, auth.workspaceId, u, { ip: meta.ip, reason: 'mfa' });
      if (lockedNow) await endPending();
      throw new FailAfterCommit(lockedNow ?? new AppError(401, 'auth.mfaInvalid'));
    }
    await endPending();
    const next = await createSession(trx, auth.workspaceId, u.id, { ip: meta.ip ?? '', userAgent: meta.userAgent, ttlHours: meta.ttlHours, mfaPending: false });
    await trx.updateTable('users').set({
      failed_logins: 0, locked_until: null, last_login_at: new Date(),
      ...(proof.step !== null ? { mfa_last_step: proof.step } : { recovery_codes: JSON.stringify(proof.codesLeft) }),
    }).where('workspace_id', '=', auth.workspaceId).where('id', '=', u.id).execute();
    const method = proof.step !== null ? 'totp' : 'recoveryCode';
    if (method === 'recoveryCode') {
      await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: u.id, event: 'auth.recoveryCodeUsed', ip: meta.ip, detail: { remaining: proof.codesLeft.length } });
    }
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: u.id, event: 'auth.login', ip: meta.ip, detail: { email: u.email, mfa: method } });
    return { ...next, user: sessionUser(u), method, recoveryCodesLeft: proof.codesLeft.length };
  });
}

function checkSecondFactor(u: Record<string, any>, raw: string): { step: number | null; codesLeft: string[] } | null {
  const codes: string[] = Array.isArray(u.recovery_codes) ? u.recovery_codes : [];
  const code = raw.trim();
  if (!u.mfa_enabled || !u.mfa_secret) return null;
  if (/^\d{6}$/.test(code)) {
    const step = acceptTotp(u.mfa_secret, code, lastStepOf(u));
    return step === null ? null : { step, codesLeft: codes };
  }
  const hash = sha256(normaliseRecoveryCode(code));
  if (!codes.includes(hash)) return null;
  return { step: null, codesLeft: codes.filter((c) => c !== hash) };
}

/** Turns two-factor off after the password is confirmed; wrong passwords count toward the lockout. */
export async function disableMfa(db: Database, auth: AuthContext, password: string, meta: Meta): Promise<void> {
  await withTenantKeepingFailures(db, auth.workspaceId, async (trx) => {
    const u = await lockedUser(trx, auth);
    if (!u.mfa_enabled) throw new AppError(409, 'identity.mfaNotEnabled');
    const locked = lockError(u);
    if (locked) throw locked;
    if (!(await verifyPassword(u.password_hash, password))) {
      const lockedNow = await registerFailure(trx, auth.workspaceId, u, { ip: meta.ip, reason: 'mfaDisable' });
      throw new FailAfterCommit(lockedNow ?? new AppError(422, 'error.validation', {}, [{ field: 'password', code: 'auth.passwordWrong' }]));
    }
    await clearMfa(trx, auth.workspaceId, u.id);
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: u.id, event: 'auth.mfaDisabled', ip: meta.ip });
  });
}

/** Removes the secret, recovery codes and the replay marker; used by the user and by an administrator. */
export async function clearMfa(trx: Trx, workspaceId: string, userId: string): Promise<void> {
  await trx.updateTable('users').set({ mfa_enabled: false, mfa_secret: null, recovery_codes: '[]', mfa_last_step: null })
    .where('workspace_id', '=', workspaceId).where('id', '=', userId).execute();
}
