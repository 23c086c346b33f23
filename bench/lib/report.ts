import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult, ImportResult } from './dataio.js';
import type { LoadResult } from './load.js';
import { RESULTS_DIR } from './options.js';
import type { Budget } from './scenarios.js';

export interface Measured extends LoadResult {
  peakRssMb: number;
  loadAvg: [number, number];
  /** CPU time of the process under test per request (ms). */
  cpuMsPerReq: number;
  /** CPU time of the database backends per request (ms); null on PGlite (in process). */
  dbCpuMsPerReq: number | null;
}

export interface ScenarioResult {
  id: string;
  title: string;
  status: 'ok' | 'not available' | 'failed';
  reason?: string;
  path?: string;
  connections?: number;
  budget: Budget;
  server?: Measured;
  baseline?: Measured;
  /** Server throughput over the bare handler's. */
  ratio?: number;
  import?: ImportResult;
  export?: ExportResult;
  verdict: { pass: boolean | null; checks: string[] };
}

export interface Report {
  startedAt: string;
  seconds: number;
  quick: boolean;
  engine: string;
  machine: Record<string, unknown>;
  dataset: Record<string, unknown>;
  settings: Record<string, unknown>;
  scenarios: ScenarioResult[];
}

/** Checks a scenario against its budget; each check is written out as "p95 8.1 ≤ 10 ms ✓". */
export function judge(r: ScenarioResult): ScenarioResult['verdict'] {
  const checks: string[] = [];
  let pass: boolean | null = null;
  const check = (ok: boolean, text: string) => { checks.push(`${text} ${ok ? '✓' : '✗'}`); pass = (pass ?? true) && ok; };
  if (r.status !== 'ok') return { pass: r.status === 'failed' ? false : null, checks };
  const b = r.budget;
  if (r.server) {
    check(r.server.errors === 0, `errors ${r.server.errors} = 0`);
    if (b.p95 !== undefined) check(r.server.latency.p95 <= b.p95, `p95 ${r.server.latency.p95} ≤ ${b.p95} ms`);
    if (b.baselineRatio !== undefined && r.ratio !== undefined) check(r.ratio >= b.baselineRatio, `throughput ${Math.round(r.ratio * 100)}% ≥ ${b.baselineRatio * 100}% of bare`);
  }
  if (r.import) {
    check(r.import.status === 'done' && r.import.failed === 0, `import ${r.import.status}, ${r.import.failed} failed rows`);
    if (b.rowsPerSec) check(r.import.rowsPerSec >= b.rowsPerSec, `${r.import.rowsPerSec.toLocaleString('en')} ≥ ${b.rowsPerSec.toLocaleString('en')} rows/s`);
    check(r.import.constantMemory, `memory ${r.import.rssPeakFirstHalfMb} → ${r.import.rssPeakSecondHalfMb} MB (constant)`);
  }
  if (r.export) {
    check(r.export.rows >= r.export.expectedRows, `${r.export.rows.toLocaleString('en')} of ${r.export.expectedRows.toLocaleString('en')} rows`);
    if (b.rowsPerSec) check(r.export.rowsPerSec >= b.rowsPerSec, `${r.export.rowsPerSec.toLocaleString('en')} ≥ ${b.rowsPerSec.toLocaleString('en')} rows/s`);
    check(r.export.streamed, `streamed (first byte ${r.export.firstByteMs} ms, peak RSS ${r.export.rssPeakMb} MB)`);
  }
  return { pass, checks };
}

const fmt = (v: number | undefined, digits = 1) => (v === undefined ? '' : v.toFixed(digits));

function row(r: ScenarioResult): string {
  const verdict = r.verdict.pass === null ? (r.status === 'not available' ? 'n/a' : '–') : r.verdict.pass ? '✅ pass' : '❌ fail';
  const budget = [r.budget.p95 !== undefined ? `p95 ≤ ${r.budget.p95} ms` : '', r.budget.baselineRatio ? `≥ ${r.budget.baselineRatio * 100}% bare` : '',
    r.budget.rowsPerSec ? `≥ ${r.budget.rowsPerSec.toLocaleString('en')} rows/s` : ''].filter(Boolean).join(', ') || '—';
  if (r.status !== 'ok') return `| ${r.id} | ${r.status}: ${r.reason ?? ''} | | | | | | | | | | ${budget} | ${verdict} |`;
  if (r.import || r.export) {
    const x = (r.import ?? r.export)!;
    const rss = r.import ? `${r.import.rssPeakSecondHalfMb}` : `${r.export!.rssPeakMb}`;
    return `| ${r.id} | ${x.rows.toLocaleString('en')} rows in ${x.seconds} s | | | | ${x.rowsPerSec.toLocaleString('en')} rows/s | ${r.import?.failed ?? 0} | ${rss} | | | | ${budget} | ${verdict} |`;
  }
  const s = r.server!;
  return `| ${r.id} | ${r.connections} | ${fmt(s.latency.p50)} | ${fmt(s.latency.p95)} | ${fmt(s.latency.p99)} | ${s.rps} | ${s.errors} | ${s.peakRssMb} | ${fmt(s.cpuMsPerReq, 2)} + ${s.dbCpuMsPerReq === null ? '?' : fmt(s.dbCpuMsPerReq, 2)} | ${r.baseline ? `${r.baseline.rps} (p95 ${fmt(r.baseline.latency.p95)}, cpu ${fmt(r.baseline.cpuMsPerReq, 2)} + ${r.baseline.dbCpuMsPerReq === null ? '?' : fmt(r.baseline.dbCpuMsPerReq, 2)})` : ''} | ${r.ratio !== undefined ? `${Math.round(r.ratio * 100)}%` : ''} | ${budget} | ${verdict} |`;
}

