import { describe, expect, it } from 'vitest';
import { mergeRoles } from '../access.js';
import { SESSION_CACHE_TTL_MS, cacheSession, cachedSession, forgetSessions, type CachedSession } from './session-cache.js';

let n = 0;
function session(workspaceId: string, userId: string): { id: string; s: CachedSession } {
  n++;
  return {
    id: `hash-${n}`,
    s: {
      workspaceId, userId, sessionId: `hash-${n}`, csrfToken: 'csrf', timeZone: 'Asia/Shanghai', userLocale: 'zh-CN',
      access: mergeRoles([], false), expiresAt: new Date(Date.now() + 3_600_000),
    },
  };
}

describe('session cache', () => {
  it('serves a session for one TTL, never past its expiry', () => {
    const a = session('w1', 'u1');
    cacheSession(a.id, a.s);
    expect(cachedSession(a.id)).toBe(a.s);
    expect(cachedSession(a.id, Date.now() + SESSION_CACHE_TTL_MS + 1)).toBeNull();
    const b = session('w1', 'u1');
    cacheSession(b.id, { ...b.s, expiresAt: new Date(Date.now() + 10) });
    expect(cachedSession(b.id, Date.now() + 20)).toBeNull();
  });

  it('forgets one session, a user or a workspace, and keeps it uncached for a TTL', () => {
    const [a, b, c, d] = [session('w2', 'u1'), session('w2', 'u1'), session('w2', 'u2'), session('w3', 'u1')];
    for (const x of [a, b, c, d]) cacheSession(x.id, x.s);
    forgetSessions('w2', { sessionId: a.id });
    expect(cachedSession(a.id)).toBeNull();
    expect(cachedSession(b.id)).toBe(b.s);
    // A request that read the session before the sign-out committed cannot put it back.
    cacheSession(a.id, a.s);
    expect(cachedSession(a.id)).toBeNull();
    forgetSessions('w2', { userId: 'u1' });
    expect(cachedSession(b.id)).toBeNull();
    expect(cachedSession(c.id)).toBe(c.s);
    forgetSessions('w2');
    expect(cachedSession(c.id)).toBeNull();
    cacheSession(c.id, c.s);
    expect(cachedSession(c.id)).toBeNull();
    expect(cachedSession(d.id)).toBe(d.s);
  });
});
