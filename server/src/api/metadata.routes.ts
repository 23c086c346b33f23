import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../db/tenant.js';
import { INDEXABLE_TYPES, UNIQUE_TYPES } from '../metadata/field-index.service.js';
import { optionKeys } from '../metadata/field-options.js';
import { FIELD_TYPE_SPECS } from '../metadata/field-types.js';
import { getMetadata } from '../metadata/metadata.service.js';
import { createObject, retireObject, runMetadataChange, updateObject, type NewObject } from '../metadata/metadata-admin.service.js';
import { describeObject, describeObjectSummary } from '../metadata/metadata-view.js';
import { FIELD_TYPES } from '../metadata/types.js';
import type { AuthContext } from '../platform/access.js';
import { AppError } from '../platform/errors.js';
import type { Deps } from './deps.js';
import { metadataFieldRoutes } from './metadata-fields.routes.js';
import { FieldTypeOut, ObjectCreateBody, ObjectNameParam, ObjectOut, ObjectPatchBody, ObjectSummary } from './metadata.schemas.js';
import { errorResponses } from './schemas.js';

const tags = ['metadata'];

function authOf(auth: AuthContext | null): AuthContext {
  if (!auth) throw new AppError(401, 'error.unauthenticated');
  return auth;
}

/** Objects and fields: /api/v1/metadata/… Reads for everyone signed in, changes for administrators. */
export function metadataRoutes(app: FastifyInstance, deps: Deps): void {
  const read = <T>(auth: AuthContext | null, fn: (md: Awaited<ReturnType<typeof getMetadata>>, a: AuthContext) => T) => {
    const a = authOf(auth);
    return withTenant(deps.db, a.workspaceId, async (trx, version) => fn(await getMetadata(trx, a.workspaceId, version), a));
  };

  app.get('/api/v1/metadata/objects', {
    schema: { tags, summary: 'Active objects with their labels', response: { 200: Type.Object({ data: Type.Array(ObjectSummary) }), ...errorResponses } },
  }, async (req) => read(req.auth, (md) => ({
    data: [...md.objects.values()].filter((o) => o.status === 'active').map(describeObjectSummary),
  })));

  app.get('/api/v1/metadata/field-types', {
    schema: { tags, summary: 'Field types with their filter operators and options', response: { 200: Type.Object({ data: Type.Array(FieldTypeOut) }), ...errorResponses } },
  }, async (req) => {
    authOf(req.auth);
    return {
      data: FIELD_TYPES.map((type) => ({
        type, ops: [...FIELD_TYPE_SPECS[type].ops], computed: !!FIELD_TYPE_SPECS[type].computed, canBeUnique: UNIQUE_TYPES.includes(type),
        indexed: INDEXABLE_TYPES.includes(type), optionKeys: optionKeys(type),
      })),
    };
  });

  app.get('/api/v1/metadata/objects/:object', {
    schema: {
      tags, summary: 'An object and the fields the caller may see (with the filter operators each supports)', params: ObjectNameParam,
      querystring: Type.Object({ includeRetired: Type.Optional(Type.Boolean({ description: 'administrators: list retired fields too' })) }),
      response: { 200: ObjectOut, ...errorResponses },
    },
  }, async (req) => {
    const { object } = req.params as { object: string };
    const { includeRetired } = req.query as { includeRetired?: boolean };
    return read(req.auth, (md, a) => {
      const obj = md.objects.get(object);
      if (!obj || obj.status !== 'active') throw new AppError(404, 'error.unknownObject', { object });
      return describeObject(obj, a.access, !!includeRetired && a.access.isAdmin);
    });
  });

  app.post('/api/v1/metadata/objects', {
    schema: { tags, summary: 'Create a custom object (administrators); it works through /api/v1/{apiName} at once', body: ObjectCreateBody, response: { 201: ObjectOut, ...errorResponses } },
  }, async (req, reply) => {
    const out = await runMetadataChange(deps.db, req.auth, (c) => createObject(c, req.body as NewObject));
    return reply.status(201).send(out);
  });

  app.patch('/api/v1/metadata/objects/:object', {
    schema: { tags, summary: 'Change an object\'s labels (administrators)', params: ObjectNameParam, body: ObjectPatchBody, response: { 200: ObjectOut, ...errorResponses } },
  }, async (req) => {
    const { object } = req.params as { object: string };
    return runMetadataChange(deps.db, req.auth, (c) => updateObject(c, object, req.body as { label?: unknown; pluralLabel?: unknown }));
  });

  app.delete('/api/v1/metadata/objects/:object', {
    schema: { tags, summary: 'Retire a custom object (administrators): its API answers 404, its data is kept', params: ObjectNameParam, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    const { object } = req.params as { object: string };
    await runMetadataChange(deps.db, req.auth, (c) => retireObject(c, object));
    return reply.status(204).send();
  });

  metadataFieldRoutes(app, deps);
}
