import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { listAudit, type AuditQuery } from '../platform/audit/audit-list.service.js';
import { requireAdmin } from '../platform/webhooks/webhook.service.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

const AuditRow = Type.Object({
  seq: Type.Integer(), id: Type.String(), at: Type.String(), actorId: Type.Union([Type.String(), Type.Null()]),
  event: Type.String(), ip: Type.Union([Type.String(), Type.Null()]), detail: Type.Object({}, { additionalProperties: true }),
});

/** The security audit log, read only, for administrators. */
export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['audit'], summary: 'Audit log, newest first (administrators)',
      querystring: Type.Object({
        event: Type.Optional(Type.String({ maxLength: 100, description: 'exact event name, or a prefix ending in * (auth.*)' })),
        actorId: Type.Optional(Type.String({ maxLength: 64 })),
        from: Type.Optional(Type.String({ format: 'date-time', description: 'at or after this time' })),
        to: Type.Optional(Type.String({ format: 'date-time', description: 'before this time' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ data: Type.Array(AuditRow), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, async (req) => listAudit(deps.db, requireAdmin(req.auth), req.query as AuditQuery));
}
