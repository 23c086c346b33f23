import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { errorResponses } from '../../api/schemas.js';
import { objectOf } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';
import { runRecords } from '../../records/run.js';
import { stageHistory } from './opportunities.hook.js';
import { listOpportunityProducts, MAX_LINES, putOpportunityProducts, type LineInput } from './opportunities-products.service.js';
import { createPipeline, deletePipeline, getPipeline, listPipelines, updatePipeline, type PipelineInput } from './pipelines-config.service.js';
import { assertAdmin } from './sales-common.js';
import { Data, IdParams, Label, NullableUuid, Text, Uuid } from './sales-schemas.js';

const StageIn = Type.Object({
  key: Text(40, 1), probability: Type.Integer({ minimum: 0, maximum: 100 }),
  kind: Type.Union([Type.Literal('open'), Type.Literal('won'), Type.Literal('lost')]),
}, { additionalProperties: false });
const PipelineBody = Type.Object({
  name: Text(100, 1), departmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })), isDefault: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), active: Type.Optional(Type.Boolean()),
  stages: Type.Optional(Type.Array(StageIn, { minItems: 3, maxItems: 30 })),
}, { additionalProperties: false });
const PipelineOut = Type.Object({
  id: Type.String(), name: Type.String(), departmentIds: Type.Array(Type.String()), isDefault: Type.Boolean(), position: Type.Integer(), active: Type.Boolean(),
  stages: Type.Array(Type.Object({ key: Type.String(), label: Label, probability: Type.Integer(), kind: Type.String(), position: Type.Integer() })),
  createdAt: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.Union([Type.String(), Type.Null()]),
});
const HistoryOut = Type.Object({
  stage: Type.String(), pipelineId: Type.Union([Type.String(), Type.Null()]), enteredAt: Type.String(), leftAt: Type.Union([Type.String(), Type.Null()]),
  enteredBy: Type.Union([Type.String(), Type.Null()]), durationSeconds: Type.Integer(),
});
const Num = Type.Union([Text(40, 1), Type.Number()]);
const LineIn = Type.Object({
  productId: Type.Optional(NullableUuid), name: Type.Optional(Text(255)), quantity: Num, unitPrice: Type.Optional(Num), discount: Type.Optional(Num),
}, { additionalProperties: false });
const LineOut = Type.Object({
  id: Type.String(), position: Type.Integer(), productId: Type.Union([Type.String(), Type.Null()]), name: Type.String(),
  quantity: Type.String(), unitPrice: Type.String(), discount: Type.String(), amount: Type.String(),
});

/** Pipelines and their stages (settings), stage history and the products on an opportunity. */
export function opportunitiesRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sales: opportunities'];
  app.get('/api/v1/sales/pipelines', { schema: { tags, summary: 'Pipelines with their stages, win probabilities and kinds', response: { 200: Data(PipelineOut), ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, async (ctx) => ({ data: await listPipelines(ctx.trx, ctx.auth.workspaceId, ctx.md) })));

  app.post('/api/v1/sales/pipelines', {
    schema: { tags, summary: 'Create a pipeline; stage keys are options of the opportunity stage field (administrators)', body: PipelineBody, response: { 201: PipelineOut, ...errorResponses } },
  }, async (req, reply) => {
    assertAdmin(req.auth);
    const p = await runRecords(deps.db, req.auth, (ctx) => createPipeline(ctx.trx, ctx.auth.workspaceId, ctx.md, req.body as PipelineInput));
    return reply.status(201).send(p);
  });

  app.get('/api/v1/sales/pipelines/:id', { schema: { tags, summary: 'One pipeline', params: IdParams, response: { 200: PipelineOut, ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, (ctx) => getPipeline(ctx.trx, ctx.auth.workspaceId, ctx.md, (req.params as { id: string }).id)));

  app.patch('/api/v1/sales/pipelines/:id', {
    schema: { tags, summary: 'Change a pipeline or replace its stages (administrators)', params: IdParams, body: Type.Partial(PipelineBody, { additionalProperties: false }), response: { 200: PipelineOut, ...errorResponses } },
  }, async (req) => {
    assertAdmin(req.auth);
    return runRecords(deps.db, req.auth, (ctx) => updatePipeline(ctx.trx, ctx.auth.workspaceId, ctx.md, (req.params as { id: string }).id, req.body as PipelineInput));
  });

  app.delete('/api/v1/sales/pipelines/:id', { schema: { tags, summary: 'Delete an unused pipeline (administrators)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      assertAdmin(req.auth);
      await runRecords(deps.db, req.auth, (ctx) => deletePipeline(ctx.trx, ctx.auth.workspaceId, ctx.md, (req.params as { id: string }).id));
      return reply.status(204).send();
    });

  app.get('/api/v1/opportunities/:id/stage-history', {
    schema: { tags, summary: 'Stages the opportunity went through and the time spent in each', params: IdParams, response: { 200: Data(HistoryOut), ...errorResponses } },
  }, async (req) => runRecords(deps.db, req.auth, async (ctx) => {
    const { id } = req.params as { id: string };
    await loadRow(ctx, objectOf(ctx, 'opportunities'), id, 'read');
    return { data: await stageHistory(ctx, id) };
  }));

  app.get('/api/v1/opportunities/:id/products', { schema: { tags, summary: 'Products on the opportunity', params: IdParams, response: { 200: Data(LineOut), ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, async (ctx) => ({ data: await listOpportunityProducts(ctx, (req.params as { id: string }).id) })));

  app.put('/api/v1/opportunities/:id/products', {
    schema: {
      tags, summary: 'Replace the products on the opportunity; syncAmount (default true) sets the amount to their total', params: IdParams,
      body: Type.Object({ lines: Type.Array(LineIn, { maxItems: MAX_LINES }), syncAmount: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Data(LineOut), ...errorResponses },
    },
  }, async (req) => {
    const { lines, syncAmount } = req.body as { lines: LineInput[]; syncAmount?: boolean };
    return runRecords(deps.db, req.auth, async (ctx) => ({ data: await putOpportunityProducts(ctx, (req.params as { id: string }).id, lines, syncAmount ?? true) }));
  });
}
