import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.js';
import { requireAdmin, requireAuth } from '../platform/auth/guards.js';
import { createUser, getUser, listUsers, type UserListQuery } from '../platform/users/users.service.js';
import { resetUserPassword, updateUser } from '../platform/users/user-update.service.js';
import type { Deps } from './deps.js';
import { errorResponses, Uuid } from './schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([Type.Null(), t]);
const When = Type.String({ format: 'date-time' });
const Status = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);
const Ref = Type.Union([Type.Null(), Type.String({ maxLength: 64 })]);

export const UserAdminOut = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), locale: Type.String(), timeZone: Type.String(),
  departmentId: Nullable(Type.String()), managerId: Nullable(Type.String()), status: Status, isAdmin: Type.Boolean(),
  roleIds: Type.Array(Type.String()), mfaEnabled: Type.Boolean(), hasPassword: Type.Boolean(), lockedUntil: Nullable(When),
  lastLoginAt: Nullable(When), createdAt: When, updatedAt: When, version: Type.Integer(),
}, { title: 'UserAdminView', description: 'What administrators see' });
export const UserPublicOut = Type.Object({
  id: Type.String(), name: Type.String(), email: Type.String({ description: 'Masked (z***@example.com) unless the viewer may unmask' }),
  departmentId: Nullable(Type.String()), managerId: Nullable(Type.String()), status: Status,
}, { title: 'UserPublicView', description: 'What colleagues who are not administrators see' });
const UserOut = Type.Union([UserAdminOut, UserPublicOut]);

const UserWrite = Type.Object({
  name: Type.String({ maxLength: 400 }), departmentId: Ref, managerId: Ref, roleIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }),
  locale: Type.String({ maxLength: 10, description: 'zh-CN | en-US' }), timeZone: Type.String({ maxLength: 64, description: 'IANA time zone' }),
  isAdmin: Type.Boolean(),
});
const UserCreateBody = Type.Composite([
  Type.Partial(Type.Omit(UserWrite, ['name'])),
  Type.Object({
    email: Type.String({ maxLength: 254 }), name: Type.String({ maxLength: 400 }),
    password: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 256 })], { description: 'Without one the user cannot sign in until an administrator sets it' })),
  }),
], { additionalProperties: false });
const UserPatchBody = Type.Composite([
  Type.Partial(UserWrite),
  Type.Object({
    status: Type.Optional(Type.String({ maxLength: 20, description: 'active | inactive' })),
    mfaEnabled: Type.Optional(Type.Boolean({ description: 'false turns two-factor off for a user who lost their device' })),
  }),
], { additionalProperties: false });

function ifMatch(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  if (!h) return undefined;
  const v = Number(String(h).replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(v)) throw new AppError(400, 'error.badRequest', { detail: 'If-Match must be the user version' });
  return v;
}

/** The people of the workspace. Everyone may list and look up colleagues; only administrators change them. */
export function userRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['users'];
  const admin = { apiKeyScope: 'admin' };
  app.get('/api/v1/users', {
    schema: {
      tags, summary: 'Users by name (administrators: full view; others: name, department, manager, masked e-mail)',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200 })), departmentId: Type.Optional(Type.String({ maxLength: 64 })),
        status: Type.Optional(Status), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), cursor: Type.Optional(Type.String({ maxLength: 2000 })),
      }),
      response: { 200: Type.Object({ data: Type.Array(UserOut), nextCursor: Nullable(Type.String()) }), ...errorResponses },
    },
  }, async (req) => listUsers(deps.db, requireAuth(req.auth), req.query as UserListQuery));

  app.get('/api/v1/users/:id', {
    schema: { tags, summary: 'One user', params: Type.Object({ id: Uuid }), response: { 200: UserOut, ...errorResponses } },
  }, async (req) => getUser(deps.db, requireAuth(req.auth), (req.params as { id: string }).id));

  app.post('/api/v1/users', {
    config: admin,
    schema: {
      tags, summary: 'Create a user (administrators). E-mail addresses are unique across the installation.',
      body: UserCreateBody,
      response: { 201: UserAdminOut, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await createUser(deps.db, requireAdmin(req.auth), req.body as Record<string, unknown>)));

  app.patch('/api/v1/users/:id', {
    config: admin,
    schema: {
      tags, summary: 'Change a user (administrators); deactivating ends their sessions and revokes their API keys. Honours If-Match.',
      params: Type.Object({ id: Uuid }),
      body: UserPatchBody,
      response: { 200: UserAdminOut, ...errorResponses },
    },
  }, async (req, reply) => {
    const u = await updateUser(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id, req.body as Record<string, unknown>, ifMatch(req));
    reply.header('ETag', `"${u.version}"`);
    return u;
  });

  app.post('/api/v1/users/:id/password', {
    config: admin,
    schema: {
      tags, summary: 'Set a user\'s password (administrators); lifts a lockout and signs the user out elsewhere',
      params: Type.Object({ id: Uuid }), body: Type.Object({ password: Type.String({ maxLength: 256 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await resetUserPassword(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id, (req.body as { password: string }).password);
    return reply.status(204).send();
  });
}
