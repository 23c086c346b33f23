import { sql } from 'kysely';
import { withTenant } from '../src/db/tenant.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { newId } from '../src/platform/ids.js';
import type { Action, Scope } from '../src/platform/access.js';
import { newWorkspace, PASSWORD, signIn, uniqueEmail, type Client, type TestEnv } from './helpers.js';

/**
 * One workspace with a small sales org, built with plain SQL inside the tenant transaction (the identity
 * API is another area's subject), then every member signed in over HTTP:
 *
 *   root (admin)
 *   └── Sales (head: salesHead)
 *       ├── East: eastMgr (reports to salesHead), eastRep1 (→ eastMgr), eastRep2 (→ eastRep1)
 *       └── West: westRep (→ eastMgr: a cross-department reporting line, so that "subordinates" and
 *                 "department" reach different owners)
 *
 * Each member except the admin holds one custom role of their own; tests rewrite it with setRole().
 */
export const MEMBERS = ['salesHead', 'eastMgr', 'eastRep1', 'eastRep2', 'westRep'] as const;
export type Member = (typeof MEMBERS)[number];
export type Person = Member | 'admin';

export interface OrgUser { id: string; email: string; client: Client; roleId: string | null }

export interface Org {
  workspaceId: string;
  depts: { root: string; sales: string; east: string; west: string };
  users: Record<Person, OrgUser>;
}

export interface RoleSpec {
  permissions?: Record<string, Partial<Record<Action, Scope>>>;
  fieldPermissions?: Record<string, Record<string, 'hidden' | 'readonly' | 'editable'>>;
  canUnmask?: boolean;
}

const ALL_ACTIONS: Action[] = ['create', 'read', 'update', 'delete', 'export', 'import', 'transfer'];

/** Every action of the given objects at one scope. */
export function grant(scope: Scope, objects = ['*']): Record<string, Partial<Record<Action, Scope>>> {
  return Object.fromEntries(objects.map((o) => [o, Object.fromEntries(ALL_ACTIONS.map((a) => [a, scope]))]));
}

export async function buildOrg(env: TestEnv): Promise<Org> {
  const ws = await newWorkspace(env, 'Org Fixture Co');
  const depts = { root: ws.rootDepartmentId, sales: newId(), east: newId(), west: newId() };
  const ids = Object.fromEntries(MEMBERS.map((m) => [m, newId()])) as Record<Member, string>;
  const roleIds = Object.fromEntries(MEMBERS.map((m) => [m, newId()])) as Record<Member, string>;
  const emails = Object.fromEntries(MEMBERS.map((m) => [m, uniqueEmail(m.toLowerCase())])) as Record<Member, string>;
  const manager: Record<Member, Member | null> = { salesHead: null, eastMgr: 'salesHead', eastRep1: 'eastMgr', eastRep2: 'eastRep1', westRep: 'eastMgr' };
  const dept: Record<Member, string> = { salesHead: depts.sales, eastMgr: depts.east, eastRep1: depts.east, eastRep2: depts.east, westRep: depts.west };
  const hash = await hashPassword(PASSWORD);
  await withTenant(env.db, ws.workspaceId, async (trx) => {
    for (const [id, name, parent] of [[depts.sales, 'Sales', depts.root], [depts.east, 'East', depts.sales], [depts.west, 'West', depts.sales]]) {
      await sql`insert into departments (workspace_id, id, name, parent_id) values (${ws.workspaceId}, ${id}, ${name}, ${parent})`.execute(trx);
    }
    // Managers first, so every manager_id points at an existing row.
    for (const m of MEMBERS) {
      await sql`insert into users (workspace_id, id, email, name, password_hash, locale, time_zone, department_id, manager_id)
        values (${ws.workspaceId}, ${ids[m]}, ${emails[m]}, ${m}, ${hash}, 'en-US', 'Asia/Shanghai', ${dept[m]}, ${manager[m] ? ids[manager[m]!] : null})`.execute(trx);
      await sql`insert into login_directory (email, workspace_id, user_id) values (${emails[m]}, ${ws.workspaceId}, ${ids[m]})`.execute(trx);
      await sql`insert into roles (workspace_id, id, name, permissions) values (${ws.workspaceId}, ${roleIds[m]}, ${'fixture ' + m}, '{}'::jsonb)`.execute(trx);
      await sql`insert into user_roles (workspace_id, user_id, role_id) values (${ws.workspaceId}, ${ids[m]}, ${roleIds[m]})`.execute(trx);
    }
    await sql`update departments set head_id = ${ids.salesHead} where workspace_id = ${ws.workspaceId} and id = ${depts.sales}`.execute(trx);
    await sql`update workspaces set metadata_version = metadata_version + 1 where id = ${ws.workspaceId}`.execute(trx);
  });
  const users = { admin: { id: ws.adminId, email: ws.adminEmail, client: ws.admin, roleId: null } } as Record<Person, OrgUser>;
  for (const m of MEMBERS) users[m] = { id: ids[m], email: emails[m], client: await signIn(env.app, emails[m]), roleId: roleIds[m] };
  return { workspaceId: ws.workspaceId, depts, users };
}

/** Rewrites a member's role and bumps the configuration version, as the roles API does. */
export async function setRole(env: TestEnv, org: Org, member: Member, spec: RoleSpec): Promise<void> {
  await withTenant(env.db, org.workspaceId, async (trx) => {
    await sql`update roles set permissions = ${JSON.stringify(spec.permissions ?? {})}::jsonb,
      field_permissions = ${JSON.stringify(spec.fieldPermissions ?? {})}::jsonb, can_unmask = ${!!spec.canUnmask}
      where workspace_id = ${org.workspaceId} and id = ${org.users[member].roleId}`.execute(trx);
    await sql`update workspaces set metadata_version = metadata_version + 1 where id = ${org.workspaceId}`.execute(trx);
  });
}
