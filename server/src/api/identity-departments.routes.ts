import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { requireAdmin, requireAuth } from '../platform/auth/guards.js';
import { createDepartment, deleteDepartment, departmentTree, getDepartment, listDepartments, updateDepartment } from '../platform/users/departments.service.js';
import type { Deps } from './deps.js';
import { errorResponses, Uuid } from './schemas.js';

const Nullable = (t: TSchema) => Type.Union([Type.Null(), t]);
const When = Type.String({ format: 'date-time' });
const DepartmentFields = {
  id: Type.String(), name: Type.String(), parentId: Nullable(Type.String()), headId: Nullable(Type.String()), position: Type.Integer(),
  userCount: Type.Integer({ description: 'Members, active or not' }), createdAt: When, updatedAt: When,
};
export const DepartmentOut = Type.Object(DepartmentFields);
const DepartmentNode = Type.Recursive((Self) => Type.Object({ ...DepartmentFields, children: Type.Array(Self) }), { $id: 'DepartmentNode' });
const Ref = Type.Union([Type.Null(), Type.String({ maxLength: 64 })]);
const Write = {
  name: Type.String({ maxLength: 400 }), parentId: Ref, headId: Ref, position: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
};

/** The org tree. Everyone may read it (pickers, data scopes); administrators change it. */
export function departmentRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['departments'];
  const admin = { apiKeyScope: 'admin' };
  const params = Type.Object({ id: Uuid });
  app.addSchema(DepartmentNode);

  app.get('/api/v1/departments', { schema: { tags, summary: 'All departments, flat', response: { 200: Type.Object({ data: Type.Array(DepartmentOut) }), ...errorResponses } } },
    async (req) => ({ data: await listDepartments(deps.db, requireAuth(req.auth)) }));

  app.get('/api/v1/departments/tree', {
    schema: { tags, summary: 'All departments, nested', response: { 200: Type.Object({ data: Type.Array(Type.Ref('DepartmentNode')) }), ...errorResponses } },
  }, async (req) => ({ data: await departmentTree(deps.db, requireAuth(req.auth)) }));

  app.get('/api/v1/departments/:id', { schema: { tags, summary: 'One department', params, response: { 200: DepartmentOut, ...errorResponses } } },
    async (req) => getDepartment(deps.db, requireAuth(req.auth), (req.params as { id: string }).id));

  app.post('/api/v1/departments', {
    config: admin,
    schema: {
      tags, summary: 'Create a department under an existing one (administrators)',
      body: Type.Object({ name: Write.name, parentId: Write.parentId, headId: Type.Optional(Write.headId), position: Type.Optional(Write.position) }, { additionalProperties: false }),
      response: { 201: DepartmentOut, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await createDepartment(deps.db, requireAdmin(req.auth), req.body as Record<string, unknown>)));

  app.patch('/api/v1/departments/:id', {
    config: admin,
    schema: {
      tags, summary: 'Rename, move (never below itself) or re-head a department (administrators)', params,
      body: Type.Partial(Type.Object(Write), { additionalProperties: false }), response: { 200: DepartmentOut, ...errorResponses },
    },
  }, async (req) => updateDepartment(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id, req.body as Record<string, unknown>));

  app.delete('/api/v1/departments/:id', {
    config: admin,
    schema: { tags, summary: 'Delete an empty department: no members, no sub-departments (administrators)', params, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteDepartment(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
