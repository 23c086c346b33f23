import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import { getMetadata } from '../../metadata/metadata.service.js';
import type { WorkspaceMetadata } from '../../metadata/types.js';
import { ACTIONS, SCOPES, type Action, type AuthContext, type FieldAccess, type Scope } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { cleanText, idOrNull, Issues } from './identity-input.js';
import { orgChanged } from './org-rules.js';

type Permissions = Record<string, Partial<Record<Action, Scope>>>;
type FieldPermissions = Record<string, Record<string, FieldAccess>>;
const FIELD_ACCESS: FieldAccess[] = ['hidden', 'readonly', 'editable'];

export interface RoleOut {
  id: string; name: string; description: string; permissions: Permissions; fieldPermissions: FieldPermissions; canUnmask: boolean;
  isSystem: boolean; userCount: number; createdAt: string; updatedAt: string;
}

export interface RoleInput { name?: unknown; description?: unknown; permissions?: unknown; fieldPermissions?: unknown; canUnmask?: unknown }

const iso = (d: Date | string) => new Date(d).toISOString();
const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const short = (s: string) => s.slice(0, 60);

async function rows(trx: Trx, workspaceId: string, id?: string): Promise<RoleOut[]> {
  let q = trx.selectFrom('roles as r').selectAll('r')
    .select(sql<string>`(select count(*) from user_roles ur where ur.workspace_id = r.workspace_id and ur.role_id = r.id)`.as('user_count'))
    .where('r.workspace_id', '=', workspaceId);
  if (id) q = q.where('r.id', '=', id);
  const list = await q.orderBy('r.name').orderBy('r.id').execute();
  return list.map((r) => ({
    id: r.id, name: r.name, description: r.description, permissions: r.permissions ?? {}, fieldPermissions: r.field_permissions ?? {},
    canUnmask: r.can_unmask, isSystem: r.is_system, userCount: Number(r.user_count), createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  }));
}

/** `{ object | '*': { action: scope } }` against the actions, scopes and objects this workspace knows. */
function checkPermissions(v: unknown, md: WorkspaceMetadata, issues: Issues): Permissions | undefined {
  if (!isPlain(v)) { issues.add('permissions', 'field.type.object'); return undefined; }
  const out: Permissions = {};
  for (const [obj, acts] of Object.entries(v)) {
    const at = `permissions.${short(obj)}`;
    if (obj !== '*' && !md.objects.has(obj)) { issues.add(at, 'identity.unknownObject', { object: short(obj) }); continue; }
    if (!isPlain(acts)) { issues.add(at, 'field.type.object'); continue; }
    out[obj] = {};
    for (const [act, scope] of Object.entries(acts)) {
      if (!ACTIONS.includes(act as Action)) issues.add(`${at}.${short(act)}`, 'identity.badAction', { action: short(act), actions: ACTIONS.join(', ') });
      else if (!SCOPES.includes(scope as Scope)) issues.add(`${at}.${act}`, 'identity.badScope', { scope: short(String(scope)), scopes: SCOPES.join(', ') });
      else out[obj][act as Action] = scope as Scope;
    }
  }
  return out;
}

/** `{ object: { field: hidden | readonly | editable } }` against the fields of each object. */
function checkFieldPermissions(v: unknown, md: WorkspaceMetadata, issues: Issues): FieldPermissions | undefined {
  if (!isPlain(v)) { issues.add('fieldPermissions', 'field.type.object'); return undefined; }
  const out: FieldPermissions = {};
  for (const [obj, fields] of Object.entries(v)) {
    const at = `fieldPermissions.${short(obj)}`;
    const def = md.objects.get(obj);
    if (!def) { issues.add(at, 'identity.unknownObject', { object: short(obj) }); continue; }
    if (!isPlain(fields)) { issues.add(at, 'field.type.object'); continue; }
    out[obj] = {};
    for (const [field, access] of Object.entries(fields)) {
      if (!def.fields.some((f) => f.apiName === field) || field === 'id') issues.add(`${at}.${short(field)}`, 'identity.unknownField', { object: obj, field: short(field) });
      else if (!FIELD_ACCESS.includes(access as FieldAccess)) issues.add(`${at}.${field}`, 'identity.badFieldAccess', { access: short(String(access)) });
      else out[obj][field] = access as FieldAccess;
    }
  }
  return out;
}

