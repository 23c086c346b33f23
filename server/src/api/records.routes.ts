import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import { runRecords } from '../records/run.js';
import { getRecord, listRecords, listRelated, type ListParams } from '../records/record-read.service.js';
import { createRecord, deleteRecord, purgeRecord, restoreRecord, updateRecord } from '../records/record-write.service.js';
import { bulkWrite, MAX_BULK } from '../records/bulk.service.js';
import { timeline } from '../records/timeline.service.js';
import { openExport, type ExportFormat } from '../records/export.service.js';
import type { VcardVersion } from '../platform/dataio/vcard-write.js';
import { withIdempotency } from './idempotency.js';
import type { Deps } from './deps.js';
import { AnyRecord, ListQuery, ListResponse, ObjectParam, RecordParams, errorResponses } from './schemas.js';

type Q = { filter?: string; sort?: string; limit?: number; cursor?: string; fields?: string; q?: string; deleted?: boolean };

export function listParams(q: Q): ListParams {
  let filter: unknown;
  if (q.filter) {
    try { filter = JSON.parse(q.filter); } catch { throw new AppError(400, 'error.badFilter', { detail: 'not JSON' }); }
  }
  return {
    filter, sort: q.sort, limit: q.limit, cursor: q.cursor, q: q.q, deleted: q.deleted,
    fields: q.fields ? q.fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined,
  };
}

function unmaskSet(req: FastifyRequest): Set<string> | undefined {
  const raw = (req.query as { unmask?: string }).unmask;
  return raw ? new Set(raw.split(',').map((s) => s.trim())) : undefined;
}

function ifMatch(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  if (!h) return undefined;
  const v = Number(String(h).replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(v)) throw new AppError(400, 'error.badRequest', { detail: 'If-Match must be the record version' });
  return v;
}

