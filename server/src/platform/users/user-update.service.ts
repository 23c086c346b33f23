import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError, notFound } from '../errors.js';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.js';
import { revokeSessions } from '../auth/sessions.js';
import { cleanText, idOrNull, Issues, localeField, timeZoneField } from './identity-input.js';
import { clearMfa } from './mfa.service.js';
import { departmentExists, lockOrg, orgChanged, userExists, wouldCycleManager } from './org-rules.js';
import { adminView, checkRoleIds, roleIdsOf, type UserAdminView } from './users.service.js';

export interface UserPatch {
  name?: unknown; departmentId?: unknown; managerId?: unknown; roleIds?: unknown; status?: unknown; isAdmin?: unknown;
  locale?: unknown; timeZone?: unknown; mfaEnabled?: unknown;
}

const STATUSES = ['active', 'inactive'];

function staticChecks(body: UserPatch, issues: Issues) {
  const set: Record<string, unknown> = {};
  const name = cleanText(body.name, 'name', issues, { max: 100, required: body.name !== undefined });
  if (name !== undefined) set.name = name;
  const locale = localeField(body.locale, 'locale', issues);
  if (locale) set.locale = locale;
  const tz = timeZoneField(body.timeZone, 'timeZone', issues);
  if (tz) set.time_zone = tz;
  if (body.status !== undefined && !STATUSES.includes(body.status as string)) issues.add('status', 'identity.badStatus');
  if (body.isAdmin !== undefined && typeof body.isAdmin !== 'boolean') issues.add('isAdmin', 'field.type.boolean');
  if (body.mfaEnabled !== undefined && body.mfaEnabled !== false) issues.add('mfaEnabled', 'identity.mfaResetOnly');
  return set;
}

/** Someone must stay able to administer the workspace. */
async function otherActiveAdmins(trx: Trx, workspaceId: string, userId: string): Promise<number> {
  const r = await trx.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where('workspace_id', '=', workspaceId)
    .where('is_admin', '=', true).where('status', '=', 'active').where('id', '!=', userId).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function referenceChecks(trx: Trx, auth: AuthContext, userId: string, body: UserPatch, set: Record<string, unknown>, issues: Issues) {
  const ws = auth.workspaceId;
  if (body.departmentId !== undefined) {
    const d = idOrNull(body.departmentId);
    if (!d || !(await departmentExists(trx, ws, d))) issues.add('departmentId', 'field.notFound');
    else set.department_id = d;
  }
  if (body.managerId === null) set.manager_id = null;
  else if (body.managerId !== undefined) {
    const m = idOrNull(body.managerId);
    if (!m || !(await userExists(trx, ws, m))) issues.add('managerId', 'field.notFound');
    else if (await wouldCycleManager(trx, ws, userId, m)) issues.add('managerId', 'identity.managerCycle');
    else set.manager_id = m;
  }
  return checkRoleIds(trx, ws, body.roleIds, issues);
}

/**
 * Changes a user as an administrator. Deactivating ends the user's sessions and revokes their API keys;
 * org, role and admin changes bump the configuration version so every node applies them on the next request.
 */
export async function updateUser(db: Database, auth: AuthContext, id: string, body: UserPatch, expectedVersion?: number): Promise<UserAdminView> {
  const userId = idOrNull(id);
  if (!userId) throw notFound();
  const issues = new Issues();
  const set = staticChecks(body, issues);
  issues.throwIfAny();
  return withTenant(db, auth.workspaceId, async (trx) => {
    await lockOrg(trx, auth.workspaceId);
    const before = await trx.selectFrom('users').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new AppError(412, 'error.preconditionFailed', { expected: expectedVersion, current: before.version });
    }
    const roleIds = await referenceChecks(trx, auth, userId, body, set, issues);
    issues.throwIfAny();
    const deactivating = body.status === 'inactive' && before.status === 'active';
    const demoting = body.isAdmin === false && before.is_admin;
    if ((deactivating || demoting) && userId === auth.userId) throw new AppError(409, deactivating ? 'identity.cannotDeactivateSelf' : 'identity.cannotDemoteSelf');
    if ((deactivating || demoting) && before.is_admin && before.status === 'active' && (await otherActiveAdmins(trx, auth.workspaceId, userId)) === 0) {
      throw new AppError(409, 'identity.lastAdmin');
    }
    if (body.status !== undefined) set.status = body.status;
    if (typeof body.isAdmin === 'boolean') set.is_admin = body.isAdmin;
    return applyUserChanges(trx, auth, before, set, roleIds, body.mfaEnabled === false && before.mfa_enabled);
  });
}

