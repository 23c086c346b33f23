import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireAuth, requireSession } from '../platform/auth/guards.js';
import { activateMfa, completeMfaSignIn, disableMfa, enrollMfa } from '../platform/users/mfa.service.js';
import { setSessionCookie, UserOut } from './auth.routes.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, description: 'A 6-digit code from the authenticator app, or a recovery code' }) }, { additionalProperties: false });

/** Two-factor sign-in with TOTP (RFC 6238) and one-time recovery codes. */
export function mfaRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['auth'];
  const meta = (req: { ip: string; headers: Record<string, unknown> }) => ({ ip: req.ip, userAgent: req.headers['user-agent'] as string | undefined });

  app.post('/api/v1/auth/mfa/enroll', {
    schema: {
      tags, summary: 'Start two-factor set-up: a new secret and its otpauth:// URI for the authenticator app (QR code)',
      response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }), ...errorResponses },
    },
  }, async (req) => enrollMfa(deps.db, requireSession(req.auth), meta(req)));

  app.post('/api/v1/auth/mfa/activate', {
    schema: {
      tags, summary: 'Turn two-factor on with a code from the app; returns 10 one-time recovery codes, shown only now',
      body: Code, response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...errorResponses, 423: { $ref: 'Problem#' } },
    },
  }, async (req) => activateMfa(deps.db, requireSession(req.auth), (req.body as { code: string }).code, meta(req)));

  app.post('/api/v1/auth/mfa', {
    config: { allowMfaPending: true },
    schema: {
      tags, summary: 'Complete a sign-in that waits for its second factor (TOTP code or unused recovery code)',
      body: Code,
      response: { 200: Type.Object({ user: UserOut, csrfToken: Type.String(), recoveryCodesLeft: Type.Integer() }), ...errorResponses, 423: { $ref: 'Problem#' } },
    },
  }, async (req, reply) => {
    const r = await completeMfaSignIn(deps.db, requireAuth(req.auth), (req.body as { code: string }).code, { ...meta(req), ttlHours: deps.config.sessionTtlHours });
    setSessionCookie(reply, deps, r.token, r.expiresAt);
    return { user: r.user, csrfToken: r.csrfToken, recoveryCodesLeft: r.recoveryCodesLeft };
  });

  app.post('/api/v1/auth/mfa/disable', {
    schema: {
      tags, summary: 'Turn two-factor off (confirm with the password)',
      body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses, 423: { $ref: 'Problem#' } },
    },
  }, async (req, reply) => {
    await disableMfa(deps.db, requireSession(req.auth), (req.body as { password: string }).password, meta(req));
    return reply.status(204).send();
  });
}
