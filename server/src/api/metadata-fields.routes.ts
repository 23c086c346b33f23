import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { createField, retireField, updateField, type FieldBody } from '../metadata/field-admin.service.js';
import { runMetadataChange } from '../metadata/metadata-admin.service.js';
import type { Deps } from './deps.js';
import { FieldCreateBody, FieldOut, FieldParams, FieldPatchBody, ObjectNameParam } from './metadata.schemas.js';
import { errorResponses } from './schemas.js';

const tags = ['metadata'];

/** Custom fields of any object, for administrators; changes apply to the API on the next request. */
export function metadataFieldRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/api/v1/metadata/objects/:object/fields', {
    schema: { tags, summary: 'Add a custom field', params: ObjectNameParam, body: FieldCreateBody, response: { 201: FieldOut, ...errorResponses } },
  }, async (req, reply) => {
    const { object } = req.params as { object: string };
    const out = await runMetadataChange(deps.db, req.auth, (c) => createField(c, object, req.body as FieldBody));
    return reply.status(201).send(out);
  });

  app.patch('/api/v1/metadata/objects/:object/fields/:field', {
    schema: {
      tags, summary: 'Change a field: label, flags and options (standard fields: labels and select options only; never the type)',
      params: FieldParams, body: FieldPatchBody, response: { 200: FieldOut, ...errorResponses },
    },
  }, async (req) => {
    const { object, field } = req.params as { object: string; field: string };
    return runMetadataChange(deps.db, req.auth, (c) => updateField(c, object, field, req.body as FieldBody));
  });

  app.delete('/api/v1/metadata/objects/:object/fields/:field', {
    schema: { tags, summary: 'Retire a custom field: it leaves the API, its values are kept', params: FieldParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    const { object, field } = req.params as { object: string; field: string };
    await runMetadataChange(deps.db, req.auth, (c) => retireField(c, object, field));
    return reply.status(204).send();
  });
}
