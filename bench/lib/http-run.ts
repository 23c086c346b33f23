import os from 'node:os';
import type { Ctx, HttpScenario } from './scenarios.js';
import { CpuMeter, cpuMs } from './cpu.js';
import { load } from './load.js';
import type { Proc } from './procs.js';
import type { Measured, ScenarioResult } from './report.js';

const loadAvg = () => os.loadavg()[0];
const round = (v: number) => Math.round(v * 100) / 100;

async function probe(sc: HttpScenario, ctx: Ctx, server: Proc): Promise<{ path: string | null; reason?: string }> {
  if (!sc.candidates) return { path: null };
  const tried: string[] = [];
  for (const p of sc.candidates(ctx)) {
    const req = sc.next(ctx, p);
    const res = await fetch(server.url + p, { headers: req.headers });
    await res.arrayBuffer();
    if (res.ok) return { path: p };
    tried.push(`${p.split('?')[0]} → ${res.status}`);
  }
  return { path: null, reason: `no endpoint yet (${tried.join(', ')})` };
}

export interface RunSettings { duration: number; warmup: number; db: CpuMeter | null }

/**
 * Warms up, then measures; besides latency it takes the CPU time the process under test and the database
 * backends spent per request, which stays comparable when other work shares the machine.
 */
async function measure(proc: Proc, next: () => ReturnType<HttpScenario['next']>, connections: number, settings: RunSettings): Promise<Measured> {
  if (settings.warmup > 0) await load({ url: proc.url, connections, duration: settings.warmup, next });
  proc.resetPeak();
  const before = loadAvg();
  const cpu0 = cpuMs(proc.child.pid!);
  settings.db?.begin();
  const r = await load({ url: proc.url, connections, duration: settings.duration, next });
  const dbMs = settings.db?.end();
  const per = (ms: number) => round(ms / Math.max(1, r.requests));
  return {
    ...r, peakRssMb: proc.peakMb(), loadAvg: [round(before), round(loadAvg())],
    cpuMsPerReq: per(cpuMs(proc.child.pid!) - cpu0), dbCpuMsPerReq: dbMs === undefined ? null : per(dbMs),
  };
}

/** Probes, warms up and measures one scenario on the server, then the same SELECT on the bare handler. */
export async function runHttpScenario(sc: HttpScenario, ctx: Ctx, server: Proc, baseline: Proc | null, settings: RunSettings): Promise<ScenarioResult> {
  const base: ScenarioResult = { id: sc.id, title: sc.title, status: 'ok', connections: sc.connections, budget: sc.budget, verdict: { pass: null, checks: [] } };
  try {
    const found = await probe(sc, ctx, server);
    if (sc.candidates && !found.path) return { ...base, status: 'not available', reason: found.reason };
    if (found.path) base.path = found.path.split('?')[0];
    base.server = await measure(server, () => sc.next(ctx, found.path), sc.connections, settings);
    if (sc.baseline && baseline) {
      base.baseline = await measure(baseline, () => sc.baseline!(ctx), sc.connections, settings);
      base.ratio = round(base.server.rps / Math.max(1, base.baseline.rps));
    }
    return base;
  } catch (err) {
    return { ...base, status: 'failed', reason: (err as Error).message };
  }
}
