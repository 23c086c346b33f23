import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorized, setCsrfToken } from './api';
import * as authApi from './auth-api';
import type { LoginResult, User } from './auth-api';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason?: 'expired' | 'signedOut' }
  | { status: 'signedIn'; user: User };

interface AuthContextValue {
  state: AuthState;
  signIn(email: string, password: string): Promise<LoginResult>;
  verifyMfa(code: string): Promise<void>;
  signOut(): Promise<void>;
  /** Re-reads the signed-in user after they change their own profile (name, language, time zone). */
  refreshUser(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

// The service worker keeps API responses for offline use; they belong to the person who signed out.
const API_CACHE = 'rapport-api';
function dropCachedApiData(): void {
  if ('caches' in window) void caches.delete(API_CACHE).catch(() => undefined);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    authApi
      .fetchSession()
      // A server that cannot answer is treated like no session: the sign-in page then shows the real error.
      .catch(() => null)
      .then((user) => {
        if (!cancelled) setState(user ? { status: 'signedIn', user } : { status: 'signedOut' });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // Cached queries need no clearing here: the query client lives inside the shell, which unmounts with the
  // session.
  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        setState((prev) => (prev.status === 'signedIn' ? { status: 'signedOut', reason: 'expired' } : prev));
      }),
    [],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await authApi.login(email, password);
    if (result.kind === 'signedIn') setState({ status: 'signedIn', user: result.user });
    return result;
  }, []);

  const verifyMfa = useCallback(async (code: string) => {
    const user = await authApi.verifyMfa(code);
    setState({ status: 'signedIn', user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Even if the server call fails, the person asked to leave: forget everything locally.
    }
    dropCachedApiData();
    setState({ status: 'signedOut', reason: 'signedOut' });
  }, []);

  const refreshUser = useCallback(async () => {
    const user = await authApi.fetchSession();
    if (user) setState({ status: 'signedIn', user });
  }, []);

  const value = useMemo(
    () => ({ state, signIn, verifyMfa, signOut, refreshUser }),
    [state, signIn, verifyMfa, signOut, refreshUser],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** For pages behind sign-in, where a user is guaranteed. */
export function useCurrentUser(): User {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useCurrentUser called while signed out');
  return state.user;
}
