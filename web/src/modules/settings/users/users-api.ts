import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import { settingsKeys, type AdminUser } from '../shared/settings-api';

export interface UserFilter { q: string; status: '' | 'active' | 'inactive' }

export function useUserPages(f: UserFilter) {
  return useInfiniteQuery({
    queryKey: [...settingsKeys.users, 'list', f],
    queryFn: ({ pageParam, signal }) => apiFetch<{ data: AdminUser[]; nextCursor: string | null }>('/users', {
      query: { q: f.q.trim() || undefined, status: f.status || undefined, cursor: pageParam, limit: 50 }, signal,
    }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface UserWrite {
  email?: string;
  password?: string | null;
  name: string;
  departmentId: string | null;
  managerId: string | null;
  roleIds: string[];
  locale: string;
  timeZone: string;
  isAdmin: boolean;
  status?: 'active' | 'inactive';
}

export function createUser(body: UserWrite) {
  return apiFetch<AdminUser>('/users', { method: 'POST', body });
}

export function updateUser(id: string, version: number, body: Partial<UserWrite> & { mfaEnabled?: false }) {
  return apiFetch<AdminUser>(`/users/${id}`, { method: 'PATCH', body, headers: { 'If-Match': `"${version}"` } });
}

export function resetPassword(id: string, password: string) {
  return apiFetch<void>(`/users/${id}/password`, { method: 'POST', body: { password } });
}
