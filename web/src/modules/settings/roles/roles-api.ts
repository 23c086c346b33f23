import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import { settingsKeys, type Role } from '../shared/settings-api';

export const ACTIONS = ['create', 'read', 'update', 'delete', 'export', 'import', 'transfer'] as const;
export const SCOPES = ['none', 'own', 'subordinates', 'department', 'departmentTree', 'all'] as const;
export const FIELD_ACCESS = ['hidden', 'readonly', 'editable'] as const;
export type Action = (typeof ACTIONS)[number];
export type Scope = (typeof SCOPES)[number];
export type FieldAccess = (typeof FIELD_ACCESS)[number];

export type RoleWrite = Partial<Pick<Role, 'name' | 'description' | 'permissions' | 'fieldPermissions' | 'canUnmask'>>;

export function useRole(id: string | undefined) {
  return useQuery({
    queryKey: [...settingsKeys.roles, id],
    queryFn: ({ signal }) => apiFetch<Role>(`/roles/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export const createRole = (body: RoleWrite) => apiFetch<Role>('/roles', { method: 'POST', body });
export const updateRole = (id: string, body: RoleWrite) => apiFetch<Role>(`/roles/${id}`, { method: 'PATCH', body });
export const deleteRole = (id: string) => apiFetch<void>(`/roles/${id}`, { method: 'DELETE' });

/** Drops empty objects so the stored role says only what it grants. */
export function compact<T extends Record<string, Record<string, string>>>(map: T): T {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => Object.keys(v).length > 0)) as T;
}

/** A one-line summary of what a role may read, for the roles list. */
export function readSummary(role: Role): Scope {
  return (role.permissions['*']?.read as Scope | undefined) ?? 'none';
}
