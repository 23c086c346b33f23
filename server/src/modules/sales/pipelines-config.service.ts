import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import type { Label, WorkspaceMetadata } from '../../metadata/types.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { iso } from './sales-common.js';

export type StageKind = 'open' | 'won' | 'lost';
export interface StageInput { key: string; probability: number; kind: StageKind }
export interface PipelineInput { name?: string; departmentIds?: string[]; isDefault?: boolean; position?: number; active?: boolean; stages?: StageInput[] }
export interface Stage extends StageInput { position: number; label: Label }
export interface Pipeline { id: string; name: string; departmentIds: string[]; isDefault: boolean; position: number; active: boolean; stages: Stage[]; createdAt: string | null; updatedAt: string | null }

export const DEFAULT_STAGES: StageInput[] = [
  { key: 'qualification', probability: 10, kind: 'open' }, { key: 'needs', probability: 30, kind: 'open' },
  { key: 'proposal', probability: 60, kind: 'open' }, { key: 'negotiation', probability: 80, kind: 'open' },
  { key: 'won', probability: 100, kind: 'won' }, { key: 'lost', probability: 0, kind: 'lost' },
];

/** Stage keys are the options of the opportunity stage field, so their labels stay translated metadata. */
function stageLabels(md: WorkspaceMetadata): Map<string, Label> {
  const field = md.objects.get('opportunities')?.fields.find((f) => f.apiName === 'stage');
  return new Map((field?.options?.options ?? []).map((o: { value: string; label: Label }) => [o.value, o.label]));
}

async function toPipelines(trx: Trx, ws: string, md: WorkspaceMetadata, rows: Record<string, any>[]): Promise<Pipeline[]> {
  if (rows.length === 0) return [];
  const stages = await trx.selectFrom('sales_stages').selectAll().where('workspace_id', '=', ws)
    .where('pipeline_id', 'in', rows.map((r) => r.id)).orderBy('position').execute();
  const labels = stageLabels(md);
  return rows.map((r) => ({
    id: r.id, name: r.name, departmentIds: r.department_ids ?? [], isDefault: r.is_default, position: r.position, active: r.active,
    stages: stages.filter((s) => s.pipeline_id === r.id).map((s) => ({
      key: s.key, probability: s.probability, kind: s.kind, position: s.position, label: labels.get(s.key) ?? { 'zh-CN': s.key, 'en-US': s.key },
    })),
    createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  }));
}

/** The workspace's first pipeline, made on first need from the stage field's standard options. */
export async function ensureDefaultPipeline(trx: Trx, ws: string): Promise<void> {
  const any = await trx.selectFrom('sales_pipelines').select('id').where('workspace_id', '=', ws).limit(1).executeTakeFirst();
  if (any) return;
  const w = await trx.selectFrom('workspaces').select('locale').where('id', '=', ws).executeTakeFirst();
  const id = newId();
  const ins = await sql`insert into sales_pipelines (workspace_id, id, name, is_default) values (${ws}::uuid, ${id}::uuid,
    ${w?.locale === 'en-US' ? 'Default pipeline' : '默认销售流程'}, true) on conflict (workspace_id) where is_default do nothing returning id`.execute(trx);
  if (ins.rows.length) await writeStages(trx, ws, id, DEFAULT_STAGES);
}

export async function listPipelines(trx: Trx, ws: string, md: WorkspaceMetadata): Promise<Pipeline[]> {
  await ensureDefaultPipeline(trx, ws);
  const rows = await trx.selectFrom('sales_pipelines').selectAll().where('workspace_id', '=', ws).orderBy('position').orderBy('created_at').execute();
  return toPipelines(trx, ws, md, rows);
}

export async function getPipeline(trx: Trx, ws: string, md: WorkspaceMetadata, id: string): Promise<Pipeline> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const rows = await trx.selectFrom('sales_pipelines').selectAll().where('workspace_id', '=', ws).where('id', '=', id).execute();
  if (rows.length === 0) throw notFound();
  return (await toPipelines(trx, ws, md, rows))[0];
}

function checkStages(md: WorkspaceMetadata, stages: StageInput[]): void {
  const labels = stageLabels(md);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    if (!labels.has(s.key)) issues.push({ field: `stages.${i}.key`, code: 'field.option', params: { value: s.key } });
    if (seen.has(s.key)) issues.push({ field: `stages.${i}.key`, code: 'sales.pipeline.duplicateStage' });
    seen.add(s.key);
  });
  for (const kind of ['open', 'won', 'lost'] as const) {
    if (!stages.some((s) => s.kind === kind)) issues.push({ field: 'stages', code: 'sales.pipeline.needsKind', params: { kind } });
  }
  if (issues.length) throw invalid(issues);
}