async function applyUserChanges(trx: Trx, auth: AuthContext, before: Record<string, any>, set: Record<string, unknown>, roleIds: string[] | undefined, resetMfa: boolean): Promise<UserAdminView> {
  const ws = auth.workspaceId;
  const audit = (event: string, detail: Record<string, unknown>) => recordAudit(trx, { workspaceId: ws, actorId: auth.userId, event, ip: auth.ip, detail: { userId: before.id, ...detail } });
  const oldRoles = (await roleIdsOf(trx, ws, [before.id])).get(before.id) ?? [];
  const changed = Object.keys(set).filter((k) => JSON.stringify(set[k]) !== JSON.stringify(before[k]));
  const rolesChanged = roleIds !== undefined && JSON.stringify([...roleIds].sort()) !== JSON.stringify(oldRoles);
  const after = await trx.updateTable('users').set({ ...set, updated_at: new Date(), version: sql`version + 1` })
    .where('workspace_id', '=', ws).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
  if (rolesChanged) {
    await trx.deleteFrom('user_roles').where('workspace_id', '=', ws).where('user_id', '=', before.id).execute();
    for (const r of roleIds!) await trx.insertInto('user_roles').values({ workspace_id: ws, user_id: before.id, role_id: r }).execute();
    await audit('user.rolesChanged', { before: oldRoles, after: [...roleIds!].sort() });
  }
  if (changed.length) await audit('user.updated', { changes: Object.fromEntries(changed.map((k) => [k, { old: before[k], new: set[k] }])) });
  if (set.status === 'inactive' && before.status === 'active') {
    const sessionsEnded = await revokeSessions(trx, ws, before.id);
    const keys = await trx.updateTable('api_keys').set({ revoked_at: new Date() }).where('workspace_id', '=', ws)
      .where('user_id', '=', before.id).where('revoked_at', 'is', null).executeTakeFirst();
    await audit('user.deactivated', { sessionsEnded, apiKeysRevoked: Number(keys.numUpdatedRows ?? 0) });
  }
  if (set.status === 'active' && before.status === 'inactive') await audit('user.reactivated', {});
  if (resetMfa) {
    await clearMfa(trx, ws, before.id);
    await audit('user.mfaReset', {});
  }
  const orgKeys = ['department_id', 'manager_id', 'status', 'is_admin'];
  if (rolesChanged || changed.some((k) => orgKeys.includes(k))) await orgChanged(trx, ws);
  const finalRow = resetMfa ? { ...after, mfa_enabled: false } : after;
  return adminView(finalRow, rolesChanged ? [...roleIds!].sort() : oldRoles);
}

/** An administrator sets a new password (e.g. for a user created without one); it also lifts a lockout. */
export async function resetUserPassword(db: Database, auth: AuthContext, id: string, password: unknown): Promise<void> {
  const userId = idOrNull(id);
  if (!userId) throw notFound();
  const pw = checkPasswordPolicy(password);
  const hash = await hashPassword(pw);
  await withTenant(db, auth.workspaceId, async (trx) => {
    const r = await trx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date(), failed_logins: 0, locked_until: null, updated_at: new Date() })
      .where('workspace_id', '=', auth.workspaceId).where('id', '=', userId).returning('id').executeTakeFirst();
    if (!r) throw notFound();
    const sessionsEnded = userId === auth.userId && auth.sessionId
      ? await revokeSessions(trx, auth.workspaceId, userId, auth.sessionId)
      : await revokeSessions(trx, auth.workspaceId, userId);
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'user.passwordReset', ip: auth.ip, detail: { userId, sessionsEnded } });
  });
}
