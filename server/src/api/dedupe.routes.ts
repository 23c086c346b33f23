import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { checkDuplicates } from '../platform/dedupe/duplicate-check.service.js';
import { createScan, dismissGroup, getScan, listGroups } from '../platform/dedupe/duplicate-scan.service.js';
import { loadMerge, mergeRecords, mergeView, undoMerge, MAX_MERGE, type MergeBody } from '../platform/dedupe/merge.service.js';
import { enqueueImport } from '../platform/dataio/import-queue.js';
import { runRecords } from '../records/run.js';
import type { Deps } from './deps.js';
import { AnyRecord, errorResponses } from './schemas.js';

const ObjectName = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' });
const Id = Type.String({ maxLength: 64 });
const Candidate = Type.Object({ id: Type.String(), name: Type.String(), score: Type.Number(), reasons: Type.Array(Type.String()) });
const Scan = Type.Object({ id: Type.String(), object: Type.String(), status: Type.String(), groups: Type.Optional(Type.Integer()), createdAt: Type.Optional(Type.String()), finishedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])) });
const Group = Type.Object({ id: Type.String(), object: Type.String(), score: Type.Number(), reasons: Type.Array(Type.String()), records: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) });
const Merge = Type.Object({ id: Type.String(), object: Type.String(), survivorId: Type.String(), mergedIds: Type.Array(Type.String()), fields: Type.Array(Type.String()), createdBy: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), undoneAt: Type.Union([Type.String(), Type.Null()]) });

/** Likely duplicates on create and edit, the duplicate finder, and merging records (with undo). */
export function dedupeRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['duplicates'];
  app.post('/api/v1/duplicates/check', {
    schema: {
      tags, summary: 'Likely duplicates of a record being created or edited, best first',
      body: Type.Object({ object: ObjectName, record: AnyRecord, excludeId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: Type.Object({ data: Type.Array(Candidate) }), ...errorResponses },
    },
  }, async (req) => {
    const b = req.body as { object: string; record: unknown; excludeId?: string };
    return runRecords(deps.db, req.auth, async (ctx) => ({ data: await checkDuplicates(ctx, b.object, b.record, b.excludeId) }));
  });

  app.post('/api/v1/duplicates/scans', {
    schema: { tags, summary: 'Start the duplicate finder for an object (background)', body: Type.Object({ object: ObjectName }, { additionalProperties: false }), response: { 202: Scan, ...errorResponses } },
  }, async (req, reply) => {
    const scan = await runRecords(deps.db, req.auth, (ctx) => createScan(ctx, (req.body as { object: string }).object));
    await enqueueImport(deps.db, deps.jobs, { kind: 'scan', workspaceId: req.auth!.workspaceId, id: scan.id }, (err) => app.log.error({ err }, 'duplicate scan failed'));
    return reply.status(202).send(scan);
  });

  app.get('/api/v1/duplicates/scans/:id', { schema: { tags, summary: 'A duplicate scan\'s status', params: Type.Object({ id: Id }), response: { 200: Scan, ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, (ctx) => getScan(ctx, (req.params as { id: string }).id)));

  app.get('/api/v1/duplicates', {
    schema: {
      tags, summary: 'Groups of likely duplicates found by the last scan, with a similarity score', querystring: Type.Object({ object: ObjectName, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
      response: { 200: Type.Object({ data: Type.Array(Group) }), ...errorResponses },
    },
  }, async (req) => {
    const q = req.query as { object: string; limit?: number };
    return runRecords(deps.db, req.auth, (ctx) => listGroups(ctx, q.object, q.limit ?? 50));
  });

  app.post('/api/v1/duplicates/:id/dismiss', { schema: { tags, summary: 'Not duplicates: hide the group', params: Type.Object({ id: Id }), response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => { await runRecords(deps.db, req.auth, (ctx) => dismissGroup(ctx, (req.params as { id: string }).id)); return reply.status(204).send(); });

  app.post('/api/v1/merges', {
    schema: {
      tags, summary: `Merge 2 to ${MAX_MERGE} records into one, choosing each field's value; the others go to the recycle bin`,
      body: Type.Object({
        object: ObjectName, survivorId: Id, mergedIds: Type.Array(Id, { minItems: 1, maxItems: MAX_MERGE - 1 }),
        values: Type.Optional(Type.Record(Type.String({ maxLength: 80 }), Id, { description: 'field → id of the record whose value to keep' })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.String(), record: AnyRecord }), ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await runRecords(deps.db, req.auth, (ctx) => mergeRecords(ctx, req.body as MergeBody))));

  app.get('/api/v1/merges/:id', { schema: { tags, summary: 'A merge', params: Type.Object({ id: Id }), response: { 200: Merge, ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, async (ctx) => mergeView(await loadMerge(ctx, (req.params as { id: string }).id))));

  app.post('/api/v1/merges/:id/undo', {
    schema: { tags, summary: 'Undo a merge while the merged records are in the recycle bin', params: Type.Object({ id: Id }), response: { 200: Type.Composite([Merge, Type.Object({ records: Type.Array(AnyRecord) })]), ...errorResponses } },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => undoMerge(ctx, (req.params as { id: string }).id)));
}
