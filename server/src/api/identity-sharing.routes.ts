import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { runRecords } from '../records/run.js';
import { listShares, shareRecord, unshareRecord } from '../platform/users/sharing.service.js';
import type { Deps } from './deps.js';
import { errorResponses, RecordParams } from './schemas.js';

const ShareOut = Type.Object({
  userId: Type.String(), userName: Type.String(), access: Type.Union([Type.Literal('read'), Type.Literal('edit')]),
  expiresAt: Type.Union([Type.Null(), Type.String({ format: 'date-time' })]), createdBy: Type.Union([Type.Null(), Type.String()]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** Record sharing for every object: /api/v1/{object}/{id}/shares (the static segment wins over the generic routes). */
export function sharingRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sharing'];
  app.get('/api/v1/:object/:id/shares', {
    schema: { tags, summary: 'Who the record is shared with (live shares only)', params: RecordParams, response: { 200: Type.Object({ data: Type.Array(ShareOut) }), ...errorResponses } },
  }, async (req) => {
    const { object, id } = req.params as { object: string; id: string };
    return runRecords(deps.db, req.auth, async (ctx) => ({ data: await listShares(ctx, object, id) }));
  });

  app.post('/api/v1/:object/:id/shares', {
    schema: {
      tags, summary: 'Share the record with a colleague (read or edit, optionally until expiresAt); needs edit rights through your own role',
      params: RecordParams,
      body: Type.Object({
        userId: Type.String({ maxLength: 64 }), access: Type.String({ maxLength: 10, description: 'read | edit' }),
        expiresAt: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40, description: 'ISO 8601 date-time in the future' })])),
      }, { additionalProperties: false }),
      response: { 200: ShareOut, ...errorResponses },
    },
  }, async (req) => {
    const { object, id } = req.params as { object: string; id: string };
    return runRecords(deps.db, req.auth, (ctx) => shareRecord(ctx, object, id, req.body as Record<string, unknown>));
  });

  app.delete('/api/v1/:object/:id/shares/:userId', {
    schema: {
      tags, summary: 'End a share (or give back one made to you)',
      params: Type.Composite([RecordParams, Type.Object({ userId: Type.String({ maxLength: 64 }) })]), response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (req, reply) => {
    const { object, id, userId } = req.params as { object: string; id: string; userId: string };
    await runRecords(deps.db, req.auth, (ctx) => unshareRecord(ctx, object, id, userId));
    return reply.status(204).send();
  });
}
