import crypto from 'node:crypto';

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Session and API-key tokens carry their workspace id in clear, so the server can open that workspace's
 * tenant transaction before it looks the secret up; only a hash of the secret is stored.
 */
export function composeToken(kind: 'ses' | 'rpk', workspaceId: string, secret: string): string {
  return `${kind}_${workspaceId.replace(/-/g, '')}_${secret}`;
}

export function parseToken(token: string, kind: 'ses' | 'rpk'): { workspaceId: string; secret: string } | null {
  const m = /^(ses|rpk)_([0-9a-f]{32})_([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!m || m[1] !== kind) return null;
  const h = m[2];
  return { workspaceId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, secret: m[3] };
}

/** API-key scopes, each including the ones before it: a write key may read, an admin key may write. */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Whether a key's scopes cover what a route needs; keys stored without scopes (or with '*') may do anything. */
export function apiKeyScopeAllows(scopes: string[], need: string): boolean {
  if (scopes.length === 0 || scopes.includes('*') || scopes.includes(need)) return true;
  const rank = (s: string) => API_KEY_SCOPES.indexOf(s as ApiKeyScope);
  const needRank = rank(need);
  return needRank >= 0 && scopes.some((s) => rank(s) >= needRank);
}
