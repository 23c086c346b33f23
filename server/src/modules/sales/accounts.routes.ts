import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { errorResponses } from '../../api/schemas.js';
import { notFound } from '../../platform/errors.js';
import { runRecords } from '../../records/run.js';
import { accountTimeline } from './accounts-timeline.service.js';
import { assertAdmin } from './sales-common.js';
import { getRepLimits, getSalesSettings, putRepLimits, putSalesSettings, type RepLimits } from './sales-settings.service.js';
import { IdParams, NullableInt, Text, Timeline } from './sales-schemas.js';

const Cap = NullableInt(0, 1_000_000);
const Limits = Type.Object({ maxOwnedAccounts: Cap, maxLockedAccounts: Cap }, { additionalProperties: false });

/** The customer's 360° timeline and the caps on owned and locked customers. */
export function accountsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sales: accounts'];
  app.get('/api/v1/accounts/:id/timeline', {
    schema: {
      tags, summary: 'The customer\'s 360° timeline: follow-ups, opportunities and stage moves, quotes, contracts, payments, owner and field changes', params: IdParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), before: Type.Optional(Text(64)) }),
      response: { 200: Timeline, ...errorResponses },
    },
  }, async (req) => {
    const q = req.query as { limit?: number; before?: string };
    return runRecords(deps.db, req.auth, (ctx) => accountTimeline(ctx, (req.params as { id: string }).id, q.limit ?? 50, q.before));
  });

  app.get('/api/v1/sales/settings', { schema: { tags, summary: 'Workspace caps on owned and locked customers per rep (null: none)', response: { 200: Limits, ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, (ctx) => getSalesSettings(ctx.trx, ctx.auth.workspaceId)));

  app.put('/api/v1/sales/settings', { schema: { tags, summary: 'Set the workspace caps (administrators)', body: Limits, response: { 200: Limits, ...errorResponses } } },
    async (req) => {
      assertAdmin(req.auth);
      return runRecords(deps.db, req.auth, (ctx) => putSalesSettings(ctx.trx, ctx.auth.workspaceId, req.body as RepLimits));
    });

  app.get('/api/v1/sales/rep-limits/:id', { schema: { tags, summary: 'A rep\'s own caps, overriding the workspace ones (null: workspace cap)', params: IdParams, response: { 200: Limits, ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, async (ctx) => {
      const { id } = req.params as { id: string };
      if (!ctx.org.users.has(id) || (id !== ctx.auth.userId && !ctx.auth.access.isAdmin)) throw notFound();
      return getRepLimits(ctx.trx, ctx.auth.workspaceId, id);
    }));

  app.put('/api/v1/sales/rep-limits/:id', { schema: { tags, summary: 'Set a rep\'s own caps (administrators)', params: IdParams, body: Limits, response: { 200: Limits, ...errorResponses } } },
    async (req) => {
      assertAdmin(req.auth);
      return runRecords(deps.db, req.auth, async (ctx) => {
        const { id } = req.params as { id: string };
        if (!ctx.org.users.has(id)) throw notFound();
        return putRepLimits(ctx.trx, ctx.auth.workspaceId, id, req.body as RepLimits);
      });
    });
}

