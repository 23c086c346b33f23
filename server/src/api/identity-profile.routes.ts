import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireAuth, requireSession } from '../platform/auth/guards.js';
import { changePassword, getProfile, updateProfile } from '../platform/users/profile.service.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([Type.Null(), t]);
export const ProfileOut = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')]),
  timeZone: Type.String(), isAdmin: Type.Boolean(), mfaEnabled: Type.Boolean(), departmentId: Nullable(Type.String()),
  managerId: Nullable(Type.String()), lastLoginAt: Nullable(Type.String({ format: 'date-time' })), passwordChangedAt: Nullable(Type.String({ format: 'date-time' })),
});

/** The signed-in user's own profile and password. */
export function profileRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['profile'];
  app.get('/api/v1/me/profile', { schema: { tags, summary: 'My profile', response: { 200: ProfileOut, ...errorResponses } } },
    async (req) => getProfile(deps.db, requireAuth(req.auth)));

  app.patch('/api/v1/me/profile', {
    schema: {
      tags, summary: 'Change my name, language (zh-CN | en-US) or time zone (IANA name such as Asia/Shanghai)',
      body: Type.Object({
        name: Type.Optional(Type.String({ maxLength: 400 })), locale: Type.Optional(Type.String({ maxLength: 10, description: 'zh-CN | en-US' })),
        timeZone: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 200: ProfileOut, ...errorResponses },
    },
  }, async (req) => updateProfile(deps.db, requireAuth(req.auth), req.body as Record<string, unknown>));

  app.post('/api/v1/me/password', {
    schema: {
      tags, summary: 'Change my password; my other sessions are signed out',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ maxLength: 256 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ sessionsEnded: Type.Integer() }), ...errorResponses, 423: { $ref: 'Problem#' } },
    },
  }, async (req) => {
    const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };
    return changePassword(deps.db, requireSession(req.auth), currentPassword, newPassword);
  });
}
