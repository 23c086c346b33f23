import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { createView, deleteView, getView, listViews, updateView, type ViewInput } from '../platform/views/views.service.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

const Definition = Type.Object({
  columns: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200, description: 'field API names in display order' })),
  sort: Type.Optional(Type.String({ maxLength: 200, description: 'as the list API: comma-separated fields, - for descending' })),
  filter: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], { description: 'the list API\'s JSON condition tree' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'quick search text' })),
}, { additionalProperties: false });

const ViewOut = Type.Object({
  id: Type.String(), object: Type.String(), name: Type.String(), ownerId: Type.String(), shared: Type.Boolean(),
  definition: Type.Object({
    columns: Type.Optional(Type.Array(Type.String())), sort: Type.Optional(Type.String()),
    filter: Type.Optional(Type.Unknown()), q: Type.Optional(Type.String()),
  }),
  editable: Type.Boolean({ description: 'the caller may change or delete it (their own; any for administrators)' }),
  createdAt: Type.String(), updatedAt: Type.String(),
});

const CreateBody = Type.Object({
  object: Type.String({ maxLength: 64 }), name: Type.String({ maxLength: 400 }), shared: Type.Optional(Type.Boolean()),
  definition: Type.Optional(Definition),
}, { additionalProperties: false });
const PatchBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 400 })), shared: Type.Optional(Type.Boolean()), definition: Type.Optional(Definition),
}, { additionalProperties: false });
const IdParam = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** Saved list views: personal ones and those shared with the workspace. */
export function viewsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['views'];
  app.get('/api/v1/views', {
    schema: {
      tags, summary: 'My saved views of an object and the ones colleagues shared, mine first',
      querystring: Type.Object({ object: Type.String({ maxLength: 64 }) }),
      response: { 200: Type.Object({ data: Type.Array(ViewOut) }), ...errorResponses },
    },
  }, async (req) => ({ data: await listViews(deps.db, req.auth, (req.query as { object: string }).object) }));

  app.post('/api/v1/views', {
    schema: { tags, summary: 'Save a view (names are unique per person and object)', body: CreateBody, response: { 201: ViewOut, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(await createView(deps.db, req.auth, req.body as ViewInput)));

  app.get('/api/v1/views/:id', {
    schema: { tags, summary: 'One saved view (own, shared, or any for administrators)', params: IdParam, response: { 200: ViewOut, ...errorResponses } },
  }, async (req) => getView(deps.db, req.auth, (req.params as { id: string }).id));

  app.patch('/api/v1/views/:id', {
    schema: { tags, summary: 'Rename, share or redefine a view (its owner or an administrator)', params: IdParam, body: PatchBody, response: { 200: ViewOut, ...errorResponses } },
  }, async (req) => updateView(deps.db, req.auth, (req.params as { id: string }).id, req.body as ViewInput));

  app.delete('/api/v1/views/:id', {
    schema: { tags, summary: 'Delete a view (its owner or an administrator)', params: IdParam, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteView(deps.db, req.auth, (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
