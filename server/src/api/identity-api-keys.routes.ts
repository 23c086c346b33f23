import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireAuth, requireSession } from '../platform/auth/guards.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../platform/users/api-keys.service.js';
import type { Deps } from './deps.js';
import { errorResponses, Uuid } from './schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([Type.Null(), t]);
const When = Type.String({ format: 'date-time' });
export const ApiKeyOut = Type.Object({
  id: Type.String(), name: Type.String(), prefix: Type.String({ description: 'The first 8 characters of the secret, to tell keys apart' }),
  scopes: Type.Array(Type.String()), createdAt: When, expiresAt: Nullable(When), lastUsedAt: Nullable(When), revokedAt: Nullable(When),
});

/** API keys for integrations: `Authorization: Bearer <token>`, acting as their creator within their scopes. */
export function apiKeyRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['api keys'];
  app.post('/api/v1/api-keys', {
    schema: {
      tags, summary: 'Create an API key; the token is returned only in this response (read < write < admin)',
      body: Type.Object({
        name: Type.String({ maxLength: 400 }),
        scopes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 3, description: "'read' | 'write' | 'admin'; default all three" })),
        expiresAt: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40, description: 'ISO 8601 date-time in the future' })])),
      }, { additionalProperties: false }),
      response: { 201: Type.Composite([ApiKeyOut, Type.Object({ token: Type.String() })]), ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await createApiKey(deps.db, requireSession(req.auth), req.body as Record<string, unknown>)));

  app.get('/api/v1/api-keys', {
    schema: {
      tags, summary: 'My API keys, newest first (never their tokens); administrators may pass userId to see someone else\'s',
      querystring: Type.Object({ userId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ data: Type.Array(ApiKeyOut) }), ...errorResponses },
    },
  }, async (req) => ({ data: await listApiKeys(deps.db, requireAuth(req.auth), (req.query as { userId?: string }).userId) }));

  app.delete('/api/v1/api-keys/:id', {
    schema: { tags, summary: 'Revoke an API key (mine; administrators: anyone\'s)', params: Type.Object({ id: Uuid }), response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await revokeApiKey(deps.db, requireAuth(req.auth), (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
