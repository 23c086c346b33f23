import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';

export interface Profile {
  id: string;
  email: string;
  name: string;
  locale: 'zh-CN' | 'en-US';
  timeZone: string;
  isAdmin: boolean;
  mfaEnabled: boolean;
  departmentId: string | null;
  managerId: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
}

export const profileKey = ['settings', 'profile'] as const;

export function useProfile() {
  return useQuery({ queryKey: profileKey, queryFn: ({ signal }) => apiFetch<Profile>('/me/profile', { signal }) });
}

export function saveProfile(body: Partial<Pick<Profile, 'name' | 'locale' | 'timeZone'>>) {
  return apiFetch<Profile>('/me/profile', { method: 'PATCH', body });
}

export function changePassword(currentPassword: string, newPassword: string) {
  return apiFetch<{ sessionsEnded: number }>('/me/password', { method: 'POST', body: { currentPassword, newPassword } });
}

export function enrollMfa() {
  return apiFetch<{ secret: string; otpauthUri: string }>('/auth/mfa/enroll', { method: 'POST' });
}

export function activateMfa(code: string) {
  return apiFetch<{ recoveryCodes: string[] }>('/auth/mfa/activate', { method: 'POST', body: { code } });
}

export function disableMfa(password: string) {
  return apiFetch<void>('/auth/mfa/disable', { method: 'POST', body: { password } });
}
