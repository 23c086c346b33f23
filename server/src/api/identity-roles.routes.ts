import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ACTIONS, SCOPES } from '../platform/access.js';
import { requireAdmin } from '../platform/auth/guards.js';
import { createRole, deleteRole, getRole, listRoles, updateRole } from '../platform/users/roles.service.js';
import type { Deps } from './deps.js';
import { errorResponses, Uuid } from './schemas.js';

const When = Type.String({ format: 'date-time' });
const Permissions = Type.Record(Type.String(), Type.Record(Type.String(), Type.String()), {
  description: `{ "<object>" | "*": { "<action>": "<scope>" } } — actions: ${ACTIONS.join(', ')}; scopes: ${SCOPES.join(', ')}`,
});
const FieldPermissions = Type.Record(Type.String(), Type.Record(Type.String(), Type.String()), {
  description: '{ "<object>": { "<field>": "hidden" | "readonly" | "editable" } }',
});
export const RoleOut = Type.Object({
  id: Type.String(), name: Type.String(), description: Type.String(), permissions: Permissions, fieldPermissions: FieldPermissions,
  canUnmask: Type.Boolean(), isSystem: Type.Boolean(), userCount: Type.Integer(), createdAt: When, updatedAt: When,
});
const RoleWrite = Type.Object({
  name: Type.String({ maxLength: 400 }), description: Type.String({ maxLength: 4000 }),
  permissions: Type.Object({}, { additionalProperties: true, maxProperties: 1000, description: Permissions.description }),
  fieldPermissions: Type.Object({}, { additionalProperties: true, maxProperties: 1000, description: FieldPermissions.description }),
  canUnmask: Type.Boolean(),
});

/** Roles grant data scopes per object and action, field access and unmasking; administrators only. */
export function roleRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['roles'];
  const admin = { apiKeyScope: 'admin' };
  const params = Type.Object({ id: Uuid });
  app.get('/api/v1/roles', { schema: { tags, summary: 'All roles (administrators)', response: { 200: Type.Object({ data: Type.Array(RoleOut) }), ...errorResponses } } },
    async (req) => ({ data: await listRoles(deps.db, requireAdmin(req.auth)) }));

  app.get('/api/v1/roles/:id', { schema: { tags, summary: 'One role (administrators)', params, response: { 200: RoleOut, ...errorResponses } } },
    async (req) => getRole(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id));

  app.post('/api/v1/roles', {
    config: admin,
    schema: {
      tags, summary: 'Create a role (administrators)',
      body: Type.Composite([Type.Pick(RoleWrite, ['name']), Type.Partial(Type.Omit(RoleWrite, ['name']))], { additionalProperties: false }),
      response: { 201: RoleOut, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await createRole(deps.db, requireAdmin(req.auth), req.body as Record<string, unknown>)));

  app.patch('/api/v1/roles/:id', {
    config: admin,
    schema: {
      tags, summary: 'Change a role (administrators); applies to its users on their next request', params,
      body: Type.Partial(RoleWrite, { additionalProperties: false }), response: { 200: RoleOut, ...errorResponses },
    },
  }, async (req) => updateRole(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id, req.body as Record<string, unknown>));

  app.delete('/api/v1/roles/:id', {
    config: admin,
    schema: { tags, summary: 'Delete a role no user holds (administrators)', params, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteRole(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
