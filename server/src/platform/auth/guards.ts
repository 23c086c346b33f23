import type { AuthContext } from '../access.js';
import { AppError, forbidden } from '../errors.js';

/** The caller of a route that is not public; authenticate() has already run. */
export function requireAuth(auth: AuthContext | null): AuthContext {
  if (!auth) throw new AppError(401, 'error.unauthenticated');
  return auth;
}

/** Workspace administration: users, departments, roles. */
export function requireAdmin(auth: AuthContext | null): AuthContext {
  const a = requireAuth(auth);
  if (!a.access.isAdmin) throw forbidden('identity.adminOnly');
  return a;
}

/**
 * Steps that prove or change who someone is (password, two-factor, new API keys) need a person at a
 * browser, not an integration holding a key: otherwise a leaked key could mint more keys or lock the owner out.
 */
export function requireSession(auth: AuthContext | null): AuthContext & { sessionId: string } {
  const a = requireAuth(auth);
  if (!a.sessionId) throw forbidden('identity.sessionOnly');
  return a as AuthContext & { sessionId: string };
}
