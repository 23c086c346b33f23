import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { errorResponses } from '../../api/schemas.js';
import { runRecords } from '../../records/run.js';
import { completionSummary, targetCompletion, type SummaryQuery } from './targets-completion.service.js';

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
const Completion = Type.Object({
  targetId: Type.String(), name: Type.String(), scope: Type.String(), departmentId: Nullable(Type.String()), userId: Nullable(Type.String()),
  metric: Type.String(), period: Type.String(), from: Type.String(), to: Type.String(), currency: Type.String(),
  target: Type.String(), actual: Type.String(), remaining: Type.String(),
  rate: Type.Union([Type.String({ description: 'percent, two decimals' }), Type.Null()]),
}, { description: 'Actual figures count only the contracts and payments the caller can see.' });

export function targetRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['finance'];
  app.get('/api/v1/targets/completion', {
    schema: {
      tags, summary: 'Completion of every sales target of a month (2026-11) or year (2026) the caller can see',
      querystring: Type.Object({
        period: Type.String({ maxLength: 7, description: 'YYYY-MM or YYYY' }),
        scope: Type.Optional(Type.Union([Type.Literal('company'), Type.Literal('department'), Type.Literal('user')])),
        metric: Type.Optional(Type.Union([Type.Literal('contractAmount'), Type.Literal('paymentAmount')])),
        departmentId: Type.Optional(Type.String({ format: 'uuid' })), userId: Type.Optional(Type.String({ format: 'uuid' })),
      }),
      response: { 200: Type.Object({ period: Type.String(), data: Type.Array(Completion) }), ...errorResponses },
    },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => completionSummary(ctx, req.query as SummaryQuery)));

  app.get('/api/v1/targets/:id/completion', {
    schema: {
      tags, summary: 'A sales target with its actual figure and completion rate, computed from contracts or payments',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Completion, ...errorResponses },
    },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => targetCompletion(ctx, (req.params as { id: string }).id)));
}
