import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.js';
import { createLiveBus } from '../platform/events/live-bus.js';
import { LiveStreams } from '../platform/events/live-stream.service.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

/** Live updates as server-sent events: `event: record`, data `{object, recordId, event}`, for records the caller can read. */
export function eventsRoutes(app: FastifyInstance, deps: Deps): void {
  const streams = new LiveStreams(deps.db, createLiveBus(deps.config.redisUrl));
  app.addHook('preClose', async () => { await streams.close(); });
  app.get('/api/v1/events/stream', {
    schema: {
      tags: ['events'],
      summary: 'Live updates (text/event-stream): ids and event names of changes to records you can read',
      response: { 200: Type.String({ description: 'event: record\\ndata: {"object":"accounts","recordId":"…","event":"accounts.updated"}' }), ...errorResponses, 429: { $ref: 'Problem#' } },
    },
  }, async (req, reply) => {
    if (!req.auth) throw new AppError(401, 'error.unauthenticated');
    streams.assertCanOpen(req.auth);
    reply.hijack();
    await streams.open(req.auth, reply.raw);
  });
}
