import type { Locale } from './i18n/i18n.js';

export const ACTIONS = ['create', 'read', 'update', 'delete', 'export', 'import', 'transfer'] as const;
export type Action = (typeof ACTIONS)[number];
export const SCOPES = ['none', 'own', 'subordinates', 'department', 'departmentTree', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export type FieldAccess = 'hidden' | 'readonly' | 'editable';

/** What one user may do, merged from all their roles (the widest grant wins). */
export interface Access {
  isAdmin: boolean;
  scopes: Record<string, Partial<Record<Action, Scope>>>;
  fields: Record<string, Record<string, FieldAccess>>;
  canUnmask: boolean;
}

export interface AuthContext {
  workspaceId: string;
  userId: string;
  locale: Locale;
  timeZone: string;
  access: Access;
  sessionId?: string;
  csrfToken?: string;
  apiKeyId?: string;
  apiKeyScopes?: string[];
  ip?: string;
}

export function widerScope(a: Scope, b: Scope): Scope {
  return SCOPES.indexOf(a) >= SCOPES.indexOf(b) ? a : b;
}

const FIELD_RANK: FieldAccess[] = ['hidden', 'readonly', 'editable'];
export function widerFieldAccess(a: FieldAccess, b: FieldAccess): FieldAccess {
  return FIELD_RANK.indexOf(a) >= FIELD_RANK.indexOf(b) ? a : b;
}

const own = <T>(o: Record<string, T> | undefined, k: string): T | undefined => (o && Object.hasOwn(o, k) ? o[k] : undefined);

export function scopeFor(access: Access, object: string, action: Action): Scope {
  if (access.isAdmin) return 'all';
  return own(own(access.scopes, object), action) ?? own(own(access.scopes, '*'), action) ?? 'none';
}

export function fieldAccess(access: Access, object: string, field: string): FieldAccess {
  if (access.isAdmin) return 'editable';
  return own(own(access.fields, object), field) ?? 'editable';
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface RoleRow {
  permissions: Record<string, Partial<Record<Action, Scope>>>;
  field_permissions: Record<string, Record<string, FieldAccess>>;
  can_unmask: boolean;
}

/**
 * Roles add up: per object and action the widest scope; per field the most open access among the roles
 * that mention it (a role that says nothing about a field leaves it editable).
 */
export function mergeRoles(roles: RoleRow[], isAdmin: boolean): Access {
  const scopes: Access['scopes'] = {};
  const fields: Access['fields'] = {};
  const fieldSeen: Record<string, Record<string, number>> = {};
  for (const role of roles) {
    for (const [obj, acts] of Object.entries(role.permissions ?? {})) {
      if (UNSAFE_KEYS.has(obj)) continue;
      scopes[obj] ??= {};
      for (const [act, scope] of Object.entries(acts ?? {})) {
        if (!SCOPES.includes(scope as Scope) || !(ACTIONS as readonly string[]).includes(act)) continue;
        const cur = scopes[obj][act as Action];
        scopes[obj][act as Action] = cur ? widerScope(cur, scope as Scope) : (scope as Scope);
      }
    }
    for (const [obj, fs] of Object.entries(role.field_permissions ?? {})) {
      if (UNSAFE_KEYS.has(obj)) continue;
      fields[obj] ??= {};
      fieldSeen[obj] ??= {};
      for (const [f, acc] of Object.entries(fs ?? {})) {
        if (UNSAFE_KEYS.has(f) || !['hidden', 'readonly', 'editable'].includes(acc)) continue;
        fieldSeen[obj][f] = (fieldSeen[obj][f] ?? 0) + 1;
        const cur = fields[obj][f];
        fields[obj][f] = cur ? widerFieldAccess(cur, acc) : acc;
      }
    }
  }
  // A field restricted by some roles but not mentioned by another role is open through that other role.
  for (const [obj, fs] of Object.entries(fieldSeen)) {
    for (const [f, count] of Object.entries(fs)) {
      if (count < roles.length) fields[obj][f] = 'editable';
    }
  }
  return { isAdmin, scopes, fields, canUnmask: isAdmin || roles.some((r) => r.can_unmask) };
}
