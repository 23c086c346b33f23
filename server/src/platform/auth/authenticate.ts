import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import type { AuthContext } from '../access.js';
import { loadAccess } from '../access.service.js';
import { AppError } from '../errors.js';
import { pickLocale } from '../i18n/i18n.js';
import { apiKeyScopeAllows, parseToken, safeEqual, sha256 } from './tokens.js';
import { recordAudit } from '../audit/audit.service.js';
import { cacheSession, cachedSession } from './session-cache.js';

export const SESSION_COOKIE = 'rapport_session';

declare module 'fastify' {
  interface FastifyRequest { auth: AuthContext | null }
  interface FastifyContextConfig { public?: boolean; allowMfaPending?: boolean; apiKeyScope?: string }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the caller from a Bearer API key or the session cookie; public routes skip it. */
export function authenticate(db: Database) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const cfg = req.routeOptions.config ?? {};
    // Unmatched URLs go to the not-found handler, which answers 404 to anyone.
    if (cfg.public || !req.routeOptions.url) return;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.auth = await fromApiKey(db, req, header.slice(7).trim());
      return;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) throw new AppError(401, 'error.unauthenticated');
    const auth = await fromSession(db, req, cookie, !!cfg.allowMfaPending);
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !auth.csrfToken || !safeEqual(sent, auth.csrfToken)) throw new AppError(403, 'error.csrf');
    }
    req.auth = auth;
  };
}

async function fromSession(db: Database, req: FastifyRequest, token: string, allowMfaPending: boolean): Promise<AuthContext> {
  const parsed = parseToken(token, 'ses');
  if (!parsed) throw new AppError(401, 'error.unauthenticated');
  const sessionId = sha256(parsed.secret);
  const hit = cachedSession(sessionId);
  if (hit && hit.workspaceId === parsed.workspaceId) {
    const { userLocale, expiresAt: _expiresAt, ...auth } = hit;
    return { ...auth, locale: pickLocale(req.headers['accept-language'] as string | undefined, userLocale), ip: req.ip };
  }
  return withTenant(db, parsed.workspaceId, async (trx, version) => {
    const s = await trx.selectFrom('sessions').innerJoin('users', (j) => j
      .onRef('users.workspace_id', '=', 'sessions.workspace_id').onRef('users.id', '=', 'sessions.user_id'))
      .select(['sessions.id', 'sessions.csrf_token', 'sessions.mfa_pending', 'sessions.expires_at', 'sessions.last_seen_at',
        'users.id as user_id', 'users.is_admin', 'users.status', 'users.time_zone', 'users.locale'])
      .where('sessions.workspace_id', '=', parsed.workspaceId).where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    if (!s || s.expires_at < new Date() || s.status !== 'active') throw new AppError(401, 'error.unauthenticated');
    if (s.mfa_pending && !allowMfaPending) throw new AppError(401, 'auth.mfaRequired');
    // Touch at most once a minute: a write per request would make every read a write.
    if (Date.now() - new Date(s.last_seen_at).getTime() > 60_000) {
      await trx.updateTable('sessions').set({ last_seen_at: new Date() }).where('workspace_id', '=', parsed.workspaceId).where('id', '=', s.id).execute();
    }
    const auth = {
      workspaceId: parsed.workspaceId, userId: s.user_id, sessionId: s.id, csrfToken: s.csrf_token, timeZone: s.time_zone,
      access: await loadAccess(trx, parsed.workspaceId, s.user_id, s.is_admin, version),
    };
    if (!s.mfa_pending) cacheSession(s.id, { ...auth, userLocale: s.locale, expiresAt: s.expires_at });
    return { ...auth, locale: pickLocale(req.headers['accept-language'] as string | undefined, s.locale), ip: req.ip };
  });
}

async function fromApiKey(db: Database, req: FastifyRequest, token: string): Promise<AuthContext> {
  const parsed = parseToken(token, 'rpk');
  if (!parsed) throw new AppError(401, 'auth.apiKeyInvalid');
  return withTenant(db, parsed.workspaceId, async (trx, version) => {
    const k = await trx.selectFrom('api_keys').innerJoin('users', (j) => j
      .onRef('users.workspace_id', '=', 'api_keys.workspace_id').onRef('users.id', '=', 'api_keys.user_id'))
      .select(['api_keys.id', 'api_keys.scopes', 'api_keys.expires_at', 'api_keys.revoked_at', 'api_keys.last_used_at',
        'users.id as user_id', 'users.is_admin', 'users.status', 'users.time_zone', 'users.locale'])
      .where('api_keys.workspace_id', '=', parsed.workspaceId).where('api_keys.token_hash', '=', sha256(parsed.secret))
      .executeTakeFirst();
    if (!k || k.revoked_at || (k.expires_at && k.expires_at < new Date()) || k.status !== 'active') {
      throw new AppError(401, 'auth.apiKeyInvalid');
    }
    const scopes: string[] = k.scopes ?? [];
    const need = req.routeOptions.config?.apiKeyScope ?? (SAFE_METHODS.has(req.method) ? 'read' : 'write');
    if (!apiKeyScopeAllows(scopes, need)) {
      throw new AppError(403, 'auth.apiKeyScope', { scope: need });
    }
    if (!k.last_used_at || Date.now() - new Date(k.last_used_at).getTime() > 60_000) {
      await trx.updateTable('api_keys').set({ last_used_at: new Date(), last_used_ip: req.ip })
        .where('workspace_id', '=', parsed.workspaceId).where('id', '=', k.id).execute();
      await recordAudit(trx, { workspaceId: parsed.workspaceId, actorId: k.user_id, event: 'apiKey.used', ip: req.ip, detail: { apiKeyId: k.id } });
    }
    return {
      workspaceId: parsed.workspaceId, userId: k.user_id, apiKeyId: k.id, apiKeyScopes: scopes,
      locale: pickLocale(req.headers['accept-language'] as string | undefined, k.locale), timeZone: k.time_zone,
      access: await loadAccess(trx, parsed.workspaceId, k.user_id, k.is_admin, version), ip: req.ip,
    };
  });
}
