import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { registerHook } from '../../records/hooks.js';
import type { RecordCtx } from '../../records/record-context.js';
import { ensureDefaultPipeline, type StageKind } from './pipelines-config.service.js';
import { departmentsAbove } from './sales-common.js';

interface PipelineRow { id: string; department_ids: string[]; active: boolean; stages: { key: string; probability: number; kind: StageKind }[] }

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

async function loadPipeline(ctx: RecordCtx, id: string | null, ownerId: string): Promise<PipelineRow> {
  const ws = ctx.auth.workspaceId;
  await ensureDefaultPipeline(ctx.trx, ws);
  const depts = departmentsAbove(ctx.org, ownerId);
  // Without a choice: the first pipeline of the owner's department, else the default one.
  const res = id === null
    ? await sql<Record<string, any>>`select * from sales_pipelines where workspace_id = ${ws}::uuid and active
        and (department_ids && ${depts}::uuid[] or is_default) order by is_default, position, created_at limit 1`.execute(ctx.trx)
    : await sql<Record<string, any>>`select * from sales_pipelines where workspace_id = ${ws}::uuid and id::text = ${id}`.execute(ctx.trx);
  const p = res.rows[0];
  if (!p || !p.active) throw invalid([{ field: 'pipelineId', code: 'sales.pipeline.notFound' }]);
  const ownerDepts = new Set(depts);
  if (p.department_ids.length > 0 && !p.department_ids.some((d: string) => ownerDepts.has(d))) {
    throw invalid([{ field: 'pipelineId', code: 'sales.pipeline.notAvailable' }]);
  }
  const stages = await ctx.trx.selectFrom('sales_stages').select(['key', 'probability', 'kind']).where('workspace_id', '=', ws)
    .where('pipeline_id', '=', p.id).orderBy('position').execute();
  return { id: p.id, department_ids: p.department_ids, active: p.active, stages: stages as PipelineRow['stages'] };
}