export function markdown(rep: Report): string {
  const lines = [
    `# Rapport bench — ${rep.startedAt}${rep.quick ? ' (quick)' : ''}`, '',
    `Engine ${rep.engine}; data ${JSON.stringify(rep.dataset.counts)}; ${rep.seconds} s in all.`, '',
    `Machine: ${JSON.stringify(rep.machine)}`, '', `Settings: ${JSON.stringify(rep.settings)}`, '',
    '| scenario | clients | p50 ms | p95 ms | p99 ms | req/s | errors | server peak RSS MB | CPU ms/req server + db | bare handler req/s | ratio | budget | verdict |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rep.scenarios.map(row), '',
    '## Checks', '',
    ...rep.scenarios.map((r) => `- **${r.id}** — ${r.title}${r.path ? ` \`${r.path}\`` : ''}: ${r.verdict.checks.join('; ') || r.reason || ''}${r.server ? ` (load avg ${r.server.loadAvg.join(' → ')})` : ''}`),
  ];
  const kinds = rep.scenarios.find((r) => r.id === 'mixed')?.server?.kinds;
  if (kinds) {
    lines.push('', '## Mixed workload by request kind', '', '| kind | count | p50 | p95 | p99 | errors |', '|---|---|---|---|---|---|');
    for (const [k, v] of Object.entries(kinds)) lines.push(`| ${k} | ${v.count} | ${fmt(v.p50)} | ${fmt(v.p95)} | ${fmt(v.p99)} | ${v.errors} |`);
  }
  const samples = rep.scenarios.flatMap((r) => (r.server?.errorSamples ?? []).map((e) => `- ${r.id}: ${e}`));
  if (samples.length) lines.push('', '## Error samples', '', ...samples);
  return lines.join('\n') + '\n';
}

export function writeReport(rep: Report): { json: string; md: string } {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = rep.startedAt.replace(/[:.]/g, '-');
  const base = path.join(RESULTS_DIR, `${stamp}${rep.quick ? '-quick' : ''}`);
  const md = markdown(rep);
  fs.writeFileSync(`${base}.json`, JSON.stringify(rep, null, 2));
  fs.writeFileSync(`${base}.md`, md);
  fs.writeFileSync(path.join(RESULTS_DIR, `latest${rep.quick ? '-quick' : ''}.json`), JSON.stringify(rep, null, 2));
  fs.writeFileSync(path.join(RESULTS_DIR, `latest${rep.quick ? '-quick' : ''}.md`), md);
  return { json: `${base}.json`, md: `${base}.md` };
}

/** One line per scenario: the figures and the verdict. */
export function summaryLine(r: ScenarioResult): string {
  const head = `${r.verdict.pass === null ? ' · ' : r.verdict.pass ? ' ✓ ' : ' ✗ '}${r.id.padEnd(20)}`;
  if (r.status !== 'ok') return `${head} ${r.status}${r.reason ? `: ${r.reason}` : ''}`;
  if (r.server) {
    const cpu = (m: Measured) => `cpu ${fmt(m.cpuMsPerReq, 2)}+${m.dbCpuMsPerReq === null ? '?' : fmt(m.dbCpuMsPerReq, 2)} ms/req`;
    return `${head} p50 ${fmt(r.server.latency.p50)}  p95 ${fmt(r.server.latency.p95)}  p99 ${fmt(r.server.latency.p99)} ms  ${r.server.rps} req/s  ${r.server.errors} errors  RSS ${r.server.peakRssMb} MB  ${cpu(r.server)}${r.ratio !== undefined ? `  | bare ${r.baseline!.rps} req/s p95 ${fmt(r.baseline!.latency.p95)} ${cpu(r.baseline!)} → ${Math.round(r.ratio * 100)}%` : ''}  load ${r.server.loadAvg.join('→')}`;
  }
  const x = (r.import ?? r.export)!;
  return `${head} ${x.rows.toLocaleString('en')} rows in ${x.seconds} s = ${x.rowsPerSec.toLocaleString('en')} rows/s${r.verdict.checks.length ? `  [${r.verdict.checks.join('; ')}]` : ''}`;
}

export function summary(rep: Report): string {
  return [`\nRapport bench (${rep.quick ? 'quick' : 'full'}, ${rep.engine}) — ${rep.seconds} s`, ...rep.scenarios.map(summaryLine)].join('\n');
}
