import { ApiError, apiFetch, setCsrfToken } from './api';

export interface User {
  id: string;
  name: string;
  email: string;
  locale?: string;
  timeZone?: string;
  isAdmin?: boolean;
}

interface SessionResponse {
  user: User;
  // Null when the caller is not cookie-authenticated (e.g. an API key), which needs no CSRF token.
  csrfToken: string | null;
}

export type LoginResult = { kind: 'signedIn'; user: User } | { kind: 'mfaRequired' };

function adopt(session: SessionResponse): User {
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function fetchSession(): Promise<User | null> {
  try {
    return adopt(await apiFetch<SessionResponse>('/auth/me'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function login(email: string, password: string): Promise<LoginResult> {
  const res = await apiFetch<SessionResponse | { mfaRequired: true; csrfToken: string }>('/auth/login', {
    method: 'POST',
    body: { email, password },
  });
  if ('mfaRequired' in res && res.mfaRequired) {
    // The half-open session already has its token, and POST /auth/mfa must carry it.
    setCsrfToken(res.csrfToken ?? null);
    return { kind: 'mfaRequired' };
  }
  return { kind: 'signedIn', user: adopt(res as SessionResponse) };
}

export async function verifyMfa(code: string): Promise<User> {
  return adopt(await apiFetch<SessionResponse>('/auth/mfa', { method: 'POST', body: { code } }));
}

export async function logout(): Promise<void> {
  try {
    await apiFetch<void>('/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(null);
  }
}