function weighted(amount: unknown, probability: unknown): string | null {
  if (amount === null || amount === undefined || probability === null || probability === undefined) return null;
  return new Decimal(String(amount)).times(String(probability)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Moves the values onto a stage: its probability (unless given with the same write), status and clock. */
function enterStage(ctx: RecordCtx, values: Record<string, any>, stage: PipelineRow['stages'][number], probabilityGiven: boolean): void {
  values.stage = stage.key;
  values.status = stage.kind;
  values.stage_entered_at = ctx.now;
  values.closed_at = stage.kind === 'open' ? null : ctx.now;
  if (!probabilityGiven) values.probability = stage.probability;
}

function checkCurrency(values: Record<string, any>): void {
  if (values.currency === undefined || values.currency === null) return;
  const c = String(values.currency).toUpperCase();
  if (!CURRENCIES.has(c)) throw invalid([{ field: 'currency', code: 'sales.currency.invalid' }]);
  values.currency = c;
}

registerHook('opportunities.beforeCreate', 'pipeline-stage', async ({ ctx, values }) => {
  checkCurrency(values);
  const p = await loadPipeline(ctx, values.pipeline_id ?? null, values.owner_id);
  values.pipeline_id = p.id;
  const stage = values.stage === undefined ? p.stages.find((s) => s.kind === 'open')! : p.stages.find((s) => s.key === values.stage);
  if (!stage) throw invalid([{ field: 'stage', code: 'sales.stage.notInPipeline' }]);
  enterStage(ctx, values, stage, values.probability !== undefined && values.probability !== null);
  if (stage.kind === 'lost' && !values.lost_reason_type) throw invalid([{ field: 'lostReasonType', code: 'sales.opportunity.lostReasonRequired' }]);
  values.weighted_amount = weighted(values.amount, values.probability);
});

registerHook('opportunities.beforeUpdate', 'pipeline-stage', async ({ ctx, before, values }) => {
  checkCurrency(values);
  const b = before!;
  const pipelineChanged = values.pipeline_id !== undefined && values.pipeline_id !== b.pipeline_id;
  if (pipelineChanged || values.stage !== undefined) {
    const p = await loadPipeline(ctx, values.pipeline_id ?? b.pipeline_id ?? null, b.owner_id);
    values.pipeline_id = p.id;
    const key = values.stage ?? b.stage;
    let stage = p.stages.find((s) => s.key === key);
    if (!stage && values.stage === undefined) stage = p.stages.find((s) => s.kind === 'open');
    if (!stage) throw invalid([{ field: 'stage', code: 'sales.stage.notInPipeline' }]);
    if (stage.key !== b.stage || pipelineChanged) enterStage(ctx, values, stage, values.probability !== undefined);
  }
  const status = values.status ?? b.status;
  const reason = values.lost_reason_type !== undefined ? values.lost_reason_type : b.lost_reason_type;
  if (status === 'lost' && !reason) throw invalid([{ field: 'lostReasonType', code: 'sales.opportunity.lostReasonRequired' }]);
  if (values.amount !== undefined || values.probability !== undefined) {
    values.weighted_amount = weighted(values.amount !== undefined ? values.amount : b.amount, values.probability !== undefined ? values.probability : b.probability);
  }
});

async function openStage(ctx: RecordCtx, opp: Record<string, any>): Promise<void> {
  await ctx.trx.insertInto('opportunity_stage_history').values({
    workspace_id: ctx.auth.workspaceId, id: newId(), opportunity_id: opp.id, pipeline_id: opp.pipeline_id, stage: opp.stage,
    entered_at: ctx.now, entered_by: ctx.org.users.has(ctx.auth.userId) ? ctx.auth.userId : null,
  }).execute();
}

/** A won deal makes its customer a customer with a deal, which the pool rules read. */
export async function recordAccountDeal(ctx: Pick<RecordCtx, 'trx' | 'now'> & { auth: { workspaceId: string } }, accountId: string | null): Promise<void> {
  if (!accountId) return;
  await sql`update accounts set deal_status = 'won', last_deal_at = greatest(coalesce(last_deal_at, ${ctx.now}::timestamptz), ${ctx.now}::timestamptz)
    where workspace_id = ${ctx.auth.workspaceId}::uuid and id = ${accountId}::uuid`.execute(ctx.trx);
}

registerHook('opportunities.afterCreate', 'stage-history', async ({ ctx, values }) => {
  await openStage(ctx, values);
  if (values.status === 'won') await recordAccountDeal(ctx, values.account_id);
});

registerHook('opportunities.afterUpdate', 'stage-history', async ({ ctx, before, values }) => {
  if (before!.stage === values.stage && before!.pipeline_id === values.pipeline_id) return;
  await ctx.trx.updateTable('opportunity_stage_history').set({ left_at: ctx.now }).where('workspace_id', '=', ctx.auth.workspaceId)
    .where('opportunity_id', '=', values.id).where('left_at', 'is', null).execute();
  await openStage(ctx, values);
  if (values.status === 'won' && before!.status !== 'won') await recordAccountDeal(ctx, values.account_id);
});

/** Stage history with the time spent in each stage (the current one counts up to now). */
export async function stageHistory(ctx: RecordCtx, opportunityId: string) {
  const rows = await ctx.trx.selectFrom('opportunity_stage_history').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('opportunity_id', '=', opportunityId).orderBy('entered_at').orderBy('id').execute();
  return rows.map((r) => {
    const entered = new Date(r.entered_at);
    const left = r.left_at ? new Date(r.left_at) : null;
    return {
      stage: r.stage, pipelineId: r.pipeline_id, enteredAt: entered.toISOString(), leftAt: left?.toISOString() ?? null, enteredBy: r.entered_by,
      durationSeconds: Math.max(0, Math.round(((left ?? ctx.now).getTime() - entered.getTime()) / 1000)),
    };
  });
}

