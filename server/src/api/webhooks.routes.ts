import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  createWebhook, deleteWebhook, getWebhook, listWebhooks, requireAdmin, rotateWebhookSecret, updateWebhook, type WebhookInput,
} from '../platform/webhooks/webhook.service.js';
import { listDeliveries, pingWebhook } from '../platform/webhooks/webhook-deliveries.service.js';
import { auditRoutes } from './audit.routes.js';
import { eventsRoutes } from './events.routes.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

const Fields = {
  name: Type.String({ maxLength: 200 }),
  url: Type.String({ minLength: 1, maxLength: 2048, description: 'http:// or https://; private, loopback and link-local addresses are refused' }),
  objects: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200, description: 'object API names; empty = every object' }),
  events: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 5, description: 'created, updated, deleted, restored, purged; empty = all' }),
  active: Type.Boolean(),
};
const CreateBody = Type.Object({
  name: Type.Optional(Fields.name), url: Fields.url, objects: Type.Optional(Fields.objects),
  events: Type.Optional(Fields.events), active: Type.Optional(Fields.active),
}, { additionalProperties: false });
const PatchBody = Type.Partial(Type.Object(Fields), { additionalProperties: false });
const WebhookOut = Type.Object({
  id: Type.String(), name: Type.String(), url: Type.String(), objects: Type.Array(Type.String()), events: Type.Array(Type.String()),
  active: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String(),
});
const WithSecret = Type.Intersect([WebhookOut, Type.Object({ secret: Type.String({ description: 'shown only in this answer' }) })]);
const Delivery = Type.Object({
  id: Type.String(), eventId: Type.String(), event: Type.String(), attempt: Type.Integer(),
  status: Type.String({ description: 'succeeded, retrying (another attempt is booked) or failed' }),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Union([Type.Integer(), Type.Null()]), createdAt: Type.String(), nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
});
const IdParam = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** Webhooks and their delivery log (administrators only); also mounts the audit log and the live event stream. */
export function webhooksRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['webhooks'];
  const allow = deps.config.webhookAllowHosts;
  app.get('/api/v1/webhooks', {
    schema: { tags, summary: 'List webhooks', response: { 200: Type.Object({ data: Type.Array(WebhookOut), nextCursor: Type.Null() }), ...errorResponses } },
  }, async (req) => ({ data: await listWebhooks(deps.db, requireAdmin(req.auth)), nextCursor: null }));

  app.post('/api/v1/webhooks', {
    schema: { tags, summary: 'Create a webhook; the signing secret is returned only here', body: CreateBody, response: { 201: WithSecret, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(await createWebhook(deps.db, requireAdmin(req.auth), req.body as WebhookInput, allow)));

  app.get('/api/v1/webhooks/:id', {
    schema: { tags, summary: 'Get a webhook', params: IdParam, response: { 200: WebhookOut, ...errorResponses } },
  }, async (req) => getWebhook(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id));

  app.patch('/api/v1/webhooks/:id', {
    schema: { tags, summary: 'Change a webhook', params: IdParam, body: PatchBody, response: { 200: WebhookOut, ...errorResponses } },
  }, async (req) => updateWebhook(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id, req.body as WebhookInput, allow));

  app.delete('/api/v1/webhooks/:id', {
    schema: { tags, summary: 'Delete a webhook and its delivery log', params: IdParam, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteWebhook(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id);
    return reply.status(204).send();
  });

  app.post('/api/v1/webhooks/:id/rotate-secret', {
    schema: { tags, summary: 'Replace the signing secret; the new one is returned only here', params: IdParam, response: { 200: WithSecret, ...errorResponses } },
  }, async (req) => rotateWebhookSecret(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id));

  app.post('/api/v1/webhooks/:id/test', {
    schema: { tags, summary: 'Send a signed ping now and return the logged attempt', params: IdParam, response: { 200: Delivery, ...errorResponses } },
  }, async (req) => pingWebhook(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id, allow));

  app.get('/api/v1/webhooks/:id/deliveries', {
    schema: {
      tags, summary: 'Delivery attempts, newest first', params: IdParam,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 200: Type.Object({ data: Type.Array(Delivery), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, async (req) => listDeliveries(deps.db, requireAdmin(req.auth), (req.params as { id: string }).id, req.query as { limit?: number; cursor?: string }));

  auditRoutes(app, deps);
  eventsRoutes(app, deps);
}