async function checkInput(trx: Trx, ws: string, version: number, body: RoleInput, creating: boolean) {
  const issues = new Issues();
  const md = await getMetadata(trx, ws, version);
  const set: Record<string, unknown> = {};
  const name = cleanText(body.name, 'name', issues, { max: 100, required: creating || body.name !== undefined });
  if (name !== undefined) set.name = name;
  const description = cleanText(body.description, 'description', issues, { max: 1000 });
  if (description !== undefined) set.description = description;
  if (body.permissions !== undefined) set.permissions = checkPermissions(body.permissions, md, issues);
  if (body.fieldPermissions !== undefined) set.field_permissions = checkFieldPermissions(body.fieldPermissions, md, issues);
  if (body.canUnmask !== undefined) {
    if (typeof body.canUnmask !== 'boolean') issues.add('canUnmask', 'field.type.boolean');
    else set.can_unmask = body.canUnmask;
  }
  issues.throwIfAny();
  if (set.name !== undefined) {
    const taken = await trx.selectFrom('roles').select('id').where('workspace_id', '=', ws).where('name', '=', set.name as string).executeTakeFirst();
    if (taken) throw new AppError(409, 'error.validation', {}, [{ field: 'name', code: 'identity.roleNameTaken', params: { name: set.name } }]);
  }
  for (const k of ['permissions', 'field_permissions']) if (set[k] !== undefined) set[k] = JSON.stringify(set[k]);
  return set;
}

export async function listRoles(db: Database, auth: AuthContext): Promise<RoleOut[]> {
  return withTenant(db, auth.workspaceId, (trx) => rows(trx, auth.workspaceId));
}

export async function getRole(db: Database, auth: AuthContext, id: string): Promise<RoleOut> {
  const roleId = idOrNull(id);
  if (!roleId) throw notFound();
  const [r] = await withTenant(db, auth.workspaceId, (trx) => rows(trx, auth.workspaceId, roleId));
  if (!r) throw notFound();
  return r;
}

export async function createRole(db: Database, auth: AuthContext, body: RoleInput): Promise<RoleOut> {
  return withTenant(db, auth.workspaceId, async (trx, version) => {
    const set = await checkInput(trx, auth.workspaceId, version, body, true);
    const id = newId();
    await trx.insertInto('roles').values({ workspace_id: auth.workspaceId, id, permissions: '{}', field_permissions: '{}', ...set }).execute();
    await orgChanged(trx, auth.workspaceId);
    const [r] = await rows(trx, auth.workspaceId, id);
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'role.created', ip: auth.ip, detail: { roleId: id, name: r.name, permissions: r.permissions, fieldPermissions: r.fieldPermissions, canUnmask: r.canUnmask } });
    return r;
  });
}

/** Changes take effect on every user's next request: the configuration version is bumped. */
export async function updateRole(db: Database, auth: AuthContext, id: string, body: RoleInput): Promise<RoleOut> {
  const roleId = idOrNull(id);
  if (!roleId) throw notFound();
  return withTenant(db, auth.workspaceId, async (trx, version) => {
    const before = await trx.selectFrom('roles').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', roleId).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    if (body.name !== undefined && typeof body.name === 'string' && body.name.trim() === before.name) body = { ...body, name: undefined };
    const set = await checkInput(trx, auth.workspaceId, version, body, false);
    await trx.updateTable('roles').set({ ...set, updated_at: new Date() }).where('workspace_id', '=', auth.workspaceId).where('id', '=', roleId).execute();
    await orgChanged(trx, auth.workspaceId);
    const [r] = await rows(trx, auth.workspaceId, roleId);
    await recordAudit(trx, {
      workspaceId: auth.workspaceId, actorId: auth.userId, event: 'role.updated', ip: auth.ip,
      detail: { roleId, before: { name: before.name, permissions: before.permissions, fieldPermissions: before.field_permissions, canUnmask: before.can_unmask }, after: { name: r.name, permissions: r.permissions, fieldPermissions: r.fieldPermissions, canUnmask: r.canUnmask } },
    });
    return r;
  });
}

/** A role still held by users is kept: removing it silently would change what those people can do. */
export async function deleteRole(db: Database, auth: AuthContext, id: string): Promise<void> {
  const roleId = idOrNull(id);
  if (!roleId) throw notFound();
  await withTenant(db, auth.workspaceId, async (trx) => {
    // The row lock makes a concurrent assignment (its foreign key locks the role) wait for this delete.
    await trx.selectFrom('roles').select('id').where('workspace_id', '=', auth.workspaceId).where('id', '=', roleId).forUpdate().execute();
    const [r] = await rows(trx, auth.workspaceId, roleId);
    if (!r) throw notFound();
    if (r.userCount > 0) throw new AppError(409, 'identity.roleInUse', { count: r.userCount });
    await trx.deleteFrom('roles').where('workspace_id', '=', auth.workspaceId).where('id', '=', roleId).execute();
    await orgChanged(trx, auth.workspaceId);
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'role.deleted', ip: auth.ip, detail: { roleId, name: r.name, permissions: r.permissions } });
  });
}
