import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { backfillSearchIndex, globalSearch } from '../platform/search/index.js';
import { runRecords } from '../records/run.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

const SearchHit = Type.Object({
  object: Type.String(), objectLabel: Type.String(), id: Type.String(), name: Type.String(),
  match: Type.Union([Type.Literal('exact'), Type.Literal('prefix'), Type.Literal('name'), Type.Literal('other')]),
});

/** GET /api/v1/search: every object the caller may read, through the search index, best first. */
export function searchRoutes(app: FastifyInstance, deps: Deps): void {
  app.addHook('onReady', async () => {
    void backfillSearchIndex(deps.db).catch((err) => app.log.error({ err }, 'search index backfill failed'));
  });
  app.get('/api/v1/search', {
    schema: {
      tags: ['search'], summary: 'Search records of every object (Chinese, pinyin, words, phone digits, e-mail), best first',
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 200 }),
        objects: Type.Optional(Type.String({ maxLength: 1000, description: 'comma-separated object API names' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }),
      response: { 200: Type.Object({ data: Type.Array(SearchHit) }), ...errorResponses },
    },
  }, async (req) => {
    const { q, objects, limit } = req.query as { q: string; objects?: string; limit?: number };
    const list = objects?.split(',').map((o) => o.trim()).filter(Boolean);
    return runRecords(deps.db, req.auth, async (ctx) => ({ data: await globalSearch(ctx, q, list, limit ?? 20) }));
  });
}
