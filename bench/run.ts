/**
 * npm run bench [-- --quick] [--only=get,list-contacts] [--duration=20] [--embedded] [--fresh]
 * Makes sure the data set exists (bench:data), starts the server and the bare Fastify + pg handler on it,
 * runs the load scenarios with autocannon, the 100k-row import and the 1M-row export, and writes JSON and
 * Markdown under bench/results/ with a summary on stdout.
 */
import os from 'node:os';
import { ensureDataSet } from './lib/dataset.js';
import { prepareFixtures } from './lib/fixtures.js';
import path from 'node:path';
import { parseFlags, RESULTS_DIR, targetOf } from './lib/options.js';
import { CpuMeter, backendPids } from './lib/cpu.js';
import { BASELINE_SCRIPT, Proc, SERVER_SCRIPT } from './lib/procs.js';
import { judge, summary, summaryLine, writeReport, type Report, type ScenarioResult } from './lib/report.js';
import { httpScenarios } from './lib/scenarios.js';
import { Rng } from './lib/random.js';
import { runDataScenarios } from './lib/data-scenarios.js';
import { runHttpScenario } from './lib/http-run.js';
import { cleanup, describeMachine } from './lib/housekeeping.js';

const flags = parseFlags();
const started = new Date();
const log = (m: string) => console.log(m);
const ds = await ensureDataSet(flags, log);
log(`data set: ${ds.target} ${JSON.stringify(ds.meta.counts)}`);
const fx = await prepareFixtures(ds, flags.quick ? { reps: 6, managers: 2 } : { reps: 12, managers: 3 });
const duration = flags.duration ?? (flags.quick ? 4 : 20);
const settings = { duration, warmup: flags.quick ? 1 : 3, serverLogLevel: process.env.BENCH_LOG_LEVEL ?? 'warn', roles: 'api,worker', poolSize: 20 };
const dbMeter = ds.url ? new CpuMeter(() => backendPids(targetOf(flags).name)) : null;

const serverEnv: Record<string, string> = { HOST: '127.0.0.1', ROLES: settings.roles, LOG_LEVEL: settings.serverLogLevel, NODE_ENV: 'production' };
if (ds.url) serverEnv.DATABASE_URL = ds.url;
else serverEnv.DATA_DIR = ds.dataDir;
const profileArgs = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`] : [];
const server = await Proc.start('server', SERVER_SCRIPT, serverEnv, '/readyz', profileArgs);
const baseline = ds.url ? await Proc.start('baseline', BASELINE_SCRIPT, { BASELINE_DATABASE_URL: ds.url, BASELINE_FIXTURE: fx.baselineFile, POOL_SIZE: '20' }, '/readyz') : null;
log(`server ${server.url} (RSS ${server.rssMb()} MB)${baseline ? `, bare handler ${baseline.url}` : ''}`);

const results: ScenarioResult[] = [];
const want = (id: string) => !flags.only || flags.only.some((o) => id === o || id.startsWith(`${o}-`));
try {
  const ctx = { fx, pipelineId: ds.meta.pipelineId, rng: new Rng(7), serverUrl: server.url };
  for (const sc of httpScenarios().filter((s) => want(s.id))) {
    const r = await runHttpScenario(sc, ctx, server, baseline, { ...settings, db: dbMeter });
    r.verdict = judge(r);
    results.push(r);
    log(summaryLine(r));
  }
  for (const r of await runDataScenarios(ds, fx, server, flags, want)) {
    r.verdict = judge(r);
    results.push(r);
    log(summaryLine(r));
  }
} finally {
  await server.stop();
  await baseline?.stop();
  await cleanup(ds, fx, started).catch((e) => log(`cleanup: ${(e as Error).message}`));
}

const report: Report = {
  startedAt: started.toISOString(), seconds: Math.round((Date.now() - started.getTime()) / 1000), quick: flags.quick,
  engine: ds.url ? 'postgres' : 'pglite', machine: await describeMachine(ds), settings,
  dataset: { label: ds.spec.label, counts: ds.meta.counts, generatedAt: ds.meta.generatedAt, reused: ds.reused },
  scenarios: results,
};
const files = writeReport(report);
log(summary(report));
log(`\n${files.md}\n${files.json}\nload average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exit(results.some((r) => r.verdict.pass === false) ? 1 : 0);
