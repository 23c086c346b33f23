import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import { maskValue } from '../../records/present.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { checkPasswordPolicy, hashPassword, PASSWORD_MIN } from '../auth/passwords.js';
import { cleanText, emailField, idOrNull, Issues, localeField, timeZoneField } from './identity-input.js';
import { departmentExists, lockOrg, missingRoles, orgChanged, rootDepartment, userExists } from './org-rules.js';

/** What administrators see of a user. */
export interface UserAdminView {
  id: string; email: string; name: string; locale: string; timeZone: string; departmentId: string | null; managerId: string | null;
  status: string; isAdmin: boolean; roleIds: string[]; mfaEnabled: boolean; hasPassword: boolean; lockedUntil: string | null;
  lastLoginAt: string | null; createdAt: string; updatedAt: string; version: number;
}

/**
 * What colleagues see: enough to pick an owner, a manager or someone to share with. The e-mail is masked
 * like any other e-mail unless the viewer's roles may unmask (or it is their own).
 */
export interface UserPublicView { id: string; name: string; email: string; departmentId: string | null; managerId: string | null; status: string }

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function adminView(u: Record<string, any>, roleIds: string[]): UserAdminView {
  return {
    id: u.id, email: u.email, name: u.name, locale: u.locale, timeZone: u.time_zone, departmentId: u.department_id, managerId: u.manager_id,
    status: u.status, isAdmin: u.is_admin, roleIds, mfaEnabled: u.mfa_enabled, hasPassword: !!u.password_hash,
    lockedUntil: u.locked_until && new Date(u.locked_until) > new Date() ? iso(u.locked_until) : null,
    lastLoginAt: iso(u.last_login_at), createdAt: iso(u.created_at)!, updatedAt: iso(u.updated_at)!, version: u.version,
  };
}

function publicView(auth: AuthContext, u: Record<string, any>): UserPublicView {
  const email = auth.access.canUnmask || u.id === auth.userId ? u.email : (maskValue('email', u.email) as string);
  return { id: u.id, name: u.name, email, departmentId: u.department_id, managerId: u.manager_id, status: u.status };
}

export async function roleIdsOf(trx: Trx, workspaceId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await trx.selectFrom('user_roles').select(['user_id', 'role_id']).where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds).orderBy('role_id').execute();
  for (const r of rows) out.get(r.user_id)?.push(r.role_id);
  return out;
}

export interface UserListQuery { q?: string; departmentId?: string; status?: string; limit?: number; cursor?: string }

function decodeCursor(c: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && idOrNull(v[1])) return [v[0], v[1]];
  } catch { /* reported below */ }
  throw new AppError(400, 'error.badCursor');
}

/** Users by name, a page at a time (keyset on name, id); administrators get the full view. */
export async function listUsers(db: Database, auth: AuthContext, p: UserListQuery): Promise<{ data: (UserAdminView | UserPublicView)[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(p.limit ?? 100, 1), 500);
  const after = p.cursor ? decodeCursor(p.cursor) : null;
  return withTenant(db, auth.workspaceId, async (trx) => {
    let q = trx.selectFrom('users').selectAll().where('workspace_id', '=', auth.workspaceId);
    if (p.status) q = q.where('status', '=', p.status);
    if (p.departmentId) {
      const d = idOrNull(p.departmentId);
      q = d ? q.where('department_id', '=', d) : q.where(sql<boolean>`false`);
    }
    const term = p.q?.trim().toLowerCase();
    if (term) {
      // Only those who may see e-mails in clear may search by them; otherwise the search would reveal them.
      q = auth.access.canUnmask
        ? q.where(sql<boolean>`(position(${term} in lower(name)) > 0 or position(${term} in email) > 0)`)
        : q.where(sql<boolean>`position(${term} in lower(name)) > 0`);
    }
    if (after) q = q.where(sql<boolean>`(name, id) > (${after[0]}, ${after[1]}::uuid)`);
    const rows = await q.orderBy('name').orderBy('id').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null;
    if (!auth.access.isAdmin) return { data: page.map((u) => publicView(auth, u)), nextCursor };
    const roles = await roleIdsOf(trx, auth.workspaceId, page.map((u) => u.id));
    return { data: page.map((u) => adminView(u, roles.get(u.id) ?? [])), nextCursor };
  });
}

export async function getUser(db: Database, auth: AuthContext, id: string): Promise<UserAdminView | UserPublicView> {
  const userId = idOrNull(id);
  if (!userId) throw notFound();
  return withTenant(db, auth.workspaceId, async (trx) => {
    const u = await trx.selectFrom('users').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', userId).executeTakeFirst();
    if (!u) throw notFound();
    if (!auth.access.isAdmin) return publicView(auth, u);
    return adminView(u, (await roleIdsOf(trx, auth.workspaceId, [u.id])).get(u.id) ?? []);
  });
}