/** GET/POST /api/v1/{object}, GET/PATCH/DELETE /api/v1/{object}/{id} and the generic actions, for every object. */
export function recordsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['records'];
  app.get('/api/v1/:object', { schema: { tags, summary: 'List records', params: ObjectParam, querystring: ListQuery, response: { 200: ListResponse, ...errorResponses } } },
    async (req) => {
      const { object } = req.params as { object: string };
      return runRecords(deps.db, req.auth, (ctx) => listRecords(ctx, object, listParams(req.query as Q)));
    });

  app.post('/api/v1/:object', { schema: { tags, summary: 'Create a record (honours Idempotency-Key)', params: ObjectParam, body: AnyRecord, response: { 201: AnyRecord, ...errorResponses } } },
    async (req, reply) => {
      const { object } = req.params as { object: string };
      const res = await runRecords(deps.db, req.auth, (ctx) => withIdempotency(ctx, req, 201, () => createRecord(ctx, object, req.body)));
      if (res.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.status(res.status).send(res.body);
    });

  app.post('/api/v1/:object/bulk', {
    bodyLimit: 20 * 1024 * 1024,
    schema: {
      tags, summary: `Create, update or delete up to ${MAX_BULK} records in one transaction`, params: ObjectParam,
      body: Type.Object({ op: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('delete')]), records: Type.Array(AnyRecord) }),
      response: { 200: Type.Object({ data: Type.Array(AnyRecord) }), ...errorResponses },
    },
  }, async (req, reply) => {
    const { object } = req.params as { object: string };
    const body = req.body as { op: 'create' | 'update' | 'delete'; records: unknown[] };
    // A retried bulk call with its Idempotency-Key must not write its thousand rows twice.
    const res = await runRecords(deps.db, req.auth, (ctx) => withIdempotency(ctx, req, 200, async () => ({ data: await bulkWrite(ctx, object, body.op, body.records) })));
    if (res.replayed) reply.header('Idempotent-Replayed', 'true');
    return reply.status(res.status).send(res.body);
  });

  app.get('/api/v1/:object/export', {
    schema: {
      tags, summary: 'Export records, streamed: CSV (UTF-8 with BOM), XLSX, or vCard for contacts and leads', params: ObjectParam,
      querystring: Type.Composite([Type.Omit(ListQuery, ['limit', 'cursor']), Type.Object({
        format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('vcf')])),
        version: Type.Optional(Type.Union([Type.Literal('2.1'), Type.Literal('3.0'), Type.Literal('4.0')], { description: 'vCard version' })),
        unmask: Type.Optional(Type.String({ maxLength: 2000, description: 'fields to export unmasked (roles that may unmask; audited)' })),
        max: Type.Optional(Type.Integer({ minimum: 1, description: 'at most this many rows' })),
      })]),
      response: { 200: Type.String(), ...errorResponses },
    },
  }, async (req, reply) => {
    const { object } = req.params as { object: string };
    const q = req.query as Q & { format?: ExportFormat; version?: VcardVersion; max?: number };
    const out = await openExport(deps.db, req.auth, { object, params: listParams(q), format: q.format ?? 'csv', vcardVersion: q.version, unmask: unmaskSet(req), max: q.max });
    return reply.type(out.contentType).header('Content-Disposition', `attachment; filename="${out.fileName}"`).send(out.stream);
  });

  app.get('/api/v1/:object/:id', {
    schema: {
      tags, summary: 'Get a record', params: RecordParams,
      querystring: Type.Object({ fields: Type.Optional(Type.String({ maxLength: 2000 })), unmask: Type.Optional(Type.String({ maxLength: 2000 })) }),
      response: { 200: AnyRecord, ...errorResponses },
    },
  }, async (req, reply) => {
    const { object, id } = req.params as { object: string; id: string };
    const unmask = unmaskSet(req);
    const rec = await runRecords(deps.db, req.auth, async (ctx) => {
      const r = await getRecord(ctx, object, id, { unmask });
      if (unmask && ctx.auth.access.canUnmask) {
        await recordAudit(ctx.trx, { workspaceId: ctx.auth.workspaceId, actorId: ctx.auth.userId, event: 'record.unmasked', ip: req.ip, detail: { object, id, fields: [...unmask] } });
      }
      const fields = (req.query as { fields?: string }).fields;
      if (fields) {
        const keep = new Set(['id', ...fields.split(',')]);
        for (const k of Object.keys(r)) if (!keep.has(k)) delete r[k];
      }
      return r;
    });
    reply.header('ETag', `"${rec.version}"`);
    return rec;
  });

  app.patch('/api/v1/:object/:id', { schema: { tags, summary: 'Update a record (If-Match: version → 412 on a lost update)', params: RecordParams, body: AnyRecord, response: { 200: AnyRecord, ...errorResponses } } },
    async (req, reply) => {
      const { object, id } = req.params as { object: string; id: string };
      const expected = ifMatch(req);
      const rec = await runRecords(deps.db, req.auth, (ctx) => updateRecord(ctx, object, id, req.body, { expectedVersion: expected, precondition: expected !== undefined }));
      reply.header('ETag', `"${rec.version}"`);
      return rec;
    });

  app.delete('/api/v1/:object/:id', { schema: { tags, summary: 'Move a record to the recycle bin', params: RecordParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      const { object, id } = req.params as { object: string; id: string };
      await runRecords(deps.db, req.auth, (ctx) => deleteRecord(ctx, object, id));
      return reply.status(204).send();
    });

  app.post('/api/v1/:object/:id/restore', { schema: { tags, summary: 'Restore a record from the recycle bin', params: RecordParams, response: { 200: AnyRecord, ...errorResponses } } },
    async (req) => {
      const { object, id } = req.params as { object: string; id: string };
      return runRecords(deps.db, req.auth, (ctx) => restoreRecord(ctx, object, id));
    });

  app.post('/api/v1/:object/:id/purge', { schema: { tags, summary: 'Delete a record from the recycle bin for good', params: RecordParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      const { object, id } = req.params as { object: string; id: string };
      await runRecords(deps.db, req.auth, (ctx) => purgeRecord(ctx, object, id));
      return reply.status(204).send();
    });

  app.get('/api/v1/:object/:id/timeline', {
    schema: {
      tags, summary: 'The record\'s timeline: field changes and linked follow-ups, newest first', params: RecordParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), before: Type.Optional(Type.String({ maxLength: 64 })) }),
      response: { 200: Type.Object({ data: Type.Array(AnyRecord), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, async (req) => {
    const { object, id } = req.params as { object: string; id: string };
    const q = req.query as { limit?: number; before?: string };
    return runRecords(deps.db, req.auth, (ctx) => timeline(ctx, object, id, q.limit ?? 50, q.before));
  });

  app.get('/api/v1/:object/:id/related/:related', {
    schema: {
      tags, summary: 'Records of another object linked to this one', querystring: ListQuery,
      params: Type.Object({ object: Type.String({ maxLength: 40 }), id: Type.String({ maxLength: 64 }), related: Type.String({ maxLength: 40 }) }),
      response: { 200: ListResponse, ...errorResponses },
    },
  }, async (req) => {
    const { object, id, related } = req.params as { object: string; id: string; related: string };
    return runRecords(deps.db, req.auth, (ctx) => listRelated(ctx, object, id, related, listParams(req.query as Q)));
  });
}
