import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import client from 'prom-client';
import { migrationsDone } from '../db/migrate.js';
import type { Deps } from './deps.js';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
export const httpDuration = new client.Histogram({
  name: 'rapport_http_request_duration_seconds', help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
});

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  const config = { public: true };
  app.get('/healthz', { config, schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }));
  app.get('/readyz', {
    config,
    schema: { tags: ['operations'], summary: 'Readiness: database reachable and migrations applied', response: { 200: Type.Object({ status: Type.String(), engine: Type.String() }), 503: Type.Object({ status: Type.String(), engine: Type.String() }) } },
  }, async (_req, reply) => {
    const ok = await migrationsDone(deps.db).catch(() => false);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', engine: deps.db.engine });
  });
  app.get('/metrics', { config, schema: { tags: ['operations'], summary: 'Prometheus metrics', response: { 200: Type.String() } } },
    async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.labels(req.method, req.routeOptions.url ?? 'unmatched', String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });
  closeConnectionsOnShutdown(app);
}

/**
 * Graceful shutdown drains requests in flight, but a keep-alive client would then hold its idle connection
 * open (Fastify keeps them 72 s) and the process could not exit: answers sent once close has begun end
 * their connection.
 */
function closeConnectionsOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
