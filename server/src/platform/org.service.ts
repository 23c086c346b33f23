import type { Trx } from '../db/tenant.js';
import type { Scope } from './access.js';

interface OrgUser { id: string; managerId: string | null; departmentId: string | null; active: boolean }
export interface Org {
  version: number;
  users: Map<string, OrgUser>;
  /** department → child departments */
  children: Map<string, string[]>;
}

const cache = new Map<string, Org>();

export async function loadOrg(trx: Trx, workspaceId: string, version: number): Promise<Org> {
  const hit = cache.get(workspaceId);
  if (hit && hit.version === version) return hit;
  const users = await trx.selectFrom('users').select(['id', 'manager_id', 'department_id', 'status'])
    .where('workspace_id', '=', workspaceId).execute();
  const depts = await trx.selectFrom('departments').select(['id', 'parent_id']).where('workspace_id', '=', workspaceId).execute();
  const org: Org = { version, users: new Map(), children: new Map() };
  for (const u of users) {
    org.users.set(u.id, { id: u.id, managerId: u.manager_id, departmentId: u.department_id, active: u.status === 'active' });
  }
  for (const d of depts) {
    if (!d.parent_id) continue;
    const list = org.children.get(d.parent_id) ?? [];
    list.push(d.id);
    org.children.set(d.parent_id, list);
  }
  cache.set(workspaceId, org);
  return org;
}

/** Departments at and below dept. */
export function departmentTree(org: Org, dept: string): Set<string> {
  const out = new Set<string>([dept]);
  const stack = [dept];
  while (stack.length) {
    for (const c of org.children.get(stack.pop()!) ?? []) {
      if (!out.has(c)) { out.add(c); stack.push(c); }
    }
  }
  return out;
}

/** The user and everyone who reports to them, directly or not. */
export function subordinates(org: Org, userId: string): Set<string> {
  const reports = new Map<string, string[]>();
  for (const u of org.users.values()) {
    if (u.managerId) reports.set(u.managerId, [...(reports.get(u.managerId) ?? []), u.id]);
  }
  const out = new Set<string>([userId]);
  const stack = [userId];
  while (stack.length) {
    for (const r of reports.get(stack.pop()!) ?? []) {
      if (!out.has(r)) { out.add(r); stack.push(r); }
    }
  }
  return out;
}

/** The owners whose records a scope reaches; 'all' means no owner restriction. */
export function ownersInScope(org: Org, userId: string, scope: Scope): string[] | 'all' {
  switch (scope) {
    case 'all': return 'all';
    case 'none': return [];
    case 'own': return [userId];
    case 'subordinates': return [...subordinates(org, userId)];
    case 'department':
    case 'departmentTree': {
      const dept = org.users.get(userId)?.departmentId;
      if (!dept) return [userId];
      const depts = scope === 'department' ? new Set([dept]) : departmentTree(org, dept);
      const ids = [...org.users.values()].filter((u) => u.departmentId && depts.has(u.departmentId)).map((u) => u.id);
      return ids.includes(userId) ? ids : [...ids, userId];
    }
  }
}
