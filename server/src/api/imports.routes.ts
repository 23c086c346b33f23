import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.js';
import { cancelImport, previewImport, startImport, undoImport, type StartBody } from '../platform/dataio/import-actions.service.js';
import { deleteTemplate, importErrorsCsv, listImportErrors, listTemplates, saveTemplate, type TemplateBody } from '../platform/dataio/import-report.service.js';
import { createImport, getImport, listImports } from '../platform/dataio/import.service.js';
import { IMPORT_MAX_BYTES } from '../platform/dataio/upload-limits.js';
import type { Deps } from './deps.js';
import { FilePart, MultipartForm, multipartBody } from './multipart-doc.js';
import { errorResponses } from './schemas.js';

const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
const ImportView = Loose('An import: status, counters (processed, created, updated, skipped, failed), columns, preview, mapping.');
const MappingEntry = Type.Object({
  field: Type.String({ maxLength: 80 }),
  columns: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
  value: Type.Optional(Type.String({ maxLength: 2000 })),
  combine: Type.Optional(Type.Union([Type.Literal('first'), Type.Literal('person'), Type.Literal('join')])),
  match: Type.Optional(Type.String({ maxLength: 80 })),
  onMissing: Type.Optional(Type.Union([Type.Literal('error'), Type.Literal('ignore'), Type.Literal('create')])),
  values: Type.Optional(Type.Record(Type.String({ maxLength: 500 }), Type.String({ maxLength: 200 }))),
}, { additionalProperties: false });
const Policy = Type.Union([Type.Literal('create'), Type.Literal('skip'), Type.Literal('update')]);
const StartBodySchema = Type.Object({
  mapping: Type.Array(MappingEntry, { maxItems: 500 }),
  duplicatePolicy: Type.Optional(Policy),
  matchFields: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 5 })),
  options: Type.Optional(Type.Object({ invalidValues: Type.Optional(Type.Union([Type.Literal('reject'), Type.Literal('drop')])) }, { additionalProperties: false })),
  saveAsTemplate: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}, { additionalProperties: false });
const UploadForm = MultipartForm({
  object: Type.String({ maxLength: 40, description: 'API name of the object to import into (contacts, accounts, …); must come before file' }),
  encoding: Type.Optional(Type.String({ maxLength: 40, description: 'text encoding of a CSV (utf-8, gb18030, …); detected when absent' })),
  delimiter: Type.Optional(Type.String({ maxLength: 3, description: 'CSV delimiter, one character (tab: \\t or tab); detected when absent' })),
  file: FilePart(`CSV, XLSX, vCard (.vcf) or iCalendar (.ics); at most ${Math.round(IMPORT_MAX_BYTES / 1024 / 1024)} MiB (IMPORT_MAX_MB)`),
}, ['object', 'file']);
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const IssueOut = Type.Object({
  row: Type.Integer(), column: Type.Union([Type.String(), Type.Null()]), field: Type.Union([Type.String(), Type.Null()]), code: Type.String(),
  severity: Type.String(), value: Type.Union([Type.String(), Type.Null()]), message: Type.String(),
});

/** Reads the multipart form: `object` (and optional `encoding`, `delimiter`) first, then `file`. */
async function upload(deps: Deps, req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError(415, 'import.multipartRequired');
  const fields: Record<string, string> = {};
  let result: Awaited<ReturnType<typeof createImport>> | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') { fields[part.fieldname] = String(part.value); continue; }
      if (part.fieldname !== 'file' || result) { part.file.resume(); continue; }
      if (!fields.object) throw new AppError(422, 'error.validation', {}, [{ field: 'object', code: 'import.objectFirst' }]);
      result = await createImport(deps.db, req.auth, { object: fields.object, fileName: part.filename || 'upload', stream: part.file, delimiter: fields.delimiter, encoding: fields.encoding });
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (err as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw new AppError(413, 'import.fileTooLarge', { limit: `${Math.round(IMPORT_MAX_BYTES / 1024 / 1024)} MiB` });
    }
    throw err;
  }
  if (!result) throw new AppError(422, 'error.validation', {}, [{ field: 'file', code: 'field.required' }]);
  return result;
}

