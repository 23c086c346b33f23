import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import type { LocalizedText } from '../../../ui/localized-text';

export type Locale = 'zh-CN' | 'en-US';
export type Label = Partial<Record<Locale, string>>;

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  headId: string | null;
  position: number;
  userCount: number;
  children?: Department[];
}

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  departmentId: string | null;
  managerId: string | null;
  status: 'active' | 'inactive';
  isAdmin: boolean;
  roleIds: string[];
  mfaEnabled: boolean;
  hasPassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  permissions: Record<string, Record<string, string>>;
  fieldPermissions: Record<string, Record<string, string>>;
  canUnmask: boolean;
  isSystem: boolean;
  userCount: number;
}

export interface ObjectSummary {
  apiName: string;
  label: Label;
  pluralLabel: Label;
  isCustom: boolean;
  status: 'active' | 'retired';
}

export interface SelectChoice {
  value: string;
  label: Label;
  disabled?: boolean;
}

export interface FieldDef {
  apiName: string;
  type: string;
  label: Label;
  required: boolean;
  unique: boolean;
  filterable: boolean;
  sensitive: boolean;
  readonly: boolean;
  system: boolean;
  isCustom: boolean;
  status: 'active' | 'retired';
  position: number;
  options: { options?: SelectChoice[]; target?: string; [key: string]: unknown };
}

export interface ObjectDetail extends ObjectSummary {
  fields: FieldDef[];
}

export interface FieldTypeInfo {
  type: string;
  computed: boolean;
  canBeUnique: boolean;
  indexed: boolean;
  optionKeys: string[];
}

/** Settings reads live under their own keys; changes also refresh what the record screens cached. */
export const settingsKeys = {
  users: ['settings', 'users'] as const,
  departments: ['settings', 'departments'] as const,
  roles: ['settings', 'roles'] as const,
  objects: ['settings', 'objects'] as const,
  object: (name: string) => ['settings', 'objects', name] as const,
  fieldTypes: ['settings', 'field-types'] as const,
  apiKeys: ['settings', 'api-keys'] as const,
  webhooks: ['settings', 'webhooks'] as const,
};

export function useDepartmentTree() {
  return useQuery({
    queryKey: [...settingsKeys.departments, 'tree'],
    queryFn: ({ signal }) => apiFetch<{ data: Department[] }>('/departments/tree', { signal }).then((r) => r.data),
  });
}

export function useDepartmentList() {
  return useQuery({
    queryKey: [...settingsKeys.departments, 'flat'],
    queryFn: ({ signal }) => apiFetch<{ data: Department[] }>('/departments', { signal }).then((r) => r.data),
  });
}

/** Everyone in the workspace, for pickers (the server caps a page at 500). */
export function useAllUsers() {
  return useQuery({
    queryKey: [...settingsKeys.users, 'all'],
    queryFn: ({ signal }) => apiFetch<{ data: AdminUser[] }>('/users', { query: { limit: 500 }, signal }).then((r) => r.data),
  });
}

export function useRoles() {
  return useQuery({
    queryKey: settingsKeys.roles,
    queryFn: ({ signal }) => apiFetch<{ data: Role[] }>('/roles', { signal }).then((r) => r.data),
  });
}

export function useObjects() {
  return useQuery({
    queryKey: settingsKeys.objects,
    queryFn: ({ signal }) => apiFetch<{ data: ObjectSummary[] }>('/metadata/objects', { signal }).then((r) => r.data),
  });
}

export function useObjectDetail(name: string | undefined) {
  return useQuery({
    queryKey: settingsKeys.object(name ?? ''),
    queryFn: ({ signal }) => apiFetch<ObjectDetail>(`/metadata/objects/${encodeURIComponent(name!)}`, {
      query: { includeRetired: true }, signal,
    }),
    enabled: !!name,
  });
}

export function useFieldTypes() {
  return useQuery({
    queryKey: settingsKeys.fieldTypes,
    queryFn: ({ signal }) => apiFetch<{ data: FieldTypeInfo[] }>('/metadata/field-types', { signal }).then((r) => r.data),
    staleTime: Infinity,
  });
}

/** After an org change: settings screens and the record screens' pickers both re-read. */
export function useInvalidate() {
  const qc = useQueryClient();
  return (...areas: Array<'users' | 'departments' | 'roles' | 'metadata' | 'apiKeys' | 'webhooks'>) => {
    const keys: Record<string, unknown[][]> = {
      users: [[...settingsKeys.users], ['users']],
      departments: [[...settingsKeys.departments], ['departments']],
      roles: [[...settingsKeys.roles]],
      metadata: [[...settingsKeys.objects], ['metadata']],
      apiKeys: [[...settingsKeys.apiKeys]],
      webhooks: [[...settingsKeys.webhooks]],
    };
    return Promise.all(areas.flatMap((a) => keys[a].map((queryKey) => qc.invalidateQueries({ queryKey }))));
  };
}

export type { LocalizedText };
