import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.js';
import {
  addAttachment, ATTACHMENT_MAX_BYTES, attachmentContent, attachmentLimitLabel, checkCanAttach, cleanContentType, contentDisposition,
  downloadContentType, listAttachments, removeAttachment, sanitizeFileName, type UploadedFile,
} from '../platform/files/index.js';
import { runRecords } from '../records/run.js';
import type { Deps } from './deps.js';
import { FilePart, MultipartForm, multipartBody } from './multipart-doc.js';
import { RecordParams, errorResponses } from './schemas.js';

const Attachment = Type.Object({
  id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer({ description: 'bytes' }),
  createdBy: Type.Union([Type.String(), Type.Null()]), createdByName: Type.Optional(Type.String()), createdAt: Type.String({ format: 'date-time' }),
}, { description: 'A file attached to a record' });
const AttachmentParams = Type.Object({ attachmentId: Type.String({ maxLength: 64 }) });
const UploadForm = MultipartForm({
  file: FilePart(`The file; its name is kept (path parts and control characters removed); at most ${attachmentLimitLabel()} (ATTACHMENT_MAX_MB)`),
}, ['file']);

const TOO_LARGE = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * The one `file` part of the form, read whole (attachments are small, and the row takes the bytes in one
 * go). Other parts are skipped; a malformed body is the caller's error, never a 500.
 */
async function readFile(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError(415, 'attachment.multipartRequired');
  try {
    for await (const part of req.parts({ limits: { fileSize: ATTACHMENT_MAX_BYTES } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') { part.file.resume(); continue; }
      const data = await part.toBuffer();
      return { fileName: sanitizeFileName(part.filename), contentType: cleanContentType(part.mimetype), data };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (TOO_LARGE.has(code)) throw new AppError(413, 'attachment.fileTooLarge', { limit: attachmentLimitLabel() });
    throw new AppError(400, 'error.badRequest', { detail: (err as Error).message });
  }
  throw new AppError(422, 'error.validation', {}, [{ field: 'file', code: 'field.required' }]);
}

/** Files attached to any record; every call goes through the parent record's visibility. */
export function attachmentsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['attachments'];
  app.get('/api/v1/:object/:id/attachments', {
    schema: { tags, summary: 'The record\'s attachments, newest first', params: RecordParams, response: { 200: Type.Object({ data: Type.Array(Attachment) }), ...errorResponses } },
  }, async (req) => {
    const { object, id } = req.params as { object: string; id: string };
    return runRecords(deps.db, req.auth, (ctx) => listAttachments(ctx, object, id));
  });

  app.post('/api/v1/:object/:id/attachments', {
    config: multipartBody(UploadForm),
    schema: {
      tags, summary: 'Attach a file to the record (multipart, field file; at most ATTACHMENT_MAX_MB)', consumes: ['multipart/form-data'], params: RecordParams,
      response: { 201: Attachment, ...errorResponses, 413: { $ref: 'Problem#' }, 415: { $ref: 'Problem#' } },
    },
  }, async (req, reply) => {
    const { object, id } = req.params as { object: string; id: string };
    // Rights first, in a short transaction; the upload is read outside any transaction so a slow client
    // never holds a database connection.
    await runRecords(deps.db, req.auth, (ctx) => checkCanAttach(ctx, object, id));
    const file = await readFile(req);
    return reply.status(201).send(await runRecords(deps.db, req.auth, (ctx) => addAttachment(ctx, object, id, file)));
  });

  app.get('/api/v1/attachments/:attachmentId/content', {
    schema: { tags, summary: 'Download an attachment (always as a download, never rendered inline)', params: AttachmentParams, response: { 200: Type.String({ format: 'binary' }), ...errorResponses } },
  }, async (req, reply) => {
    const { attachmentId } = req.params as { attachmentId: string };
    const file = await runRecords(deps.db, req.auth, (ctx) => attachmentContent(ctx, attachmentId));
    // A user's file is served from our origin: it must never run as a page there, whatever it claims to be.
    return reply.type(downloadContentType(file.contentType)).header('Content-Disposition', contentDisposition(file.fileName))
      .header('X-Content-Type-Options', 'nosniff').header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store').header('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
      .send(file.data);
  });

  app.delete('/api/v1/attachments/:attachmentId', {
    schema: { tags, summary: 'Remove an attachment (needs update rights on its record)', params: AttachmentParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    const { attachmentId } = req.params as { attachmentId: string };
    await runRecords(deps.db, req.auth, (ctx) => removeAttachment(ctx, attachmentId));
    return reply.status(204).send();
  });
}
