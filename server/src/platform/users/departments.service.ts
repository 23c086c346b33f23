import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { cleanText, idOrNull, Issues } from './identity-input.js';
import { departmentExists, lockOrg, orgChanged, userExists, wouldCycleDepartment } from './org-rules.js';

export interface DepartmentOut {
  id: string; name: string; parentId: string | null; headId: string | null; position: number; userCount: number; createdAt: string; updatedAt: string;
}
export interface DepartmentNode extends DepartmentOut { children: DepartmentNode[] }

const iso = (d: Date | string) => new Date(d).toISOString();

async function rows(trx: Trx, workspaceId: string, id?: string): Promise<DepartmentOut[]> {
  let q = trx.selectFrom('departments as d').selectAll('d')
    .select(sql<string>`(select count(*) from users u where u.workspace_id = d.workspace_id and u.department_id = d.id)`.as('user_count'))
    .where('d.workspace_id', '=', workspaceId);
  if (id) q = q.where('d.id', '=', id);
  const list = await q.orderBy('d.position').orderBy('d.name').orderBy('d.id').execute();
  return list.map((d) => ({
    id: d.id, name: d.name, parentId: d.parent_id, headId: d.head_id, position: d.position, userCount: Number(d.user_count),
    createdAt: iso(d.created_at), updatedAt: iso(d.updated_at),
  }));
}

export async function listDepartments(db: Database, auth: AuthContext): Promise<DepartmentOut[]> {
  return withTenant(db, auth.workspaceId, (trx) => rows(trx, auth.workspaceId));
}

export async function getDepartment(db: Database, auth: AuthContext, id: string): Promise<DepartmentOut> {
  const deptId = idOrNull(id);
  if (!deptId) throw notFound();
  return withTenant(db, auth.workspaceId, (trx) => one(trx, auth.workspaceId, deptId));
}