/** Imports of CSV, XLSX, vCard and iCalendar files into any object; their error reports and templates. */
export function importsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['imports'];
  const log = (err: unknown) => app.log.error({ err }, 'import failed');
  app.post('/api/v1/imports', {
    config: multipartBody(UploadForm),
    schema: {
      tags, summary: 'Upload a file to import (multipart: object, optional encoding and delimiter, then file)', consumes: ['multipart/form-data'],
      response: { 201: ImportView, ...errorResponses, 413: { $ref: 'Problem#' }, 415: { $ref: 'Problem#' } },
    },
  }, async (req, reply) => reply.status(201).send(await upload(deps, req)));

  app.get('/api/v1/imports', {
    schema: { tags, summary: 'Recent imports (own; all for administrators)', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }), response: { 200: Type.Object({ data: Type.Array(ImportView) }), ...errorResponses } },
  }, async (req) => listImports(deps.db, req.auth, (req.query as { limit?: number }).limit ?? 50));

  app.get('/api/v1/imports/:id', { schema: { tags, summary: 'An import\'s status and counters', params: IdParams, response: { 200: ImportView, ...errorResponses } } },
    async (req) => getImport(deps.db, req.auth, (req.params as { id: string }).id));

  app.post('/api/v1/imports/:id/preview', {
    schema: { tags, summary: 'Dry-run the first rows with a mapping: what each row would do', params: IdParams, body: StartBodySchema, response: { 200: Type.Object({ data: Type.Array(Loose('row')) }), ...errorResponses } },
  }, async (req) => previewImport(deps.db, req.auth, (req.params as { id: string }).id, req.body as StartBody));

  app.post('/api/v1/imports/:id/start', {
    schema: { tags, summary: 'Start the import in the background with a mapping and a duplicate policy', params: IdParams, body: StartBodySchema, response: { 202: ImportView, ...errorResponses } },
  }, async (req, reply) => reply.status(202).send(await startImport(deps.db, deps.jobs, req.auth, (req.params as { id: string }).id, req.body as StartBody, log)));

  app.post('/api/v1/imports/:id/cancel', { schema: { tags, summary: 'Cancel a queued or running import', params: IdParams, response: { 200: ImportView, ...errorResponses } } },
    async (req) => cancelImport(deps.db, req.auth, (req.params as { id: string }).id));

  app.post('/api/v1/imports/:id/undo', { schema: { tags, summary: 'Undo a whole import in the background', params: IdParams, response: { 202: ImportView, ...errorResponses } } },
    async (req, reply) => reply.status(202).send(await undoImport(deps.db, deps.jobs, req.auth, (req.params as { id: string }).id, log)));

  app.get('/api/v1/imports/:id/errors', {
    schema: {
      tags, summary: 'Rows that failed, and values dropped, with their reasons', params: IdParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), cursor: Type.Optional(Type.String({ maxLength: 40 })) }),
      response: { 200: Type.Object({ data: Type.Array(IssueOut), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, async (req) => {
    const q = req.query as { limit?: number; cursor?: string };
    return listImportErrors(deps.db, req.auth, (req.params as { id: string }).id, q.limit ?? 100, q.cursor);
  });

  app.get('/api/v1/imports/:id/errors.csv', { schema: { tags, summary: 'Download the error report (CSV: row, column, field, value, reason)', params: IdParams, response: { 200: Type.String(), ...errorResponses } } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      await getImport(deps.db, req.auth, id);
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="import-${id}-errors.csv"`)
        .send(Readable.from(importErrorsCsv(deps.db, req.auth, id)));
    });

  app.get('/api/v1/import-templates', {
    schema: { tags, summary: 'Saved import mappings', querystring: Type.Object({ object: Type.Optional(Type.String({ maxLength: 40 })) }), response: { 200: Type.Object({ data: Type.Array(Loose('template')) }), ...errorResponses } },
  }, async (req) => listTemplates(deps.db, req.auth, (req.query as { object?: string }).object));

  app.post('/api/v1/import-templates', {
    schema: {
      tags, summary: 'Save an import mapping as a template (same name replaces)',
      body: Type.Object({ object: Type.String({ maxLength: 40 }), name: Type.String({ minLength: 1, maxLength: 100 }), mapping: Type.Array(MappingEntry, { maxItems: 500 }), duplicatePolicy: Type.Optional(Policy), matchFields: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 5 })), columns: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 1000 })) }, { additionalProperties: false }),
      response: { 201: Loose('template'), ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await saveTemplate(deps.db, req.auth, req.body as TemplateBody)));

  app.delete('/api/v1/import-templates/:id', { schema: { tags, summary: 'Delete a saved mapping', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => { await deleteTemplate(deps.db, req.auth, (req.params as { id: string }).id); return reply.status(204).send(); });
}
