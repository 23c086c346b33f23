import { sql } from 'kysely';
import { fieldAccess } from '../../platform/access.js';
import { invalid } from '../../platform/errors.js';
import { baseWhere } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { dec, money, type Dec } from './finance-money.js';
import { getPipeline, listPipelines, type Pipeline } from './pipelines-config.service.js';

/**
 * Sales reports over opportunities: the funnel of a pipeline (count and amounts per stage) and the forecast
 * (open pipeline, weighted and won amounts by expected close month). Both read only the opportunities the
 * caller may read, through the records pipeline's visibility predicate (baseWhere), and leave out the sums
 * of a field the caller's role hides. Amounts are summed per currency, never converted.
 */

interface CurrencyAmounts { currency: string; amount: string | null; weightedAmount: string | null }

/** Whether the caller may see the amount and weighted amount fields of opportunities. */
function visibleSums(ctx: RecordCtx) {
  const seen = (field: string) => fieldAccess(ctx.auth.access, 'opportunities', field) !== 'hidden';
  const amount = seen('amount') && seen('currency');
  // The weighted amount is the amount times a visible probability: hiding the amount hides it too.
  return { amount, weighted: amount && seen('weightedAmount') };
}

async function pipelineOf(ctx: RecordCtx, id: string | undefined): Promise<Pipeline> {
  if (id) return getPipeline(ctx.trx, ctx.auth.workspaceId, ctx.md, id);
  const all = await listPipelines(ctx.trx, ctx.auth.workspaceId, ctx.md);
  return all.find((p) => p.isDefault) ?? all[0];
}

export async function funnelReport(ctx: RecordCtx, q: { pipelineId?: string }) {
  const obj = objectOf(ctx, 'opportunities');
  const pipeline = await pipelineOf(ctx, q.pipelineId);
  const show = visibleSums(ctx);
  const res = await sql<{ stage: string; currency: string; n: number; amount: string | null; weighted: string | null }>`
    select t.stage, t.currency, count(*)::int as n, sum(t.amount) as amount, sum(t.weighted_amount) as weighted
    from opportunities t where ${baseWhere(ctx, obj, 'read')} and t.pipeline_id = ${pipeline.id}
    group by t.stage, t.currency`.execute(ctx.trx);
  const byStage = new Map<string, typeof res.rows>();
  for (const r of res.rows) byStage.set(r.stage, [...(byStage.get(r.stage) ?? []), r]);
  const amountsOf = (rows: typeof res.rows): CurrencyAmounts[] | null => {
    if (!show.amount && !show.weighted) return null;
    const per = new Map<string, { amount: Dec; weighted: Dec }>();
    for (const r of rows) {
      const cur = r.currency.trim();
      const a = per.get(cur) ?? { amount: dec(0), weighted: dec(0) };
      per.set(cur, { amount: a.amount.plus(dec(r.amount)), weighted: a.weighted.plus(dec(r.weighted)) });
    }
    return [...per.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, s]) => ({
      currency, amount: show.amount ? money(s.amount) : null, weightedAmount: show.weighted ? money(s.weighted) : null,
    }));
  };
  const known = new Set(pipeline.stages.map((s) => s.key));
  const stages = pipeline.stages.map((s) => {
    const rows = byStage.get(s.key) ?? [];
    return { key: s.key, label: s.label, kind: s.kind as string | null, probability: s.probability as number | null,
      count: rows.reduce((n, r) => n + r.n, 0), amounts: amountsOf(rows) };
  });
  // Opportunities left on a stage the pipeline no longer has still count, after the configured stages.
  for (const [key, rows] of [...byStage.entries()].filter(([k]) => !known.has(k)).sort(([a], [b]) => a.localeCompare(b))) {
    stages.push({ key, label: { 'zh-CN': key, 'en-US': key }, kind: null, probability: null, count: rows.reduce((n, r) => n + r.n, 0), amounts: amountsOf(rows) });
  }
  return {
    pipelineId: pipeline.id, pipelineName: pipeline.name, stages,
    total: { count: res.rows.reduce((n, r) => n + r.n, 0), amounts: amountsOf(res.rows) },
  };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_FORECAST_MONTHS = 24;

const monthIndex = (m: string) => { const x = MONTH.exec(m)!; return Number(x[1]) * 12 + Number(x[2]) - 1; };
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The current month in the caller's time zone. */
function thisMonth(ctx: RecordCtx): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.auth.timeZone || 'UTC', year: 'numeric', month: '2-digit' }).formatToParts(ctx.now);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

export interface ForecastQuery { from?: string; to?: string; pipelineId?: string }

/**
 * Months from `from` to `to` (inclusive, default: this month and the next five), each with the open
 * opportunities expected to close in it (count, amount, weighted amount = amount × probability) and the won
 * ones (count, amount); `forecast` is won + weighted. Months without opportunities are listed with zeros.
 */
export async function forecastReport(ctx: RecordCtx, q: ForecastQuery) {
  const obj = objectOf(ctx, 'opportunities');
  const from = q.from ?? thisMonth(ctx);
  const first = monthIndex(from);
  const last = q.to ? monthIndex(q.to) : first + 5;
  if (last < first) throw invalid([{ field: 'to', code: 'field.min', params: { min: from } }]);
  if (last - first >= MAX_FORECAST_MONTHS) throw invalid([{ field: 'to', code: 'field.max', params: { max: monthOf(first + MAX_FORECAST_MONTHS - 1) } }]);
  const pipeline = q.pipelineId ? await getPipeline(ctx.trx, ctx.auth.workspaceId, ctx.md, q.pipelineId) : null;
  const show = visibleSums(ctx);
  const start = `${monthOf(first)}-01`;
  const end = `${monthOf(last + 1)}-01`;
  const res = await sql<{ month: string; currency: string; status: string; n: number; amount: string | null; weighted: string | null }>`
    select to_char(t.expected_close_date, 'YYYY-MM') as month, t.currency, t.status, count(*)::int as n,
      sum(t.amount) as amount, sum(t.weighted_amount) as weighted
    from opportunities t where ${baseWhere(ctx, obj, 'read')}
      and t.status in ('open', 'won') and t.expected_close_date >= ${start}::date and t.expected_close_date < ${end}::date
      ${pipeline ? sql`and t.pipeline_id = ${pipeline.id}` : sql``}
    group by 1, 2, 3`.execute(ctx.trx);
  const months = [];
  for (let i = first; i <= last; i++) {
    const month = monthOf(i);
    const rows = res.rows.filter((r) => r.month === month);
    const per = new Map<string, { open: Dec; weighted: Dec; won: Dec }>();
    for (const r of rows) {
      const cur = r.currency.trim();
      const a = per.get(cur) ?? { open: dec(0), weighted: dec(0), won: dec(0) };
      if (r.status === 'won') a.won = a.won.plus(dec(r.amount));
      else { a.open = a.open.plus(dec(r.amount)); a.weighted = a.weighted.plus(dec(r.weighted)); }
      per.set(cur, a);
    }
    months.push({
      month,
      openCount: rows.filter((r) => r.status === 'open').reduce((n, r) => n + r.n, 0),
      wonCount: rows.filter((r) => r.status === 'won').reduce((n, r) => n + r.n, 0),
      amounts: !show.amount ? null : [...per.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, s]) => ({
        currency, openAmount: money(s.open), weightedAmount: show.weighted ? money(s.weighted) : null,
        wonAmount: money(s.won), forecast: show.weighted ? money(s.won.plus(s.weighted)) : null,
      })),
    });
  }
  return { from: monthOf(first), to: monthOf(last), pipelineId: pipeline?.id ?? null, months };
}
