import type { AuthContext } from '../access.js';
import type { Locale } from '../i18n/i18n.js';

/**
 * Signed-in sessions this node resolved in the last few seconds, by the hash of their secret, so that a
 * busy user's requests need no database round trip to authenticate (docs/performance.md).
 *
 * What it costs: a session ended on another node (sign-out, password change, deactivation) keeps working
 * here for at most SESSION_CACHE_TTL_MS. On the node that ended it, it stops as soon as the change
 * commits: forgetSessions drops the entries and, for one TTL, resolves that session, user or workspace
 * from the database only, so a request that read the old state just before the commit cannot put it back.
 * Changes of roles, org or metadata (bumpConfigVersion) forget the whole workspace the same way, and the
 * records pipeline re-checks roles against the workspace's config version on every request, so a role
 * change reaches record reads and writes at once on every node. Sessions waiting for their second factor
 * are never cached.
 */
export const SESSION_CACHE_TTL_MS = (() => {
  const v = Number.parseInt(process.env.SESSION_CACHE_TTL_MS ?? '', 10);
  return Number.isFinite(v) && v >= 0 ? v : 5_000;
})();
const MAX_ENTRIES = 10_000;

/** What a request needs of its session, without the parts that belong to the request (ip, locale). */
export type CachedSession = Omit<AuthContext, 'ip' | 'locale'> & { userLocale: Locale; expiresAt: Date };

const entries = new Map<string, { at: number; s: CachedSession }>();
/** Session ids, `workspace:user` and workspace ids that resolve from the database only until a time. */
const uncached = new Map<string, number>();

function blocked(sessionId: string, s: { workspaceId: string; userId: string }, now: number): boolean {
  for (const key of [sessionId, `${s.workspaceId}:${s.userId}`, s.workspaceId]) {
    const until = uncached.get(key);
    if (until !== undefined) {
      if (until > now) return true;
      uncached.delete(key);
    }
  }
  return false;
}

export function cachedSession(sessionId: string, now = Date.now()): CachedSession | null {
  const hit = entries.get(sessionId);
  if (!hit) return null;
  if (now - hit.at > SESSION_CACHE_TTL_MS || hit.s.expiresAt.getTime() <= now || blocked(sessionId, hit.s, now)) {
    entries.delete(sessionId);
    return null;
  }
  return hit.s;
}

export function cacheSession(sessionId: string, s: CachedSession): void {
  const now = Date.now();
  if (SESSION_CACHE_TTL_MS === 0 || blocked(sessionId, s, now)) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(sessionId, { at: now, s });
}

/** Forgets the cached sessions of a workspace, of one of its users, or one session (see above). */
export function forgetSessions(workspaceId: string, o: { userId?: string; sessionId?: string } = {}): void {
  const key = o.sessionId ?? (o.userId ? `${workspaceId}:${o.userId}` : workspaceId);
  const now = Date.now();
  if (uncached.size >= MAX_ENTRIES) for (const [k, until] of uncached) if (until <= now) uncached.delete(k);
  uncached.set(key, now + SESSION_CACHE_TTL_MS);
  if (o.sessionId) {
    entries.delete(o.sessionId);
    return;
  }
  for (const [id, e] of entries) {
    if (e.s.workspaceId === workspaceId && (!o.userId || e.s.userId === o.userId)) entries.delete(id);
  }
}