async function writeStages(trx: Trx, ws: string, pipelineId: string, stages: StageInput[]): Promise<void> {
  await trx.deleteFrom('sales_stages').where('workspace_id', '=', ws).where('pipeline_id', '=', pipelineId).execute();
  await trx.insertInto('sales_stages').values(stages.map((s, i) => ({
    workspace_id: ws, pipeline_id: pipelineId, key: s.key, probability: s.probability, kind: s.kind, position: i,
  }))).execute();
}

async function checkDepartments(trx: Trx, ws: string, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await trx.selectFrom('departments').select('id').where('workspace_id', '=', ws).where('id', 'in', ids).execute();
  const issues = ids.flatMap((d, i) => (found.some((f) => f.id === d) ? [] : [{ field: `departmentIds.${i}`, code: 'field.notFound' }]));
  if (issues.length) throw invalid(issues);
}

async function makeDefault(trx: Trx, ws: string, id: string): Promise<void> {
  await trx.updateTable('sales_pipelines').set({ is_default: false }).where('workspace_id', '=', ws).where('is_default', '=', true).execute();
  await trx.updateTable('sales_pipelines').set({ is_default: true }).where('workspace_id', '=', ws).where('id', '=', id).execute();
}

export async function createPipeline(trx: Trx, ws: string, md: WorkspaceMetadata, p: PipelineInput): Promise<Pipeline> {
  await ensureDefaultPipeline(trx, ws);
  const stages = p.stages ?? DEFAULT_STAGES;
  checkStages(md, stages);
  await checkDepartments(trx, ws, p.departmentIds);
  const id = newId();
  await trx.insertInto('sales_pipelines').values({
    workspace_id: ws, id, name: p.name!, department_ids: p.departmentIds ?? [], position: p.position ?? 0, active: p.active ?? true,
  }).execute();
  await writeStages(trx, ws, id, stages);
  if (p.isDefault) await makeDefault(trx, ws, id);
  return getPipeline(trx, ws, md, id);
}

/** Stages still used by open or closed opportunities of the pipeline cannot be removed from it. */
export async function updatePipeline(trx: Trx, ws: string, md: WorkspaceMetadata, id: string, p: PipelineInput): Promise<Pipeline> {
  const cur = await getPipeline(trx, ws, md, id);
  await checkDepartments(trx, ws, p.departmentIds);
  if (p.stages) {
    checkStages(md, p.stages);
    const keep = p.stages.map((s) => s.key);
    const used = await sql<{ stage: string }>`select distinct stage from opportunities where workspace_id = ${ws}::uuid
      and pipeline_id = ${id} and not (stage = any(${keep}::text[])) limit 1`.execute(trx);
    if (used.rows.length) throw new AppError(409, 'sales.pipeline.stageInUse', { stage: used.rows[0].stage });
    await writeStages(trx, ws, id, p.stages);
  }
  if (p.isDefault === false && cur.isDefault) throw new AppError(409, 'sales.pipeline.needsDefault');
  if (p.active === false && cur.isDefault) throw new AppError(409, 'sales.pipeline.needsDefault');
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (p.name !== undefined) set.name = p.name;
  if (p.departmentIds !== undefined) set.department_ids = p.departmentIds;
  if (p.position !== undefined) set.position = p.position;
  if (p.active !== undefined) set.active = p.active;
  await trx.updateTable('sales_pipelines').set(set).where('workspace_id', '=', ws).where('id', '=', id).execute();
  if (p.isDefault && !cur.isDefault) await makeDefault(trx, ws, id);
  return getPipeline(trx, ws, md, id);
}

export async function deletePipeline(trx: Trx, ws: string, md: WorkspaceMetadata, id: string): Promise<void> {
  const cur = await getPipeline(trx, ws, md, id);
  if (cur.isDefault) throw new AppError(409, 'sales.pipeline.needsDefault');
  const used = await sql`select 1 from opportunities where workspace_id = ${ws}::uuid and pipeline_id = ${id} limit 1`.execute(trx);
  if (used.rows.length) throw new AppError(409, 'sales.pipeline.inUse');
  await trx.deleteFrom('sales_pipelines').where('workspace_id', '=', ws).where('id', '=', id).execute();
}