export interface NewUser {
  email?: unknown; name?: unknown; password?: unknown; departmentId?: unknown; managerId?: unknown; roleIds?: unknown;
  locale?: unknown; timeZone?: unknown; isAdmin?: unknown;
}

/** Checks that a list of role ids is a list of this workspace's roles; reports the bad positions. */
export async function checkRoleIds(trx: Trx, workspaceId: string, v: unknown, issues: Issues): Promise<string[] | undefined> {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) { issues.add('roleIds', 'field.type.array'); return undefined; }
  const ids = v.map((x) => idOrNull(x));
  ids.forEach((id, i) => { if (!id) issues.add(`roleIds.${i}`, 'field.notFound'); });
  const valid = [...new Set(ids.filter((x): x is string => !!x))];
  const missing = new Set(await missingRoles(trx, workspaceId, valid));
  ids.forEach((id, i) => { if (id && missing.has(id)) issues.add(`roleIds.${i}`, 'field.notFound'); });
  return valid.filter((id) => !missing.has(id));
}

/**
 * Creates a user and claims the e-mail in the installation-wide sign-in directory in one transaction. A user
 * created without a password cannot sign in until an administrator sets one.
 */
export async function createUser(db: Database, auth: AuthContext, body: NewUser): Promise<UserAdminView> {
  const issues = new Issues();
  const email = emailField(body.email, 'email', issues);
  const name = cleanText(body.name, 'name', issues, { max: 100, required: true });
  const locale = localeField(body.locale, 'locale', issues);
  const timeZone = timeZoneField(body.timeZone, 'timeZone', issues);
  if (body.isAdmin !== undefined && typeof body.isAdmin !== 'boolean') issues.add('isAdmin', 'field.type.boolean');
  if (body.password !== undefined && body.password !== null) {
    try { checkPasswordPolicy(body.password); } catch { issues.add('password', 'auth.passwordPolicy', { min: PASSWORD_MIN }); }
  }
  const passwordHash = typeof body.password === 'string' && issues.list.length === 0 ? await hashPassword(body.password) : null;
  return withTenant(db, auth.workspaceId, async (trx) => {
    await lockOrg(trx, auth.workspaceId);
    const ws = await trx.selectFrom('workspaces').select(['locale', 'time_zone']).where('id', '=', auth.workspaceId).executeTakeFirstOrThrow();
    const departmentId = body.departmentId === undefined || body.departmentId === null ? await rootDepartment(trx, auth.workspaceId) : idOrNull(body.departmentId);
    if (body.departmentId !== undefined && body.departmentId !== null && !(departmentId && await departmentExists(trx, auth.workspaceId, departmentId))) issues.add('departmentId', 'field.notFound');
    const managerId = body.managerId === undefined || body.managerId === null ? null : idOrNull(body.managerId);
    if (body.managerId !== undefined && body.managerId !== null && !(managerId && await userExists(trx, auth.workspaceId, managerId))) issues.add('managerId', 'field.notFound');
    const roleIds = (await checkRoleIds(trx, auth.workspaceId, body.roleIds, issues)) ?? [];
    issues.throwIfAny();
    const id = newId();
    await claimEmail(trx, auth.workspaceId, email!, id);
    const row = await trx.insertInto('users').values({
      workspace_id: auth.workspaceId, id, email: email!, name: name!, password_hash: passwordHash,
      locale: locale ?? ws.locale, time_zone: timeZone ?? ws.time_zone, department_id: departmentId, manager_id: managerId,
      is_admin: body.isAdmin === true, password_changed_at: passwordHash ? new Date() : null,
    }).returningAll().executeTakeFirstOrThrow();
    for (const roleId of roleIds) await trx.insertInto('user_roles').values({ workspace_id: auth.workspaceId, user_id: id, role_id: roleId }).execute();
    await orgChanged(trx, auth.workspaceId);
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'user.created', ip: auth.ip, detail: { userId: id, email, roleIds, isAdmin: row.is_admin } });
    return adminView(row, [...roleIds].sort());
  });
}

/** E-mails identify people across the whole installation: an address used in any workspace is refused. */
async function claimEmail(trx: Trx, workspaceId: string, email: string, userId: string): Promise<void> {
  try {
    await trx.insertInto('login_directory').values({ email, workspace_id: workspaceId, user_id: userId }).execute();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new AppError(409, 'error.validation', {}, [{ field: 'email', code: 'identity.emailTaken', params: { email } }]);
    }
    throw err;
  }
}