/** The departments as nested nodes, siblings by position then name. */
export async function departmentTree(db: Database, auth: AuthContext): Promise<DepartmentNode[]> {
  const list = await listDepartments(db, auth);
  const nodes = new Map(list.map((d) => [d.id, { ...d, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

async function one(trx: Trx, workspaceId: string, id: string): Promise<DepartmentOut> {
  const [d] = await rows(trx, workspaceId, id);
  if (!d) throw notFound();
  return d;
}

async function siblingNameTaken(trx: Trx, workspaceId: string, parentId: string | null, name: string, exceptId?: string): Promise<boolean> {
  let q = trx.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name);
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export interface DepartmentInput { name?: unknown; parentId?: unknown; headId?: unknown; position?: unknown }

/** Checks the references of a new or changed department; `selfId` is set when moving an existing one. */
async function checkInput(trx: Trx, ws: string, body: DepartmentInput, issues: Issues, selfId?: string) {
  const set: Record<string, unknown> = {};
  const name = cleanText(body.name, 'name', issues, { max: 100, required: !selfId || body.name !== undefined });
  if (name !== undefined) set.name = name;
  if (body.parentId !== undefined) {
    const p = idOrNull(body.parentId);
    if (!p || !(await departmentExists(trx, ws, p))) issues.add('parentId', body.parentId === null ? 'identity.departmentNeedsParent' : 'field.notFound');
    else if (selfId && await wouldCycleDepartment(trx, ws, selfId, p)) issues.add('parentId', 'identity.departmentCycle');
    else set.parent_id = p;
  } else if (!selfId) issues.add('parentId', 'field.required');
  if (body.headId === null) set.head_id = null;
  else if (body.headId !== undefined) {
    const h = idOrNull(body.headId);
    if (!h || !(await userExists(trx, ws, h))) issues.add('headId', 'field.notFound');
    else set.head_id = h;
  }
  if (body.position !== undefined) {
    if (!Number.isInteger(body.position) || Math.abs(body.position as number) > 1_000_000) issues.add('position', 'field.type.number');
    else set.position = body.position;
  }
  return set;
}

/** A new department under an existing one: the tree keeps its single top. */
export async function createDepartment(db: Database, auth: AuthContext, body: DepartmentInput): Promise<DepartmentOut> {
  return withTenant(db, auth.workspaceId, async (trx) => {
    const ws = auth.workspaceId;
    await lockOrg(trx, ws);
    const issues = new Issues();
    const set = await checkInput(trx, ws, body, issues);
    issues.throwIfAny();
    if (await siblingNameTaken(trx, ws, set.parent_id as string, set.name as string)) throw nameTaken(set.name as string);
    const id = newId();
    await trx.insertInto('departments').values({ workspace_id: ws, id, ...set }).execute();
    await orgChanged(trx, ws);
    await recordAudit(trx, { workspaceId: ws, actorId: auth.userId, event: 'department.created', ip: auth.ip, detail: { departmentId: id, name: set.name, parentId: set.parent_id } });
    return one(trx, ws, id);
  });
}

const nameTaken = (name: string) => new AppError(409, 'error.validation', {}, [{ field: 'name', code: 'identity.departmentNameTaken', params: { name } }]);

/** Renames, moves (never below itself) or re-heads a department. */
export async function updateDepartment(db: Database, auth: AuthContext, id: string, body: DepartmentInput): Promise<DepartmentOut> {
  const deptId = idOrNull(id);
  if (!deptId) throw notFound();
  return withTenant(db, auth.workspaceId, async (trx) => {
    const ws = auth.workspaceId;
    await lockOrg(trx, ws);
    const before = await trx.selectFrom('departments').selectAll().where('workspace_id', '=', ws).where('id', '=', deptId).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    const issues = new Issues();
    // The top department may be sent back with its (absent) parent unchanged.
    const input = body.parentId === null && before.parent_id === null ? { ...body, parentId: undefined } : body;
    const set = await checkInput(trx, ws, input, issues, deptId);
    issues.throwIfAny();
    const parent = (set.parent_id ?? before.parent_id) as string | null;
    const name = (set.name ?? before.name) as string;
    if ((set.name !== undefined || set.parent_id !== undefined) && await siblingNameTaken(trx, ws, parent, name, deptId)) throw nameTaken(name);
    await trx.updateTable('departments').set({ ...set, updated_at: new Date() }).where('workspace_id', '=', ws).where('id', '=', deptId).execute();
    if (set.parent_id !== undefined && set.parent_id !== before.parent_id) await orgChanged(trx, ws);
    const changes = Object.fromEntries(Object.keys(set).filter((k) => set[k] !== before[k]).map((k) => [k, { old: before[k], new: set[k] }]));
    await recordAudit(trx, { workspaceId: ws, actorId: auth.userId, event: 'department.updated', ip: auth.ip, detail: { departmentId: deptId, changes } });
    return one(trx, ws, deptId);
  });
}

/** Only an empty leaf can go: no users (active or not) and no sub-departments. */
export async function deleteDepartment(db: Database, auth: AuthContext, id: string): Promise<void> {
  const deptId = idOrNull(id);
  if (!deptId) throw notFound();
  await withTenant(db, auth.workspaceId, async (trx) => {
    const ws = auth.workspaceId;
    await lockOrg(trx, ws);
    const d = await one(trx, ws, deptId);
    if (!d.parentId) throw new AppError(409, 'identity.departmentIsRoot');
    const children = await trx.selectFrom('departments').select('id').where('workspace_id', '=', ws).where('parent_id', '=', deptId).limit(1).execute();
    if (children.length) throw new AppError(409, 'identity.departmentHasChildren');
    if (d.userCount > 0) throw new AppError(409, 'identity.departmentHasUsers', { count: d.userCount });
    await trx.deleteFrom('departments').where('workspace_id', '=', ws).where('id', '=', deptId).execute();
    await orgChanged(trx, ws);
    await recordAudit(trx, { workspaceId: ws, actorId: auth.userId, event: 'department.deleted', ip: auth.ip, detail: { departmentId: deptId, name: d.name } });
  });
}
