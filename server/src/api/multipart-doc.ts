import type { FastifyContextConfig } from 'fastify';
import { Type, type TObject, type TProperties } from '@sinclair/typebox';

/** A file part of a multipart form, as OpenAPI 3.1 describes uploaded bytes. */
export const FilePart = (description: string) =>
  Type.Unsafe<unknown>({ type: 'string', format: 'binary', contentMediaType: 'application/octet-stream', description });

/** The form's parts, in the order a client should send them (handlers that stream read fields before the file). */
export const MultipartForm = <T extends TProperties>(parts: T, required: (keyof T & string)[]) =>
  Type.Object(parts, { required, additionalProperties: false });

/**
 * Route config that documents a multipart/form-data request body in the OpenAPI document only. The handler
 * streams the parts itself (req.parts()), so Fastify must not get a body schema: it would validate the
 * still-unparsed body (undefined) and answer every upload with 422. Use it as
 * `config: { ...multipartBody(MultipartForm({...}, [...])) }` beside `schema.consumes: ['multipart/form-data']`.
 */
export function multipartBody(form: TObject): Pick<FastifyContextConfig, 'swaggerTransform'> {
  return {
    swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, body: form, consumes: ['multipart/form-data'] }, url }),
  };
}
