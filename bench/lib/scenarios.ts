import type { Fixtures, FxUser } from './fixtures.js';
import type { Req } from './load.js';
import { LIST_VARIANTS, SEARCHES, listPath } from './queries.js';
import { Rng } from './random.js';

export interface Budget { p95?: number; baselineRatio?: number; rowsPerSec?: number }

export interface Ctx { fx: Fixtures; pipelineId: string; rng: Rng; serverUrl: string }

/** A load scenario: requests against the server, and optionally the same SELECT against the bare handler. */
export interface HttpScenario {
  id: string;
  title: string;
  connections: number;
  budget: Budget;
  /** Paths to try in order; the first one answering 200 is measured. None answering: "not available". */
  candidates?: (ctx: Ctx) => string[];
  next: (ctx: Ctx, path: string | null) => Req;
  baseline?: (ctx: Ctx) => Req;
}

const pick = <T>(rng: Rng, list: T[]) => list[Math.floor(rng.next() * list.length)];
const asUser = (u: FxUser) => ({ cookie: u.cookie, 'accept-language': 'zh-CN' });
const readers = (ctx: Ctx) => ctx.fx.users.filter((u) => u.role !== 'admin');
const managers = (ctx: Ctx) => ctx.fx.users.filter((u) => u.role === 'manager');

/** A path found by probing, from the environment first (BENCH_KANBAN_PATH …) so new endpoints need no code change. */
const envFirst = (name: string, list: string[]) => (process.env[name] ? [process.env[name]!, ...list] : list);

function recordGet(): HttpScenario {
  return {
    id: 'get', title: 'Record GET (contacts/{id})', connections: 50, budget: { p95: 10, baselineRatio: 0.6 },
    next: (ctx) => {
      const u = pick(ctx.rng, readers(ctx));
      return { path: `/api/v1/contacts/${pick(ctx.rng, u.contacts).id}`, headers: asUser(u) };
    },
    baseline: (ctx) => {
      const u = pick(ctx.rng, readers(ctx));
      return { path: `/get/${u.key}/${pick(ctx.rng, u.contacts).id}` };
    },
  };
}

function listPages(): HttpScenario[] {
  return LIST_VARIANTS.map((v) => ({
    id: `list-${v.id}`, title: `List page: ${v.object}, ${v.query.filter} sorted by ${v.query.sort}`, connections: 10, budget: { p95: 40 },
    next: (ctx) => ({ path: listPath(v), headers: asUser(pick(ctx.rng, readers(ctx))) }),
    baseline: (ctx) => ({ path: `/list/${v.id}/${pick(ctx.rng, readers(ctx)).key}` }),
  }));
}

function searches(): HttpScenario[] {
  return SEARCHES.map((s) => ({
    id: s.id, title: `Global search "${s.q}" (${s.note})`, connections: 10, budget: { p95: 60 },
    candidates: () => [`/api/v1/search?q=${encodeURIComponent(s.q)}`],
    next: (ctx, path) => ({ path: path!, headers: asUser(pick(ctx.rng, readers(ctx))) }),
  }));
}

/** The request the web kanban board sends first (it follows the cursor for at most 5 pages). */
export function kanbanPath(pipelineId: string): string {
  const filter = JSON.stringify({ field: 'pipelineId', op: 'eq', value: pipelineId });
  const fields = 'name,accountId,amount,currency,stage,pipelineId,version,ownerId';
  return `/api/v1/opportunities?${new URLSearchParams({ filter, fields, limit: '200', sort: '-amount' }).toString()}`;
}

function boards(): HttpScenario[] {
  const p = (ctx: Ctx) => encodeURIComponent(ctx.pipelineId);
  return [
    {
      id: 'kanban', title: 'Kanban board (first page of the board: 200 opportunities of the pipeline, largest first)', connections: 4, budget: { p95: 100 },
      // The web board (web/src/modules/sales/opportunity-board.tsx) reads the list API, 200 cards a page.
      candidates: (ctx) => envFirst('BENCH_KANBAN_PATH', [kanbanPath(ctx.pipelineId)]),
      next: (ctx, path) => ({ path: path!, headers: asUser(pick(ctx.rng, managers(ctx))) }),
    },
    {
      id: 'funnel', title: 'Funnel report (per stage of the pipeline)', connections: 4, budget: { p95: 300 },
      candidates: (ctx) => envFirst('BENCH_FUNNEL_PATH', [`/api/v1/sales/funnel?pipelineId=${p(ctx)}`]),
      next: (ctx, path) => ({ path: path!, headers: asUser(pick(ctx.rng, managers(ctx))) }),
    },
    {
      id: 'forecast', title: 'Forecast report (six months by expected close month)', connections: 4, budget: { p95: 300 },
      candidates: () => envFirst('BENCH_FORECAST_PATH', ['/api/v1/sales/forecast']),
      next: (ctx, path) => ({ path: path!, headers: asUser(pick(ctx.rng, managers(ctx))) }),
    },
  ];
}

const TODAY = encodeURIComponent(JSON.stringify({ field: 'nextContactAt', op: 'relative', value: 'next7Days' }));

/** A rep's day: 70% reads (record, own list, the week's follow-ups), 30% writes (edit a contact, log a follow-up). */
function mixed(): HttpScenario {
  return {
    id: 'mixed', title: 'Mixed rep workload (70% reads, 30% writes)', connections: 20, budget: {},
    next: (ctx) => {
      const u = pick(ctx.rng, ctx.fx.reps);
      const c = pick(ctx.rng, u.contacts);
      const x = ctx.rng.next();
      const write = { ...asUser(u), 'x-csrf-token': u.csrf, 'content-type': 'application/json' };
      if (x < 0.35) return { kind: 'read-get', path: `/api/v1/contacts/${c.id}`, headers: asUser(u) };
      if (x < 0.55) return { kind: 'read-list', path: '/api/v1/contacts?sort=-updatedAt&limit=20', headers: asUser(u) };
      if (x < 0.70) return { kind: 'read-followups', path: `/api/v1/activities?filter=${TODAY}&sort=nextContactAt&limit=20`, headers: asUser(u) };
      if (x < 0.85) {
        return { kind: 'write-update', method: 'PATCH', path: `/api/v1/contacts/${c.id}`, headers: write, body: JSON.stringify({ title: pick(ctx.rng, ['采购经理', '技术总监', 'CTO', '总经理']) }) };
      }
      return {
        kind: 'write-followup', method: 'POST', path: '/api/v1/activities', headers: write,
        body: JSON.stringify({ name: '电话回访 bench', type: 'call', contactId: c.id, content: '基准测试：客户确认下周演示。', occurredAt: new Date().toISOString() }),
      };
    },
  };
}

export function httpScenarios(): HttpScenario[] {
  return [recordGet(), ...listPages(), ...searches(), ...boards(), mixed()];
}
