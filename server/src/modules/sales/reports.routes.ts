import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { errorResponses } from '../../api/schemas.js';
import { runRecords } from '../../records/run.js';
import { forecastReport, funnelReport, MAX_FORECAST_MONTHS, type ForecastQuery } from './reports.service.js';
import { Label, Uuid } from './sales-schemas.js';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const NullMoney = Type.Union([Type.String({ description: 'decimal, two places' }), Type.Null()]);
const Amounts = Type.Union([
  Type.Array(Type.Object({ currency: Type.String(), amount: NullMoney, weightedAmount: NullMoney })),
  Type.Null(),
], { description: 'Sums per currency (never converted); null when the caller\'s role hides the amount fields, a sum null when its field is hidden' });
const FunnelStage = Type.Object({
  key: Type.String(), label: Label,
  kind: Type.Union([Type.String(), Type.Null()], { description: 'open, won or lost; null for a stage the pipeline no longer has' }),
  probability: Type.Union([Type.Integer(), Type.Null()]), count: Type.Integer(), amounts: Amounts,
});
const Funnel = Type.Object({
  pipelineId: Type.String(), pipelineName: Type.String(), stages: Type.Array(FunnelStage),
  total: Type.Object({ count: Type.Integer(), amounts: Amounts }),
}, { description: 'Counts only the opportunities the caller may read.' });
const ForecastMonth = Type.Object({
  month: Type.String(), openCount: Type.Integer(), wonCount: Type.Integer(),
  amounts: Type.Union([Type.Array(Type.Object({
    currency: Type.String(), openAmount: Type.String(), weightedAmount: NullMoney, wonAmount: Type.String(),
    forecast: Type.Union([Type.String({ description: 'won + weighted' }), Type.Null()]),
  })), Type.Null()]),
});
const Forecast = Type.Object({
  from: Type.String(), to: Type.String(), pipelineId: Type.Union([Type.String(), Type.Null()]), months: Type.Array(ForecastMonth),
}, { description: 'Counts only the opportunities the caller may read.' });

/** Sales reports: the funnel of a pipeline and the forecast by expected close month. */
export function reportsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sales: reports'];
  app.get('/api/v1/sales/funnel', {
    schema: {
      tags, summary: 'Opportunities of a pipeline per stage: count, amount and weighted amount per currency',
      querystring: Type.Object({ pipelineId: Type.Optional(Uuid) }, { description: 'pipelineId: the default pipeline when left out' }),
      response: { 200: Funnel, ...errorResponses },
    },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => funnelReport(ctx, req.query as { pipelineId?: string })));

  app.get('/api/v1/sales/forecast', {
    schema: {
      tags, summary: `Open, weighted and won amounts by expected close month (at most ${MAX_FORECAST_MONTHS} months)`,
      querystring: Type.Object({ from: Type.Optional(Month), to: Type.Optional(Month), pipelineId: Type.Optional(Uuid) },
        { description: 'from: this month when left out; to: five months after from when left out; pipelineId: every pipeline when left out' }),
      response: { 200: Forecast, ...errorResponses },
    },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => forecastReport(ctx, req.query as ForecastQuery)));
}
