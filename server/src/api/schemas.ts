import { Type } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const AnyRecord = Type.Object({}, { additionalProperties: true, description: 'A record: camelCase field names from metadata, custom fields beside standard ones.' });
export const Problem = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({
    field: Type.String(), code: Type.String(), message: Type.String(), index: Type.Optional(Type.Integer()),
    params: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }))),
}, { $id: 'Problem', description: 'RFC 9457 problem details, localised by Accept-Language.' });
export const ListResponse = Type.Object({ data: Type.Array(AnyRecord), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const ObjectParam = Type.Object({ object: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' }) });
export const RecordParams = Type.Object({ object: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' }), id: Type.String({ maxLength: 64 }) });
export const ListQuery = Type.Object({
  filter: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON condition tree' })),
  sort: Type.Optional(Type.String({ maxLength: 200, description: 'comma-separated fields, - for descending' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  fields: Type.Optional(Type.String({ maxLength: 2000 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  deleted: Type.Optional(Type.Boolean({ description: 'list the recycle bin' })),
});
export const errorResponses = {
  400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' }, 412: { $ref: 'Problem#' }, 422: { $ref: 'Problem#' },
};
