import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldIssue } from '../platform/errors.js';
import { pickLocale, t, type Locale } from '../platform/i18n/i18n.js';
import { uniqueFieldOfConstraint } from '../metadata/field-index.service.js';

export function requestLocale(req: FastifyRequest): Locale {
  return pickLocale(req.headers['accept-language'] as string | undefined, 'en-US');
}

export function problemBody(locale: Locale, status: number, code: string, params: Record<string, unknown>, errors: FieldIssue[], instance?: string) {
  return {
    type: `https://rapport.dev/problems/${code.replace(/\./g, '-')}`,
    title: t(locale, code, params),
    status,
    detail: t(locale, code, params),
    code,
    ...(instance ? { instance } : {}),
    ...(errors.length ? {
      errors: errors.map((e) => ({
        field: e.field, code: e.code, message: t(locale, e.code, e.params ?? {}),
        ...(e.index !== undefined ? { index: e.index } : {}),
        ...(e.params && Object.keys(e.params).length ? { params: e.params } : {}),
      })),
    } : {}),
  };
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  return reply.status(err.status).type('application/problem+json')
    .send(problemBody(requestLocale(req), err.status, err.code, err.params, err.errors, req.url.split('?')[0]));
}

const PG_CODES: Record<string, (e: any) => AppError> = {
  '23505': (e) => new AppError(409, 'error.validation', {}, [{ field: uniqueFieldOfConstraint(e.constraint) ?? '(unique)', code: 'field.unique' }]),
  '22P02': () => new AppError(400, 'error.badRequest', { detail: 'malformed value' }),
  '22001': () => new AppError(422, 'error.validation', {}, [{ field: '(value)', code: 'field.tooLong', params: { max: '?' } }]),
  '54000': () => new AppError(400, 'error.badRequest', { detail: 'value too large' }),
  '40P01': () => new AppError(409, 'error.retryConflict'),
  '40001': () => new AppError(409, 'error.retryConflict'),
  '23503': () => new AppError(409, 'error.referenceConflict'),
};

const FORMAT_CODES: Record<string, string> = { uuid: 'field.type.reference', email: 'field.type.email', 'date-time': 'field.type.datetime', date: 'field.type.date', uri: 'field.type.url' };

/** Ajv's keyword → our field code, so schema errors are localised like service ones. */
function schemaIssueCode(v: any): { code: string; params?: Record<string, unknown> } {
  switch (v.keyword) {
    case 'required': return { code: 'field.required' };
    case 'additionalProperties': return { code: 'field.unknown' };
    case 'maxLength': return { code: 'field.tooLong', params: { max: v.params?.limit } };
    case 'minLength': return { code: 'field.required' };
    case 'maxItems': return { code: 'field.tooMany', params: { max: v.params?.limit } };
    case 'minimum': case 'exclusiveMinimum': return { code: 'field.min', params: { min: v.params?.limit } };
    case 'maximum': case 'exclusiveMaximum': return { code: 'field.max', params: { max: v.params?.limit } };
    case 'type': return { code: `field.type.${mapType(v.params?.type)}` };
    case 'enum': case 'const': case 'anyOf': return { code: 'field.type.select' };
    case 'format': return { code: FORMAT_CODES[v.params?.format] ?? 'field.type.text' };
    default: return { code: 'field.invalid' };
  }
}

/** Turns every failure into RFC 9457 problem+json in the caller's language; unknown ones are logged as 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: any[] }, req, reply) => {
    if (error instanceof AppError) return sendProblem(req, reply, error);
    if (error.validation) {
      const issues: FieldIssue[] = error.validation.map((v: any) => ({
        field: String(v.instancePath || v.params?.missingProperty || v.params?.additionalProperty || '(request)').replace(/^\//, '').replace(/\//g, '.'),
        ...schemaIssueCode(v),
      }));
      return sendProblem(req, reply, new AppError(error.validationContext === 'body' ? 422 : 400, 'error.validation', {}, issues));
    }
    const code = error.code;
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400)) {
      return sendProblem(req, reply, new AppError(400, 'error.badJson'));
    }
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(req, reply, new AppError(413, 'error.payloadTooLarge', { limit: `${Math.round(app.initialConfig.bodyLimit! / 1024)} KiB` }));
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(req, reply, new AppError(415, 'error.unsupportedMediaType'));
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendProblem(req, reply, new AppError(400, 'error.badJson'));
    if (code && PG_CODES[code]) return sendProblem(req, reply, PG_CODES[code](error));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(req, reply, new AppError(error.statusCode, 'error.badRequest', { detail: error.message }));
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(req, reply, new AppError(500, 'error.internal'));
  });
}

/** For a type list (['integer', 'null']) Ajv reports the list: the first type is the one to ask for. */
function mapType(types: string | string[] | undefined): string {
  const t = Array.isArray(types) ? types[0] : types;
  if (t === 'integer' || t === 'number') return 'number';
  if (t === 'boolean') return 'boolean';
  if (t === 'array') return 'array';
  if (t === 'object') return 'object';
  return 'text';
}
