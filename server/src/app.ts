import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Jobs } from './platform/jobs/jobs.js';
import { authenticate } from './platform/auth/authenticate.js';
import { AppError } from './platform/errors.js';
import { installErrorHandling, sendProblem } from './api/problem.js';
import { Problem } from './api/schemas.js';
import { registerRoutes } from './api/routes.js';
import { UPLOAD_LIMITS } from './platform/dataio/upload-limits.js';
import type { Deps } from './api/deps.js';

export interface AppOptions {
  config: Config;
  db: Database;
  jobs?: Jobs | null;
  logger?: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The HTTP application; tests drive it with app.inject against a real database. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: opts.config.trustProxy as boolean,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array' } },
    routerOptions: { maxParamLength: 200 },
  });
  const deps: Deps = { config: opts.config, db: opts.db, jobs: opts.jobs ?? null };
  app.decorateRequest('auth', null);
  installErrorHandling(app);
  // The API speaks JSON only: a text/plain body gets 415 like any other type, not a confusing 422.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await app.register(multipart, { limits: UPLOAD_LIMITS });
  await app.register(rateLimit, {
    global: false,
    ...(opts.config.redisUrl ? { redis: new (await import('ioredis')).Redis(opts.config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 }) } : {}),
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'error.rateLimited', { seconds: Math.ceil(ctx.ttl / 1000) }, [], { 'Retry-After': String(Math.ceil(ctx.ttl / 1000)) }),
  });
  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Rapport API', version: '1.0.0', description: 'REST API of Rapport CRM. Errors are RFC 9457 problem+json in zh-CN or en-US (Accept-Language).' },
      components: { securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: 'rapport_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ cookie: [] }, { bearer: [] }],
    },
  });
  app.addHook('preHandler', authenticate(opts.db));
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  registerRoutes(app, deps);
  await serveWeb(app, opts.config);
  return app;
}

/** The built web client, with unknown non-API paths falling back to index.html for client-side routing. */
async function serveWeb(app: FastifyInstance, config: Config): Promise<void> {
  const dist = config.webDist ?? path.resolve(here, '../../web/dist');
  const hasWeb = fs.existsSync(path.join(dist, 'index.html'));
  if (hasWeb) {
    // The client's own files are public: the sign-in page has to load before anyone has a session.
    app.addHook('onRoute', (route) => { if (!route.url.startsWith('/api/')) route.config = { ...route.config, public: true }; });
    await app.register(fastifyStatic, { root: dist, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler({ preHandler: undefined }, (req, reply) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendProblem(req, reply, new AppError(404, 'error.routeNotFound', { method: req.method, url }));
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
