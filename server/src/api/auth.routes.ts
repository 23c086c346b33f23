import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../db/tenant.js';
import { AppError } from '../platform/errors.js';
import { login } from '../platform/auth/login.service.js';
import { SESSION_COOKIE } from '../platform/auth/authenticate.js';
import { forgetSessions } from '../platform/auth/session-cache.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

export const UserOut = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), locale: Type.String(), timeZone: Type.String(), isAdmin: Type.Boolean(),
});

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string, expires: Date): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, expires });
}

/**
 * Sign-in attempts per client address (an office behind one NAT address shares it, hence generous) and per
 * account (whatever the address), each per minute. The lockout after repeated wrong passwords is separate.
 */
export const LOGIN_LIMIT_PER_IP = 100;
export const LOGIN_LIMIT_PER_ACCOUNT = 10;

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['auth'];
  const perAccount = app.createRateLimit({
    max: LOGIN_LIMIT_PER_ACCOUNT, timeWindow: 60_000,
    keyGenerator: (req) => `login:account:${String((req.body as { email?: string } | undefined)?.email ?? '').trim().toLowerCase()}`,
  });
  app.post('/api/v1/auth/login', {
    config: { public: true, rateLimit: { max: LOGIN_LIMIT_PER_IP, timeWindow: 60_000, keyGenerator: (req) => `login:ip:${req.ip}` } },
    preHandler: async (req) => {
      const r = await perAccount(req);
      if (!r.isAllowed && r.isExceeded) {
        throw new AppError(429, 'error.rateLimited', { seconds: r.ttlInSeconds }, [], { 'Retry-After': String(r.ttlInSeconds) });
      }
    },
    schema: {
      tags, summary: 'Sign in; sets the session cookie. With two-factor on, complete it with POST /api/v1/auth/mfa (send the returned csrfToken).',
      body: Type.Object({ email: Type.String({ maxLength: 254, minLength: 1 }), password: Type.String({ maxLength: 256, minLength: 1 }) }),
      response: {
        200: Type.Union([Type.Object({ user: UserOut, csrfToken: Type.String() }), Type.Object({ mfaRequired: Type.Literal(true), csrfToken: Type.String() })]),
        ...errorResponses, 423: { $ref: 'Problem#' }, 429: { $ref: 'Problem#' },
      },
    },
  }, async (req, reply) => {
    const { email, password } = req.body as { email: string; password: string };
    const r = await login(deps.db, email, password, { ip: req.ip, userAgent: req.headers['user-agent'], ttlHours: deps.config.sessionTtlHours });
    setSessionCookie(reply, deps, r.token, r.expiresAt);
    if (r.mfaRequired) return { mfaRequired: true as const, csrfToken: r.csrfToken };
    return { user: r.user, csrfToken: r.csrfToken };
  });

  app.post('/api/v1/auth/logout', { config: { allowMfaPending: true }, schema: { tags, summary: 'Sign out (also abandons a sign-in waiting for its two-factor code)', response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    const auth = req.auth!;
    if (auth.sessionId) {
      await withTenant(deps.db, auth.workspaceId, async (trx) => {
        await trx.deleteFrom('sessions').where('workspace_id', '=', auth.workspaceId).where('id', '=', auth.sessionId!).execute();
        forgetSessions(auth.workspaceId, { sessionId: auth.sessionId });
        await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'auth.logout', ip: req.ip });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', {
    schema: { tags, summary: 'The signed-in user and the CSRF token of this session', response: { 200: Type.Object({ user: UserOut, csrfToken: Type.Union([Type.String(), Type.Null()]), permissions: Type.Object({}, { additionalProperties: true }) }), ...errorResponses } },
  }, async (req) => {
    const auth = req.auth!;
    const u = await withTenant(deps.db, auth.workspaceId, (trx) => trx.selectFrom('users').selectAll()
      .where('workspace_id', '=', auth.workspaceId).where('id', '=', auth.userId).executeTakeFirst());
    if (!u) throw new AppError(401, 'error.unauthenticated');
    return {
      user: { id: u.id, email: u.email, name: u.name, locale: u.locale, timeZone: u.time_zone, isAdmin: u.is_admin },
      csrfToken: auth.csrfToken ?? null,
      permissions: auth.access,
    };
  });
}
