import fs from 'node:fs';
import path from 'node:path';
import type { FxUser } from './fixtures.js';
import { landline, mobile, person, TITLES } from './names.js';
import { BENCH_DIR } from './options.js';
import type { Proc } from './procs.js';
import { Rng } from './random.js';

export interface ImportResult {
  status: string; rows: number; seconds: number; rowsPerSec: number; created: number; failed: number;
  rssBeforeMb: number; rssPeakFirstHalfMb: number; rssPeakSecondHalfMb: number; constantMemory: boolean; note?: string;
}
export interface ExportResult {
  status: string; rows: number; expectedRows: number; bytes: number; seconds: number; firstByteMs: number;
  rowsPerSec: number; rssBeforeMb: number; rssPeakMb: number; streamed: boolean; note?: string;
}

/** A contacts CSV as people export them from a spreadsheet: Chinese headers, mixed names. */
function importFile(rows: number): string {
  const file = path.join(BENCH_DIR, '.data', `import-contacts-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const rng = new Rng(rows);
  const out = fs.openSync(file, 'w');
  let buf = '姓名,手机,电话,邮箱,职务,微信\n';
  for (let i = 0; i < rows; i++) {
    const p = person(rng);
    buf += `${p.name},${mobile(rng)},${rng.chance(0.3) ? landline(rng) : ''},${p.latin}.imp${i}@example.com,${rng.pick(TITLES)},wx_imp${i}\n`;
    if (buf.length > 1 << 20) { fs.writeSync(out, buf); buf = ''; }
  }
  fs.writeSync(out, buf);
  fs.closeSync(out);
  return file;
}

async function api(server: Proc, u: FxUser, method: string, p: string, body?: unknown): Promise<any> {
  const isForm = body instanceof FormData;
  const res = await fetch(server.url + p, {
    method, body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
    headers: { cookie: u.cookie, 'x-csrf-token': u.csrf, ...(isForm || body === undefined ? {} : { 'content-type': 'application/json' }) },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Uploads, starts and follows one import; memory is sampled to tell a streaming import from one that grows. */
export async function runImport(server: Proc, admin: FxUser, rows: number, timeoutS: number): Promise<ImportResult> {
  const file = importFile(rows);
  const form = new FormData();
  form.append('object', 'contacts');
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), path.basename(file));
  const imp = await api(server, admin, 'POST', '/api/v1/imports', form);
  const rssBeforeMb = server.resetPeak();
  const samples: Array<{ t: number; rss: number }> = [];
  const t0 = Date.now();
  await api(server, admin, 'POST', `/api/v1/imports/${imp.id}/start`, { mapping: imp.suggestedMapping, duplicatePolicy: 'create' });
  let view: any = null;
  while (Date.now() - t0 < timeoutS * 1000) {
    samples.push({ t: Date.now() - t0, rss: server.rssMb() });
    view = await api(server, admin, 'GET', `/api/v1/imports/${imp.id}`);
    if (['done', 'failed', 'cancelled'].includes(view.status)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (Date.now() - t0) / 1000;
  let note: string | undefined;
  if (!['done', 'failed', 'cancelled'].includes(view?.status)) {
    await api(server, admin, 'POST', `/api/v1/imports/${imp.id}/cancel`).catch(() => null);
    note = `stopped after ${timeoutS} s`;
  }
  const half = seconds * 500;
  const peak = (list: typeof samples) => list.reduce((m, s) => Math.max(m, s.rss), 0);
  const first = peak(samples.filter((s) => s.t <= half));
  const second = peak(samples.filter((s) => s.t > half));
  const processed = Number(view?.processed ?? 0);
  return {
    status: view?.status ?? 'unknown', rows: processed, seconds: Math.round(seconds * 10) / 10, rowsPerSec: Math.round(processed / seconds),
    created: Number(view?.created ?? 0), failed: Number(view?.failed ?? 0), rssBeforeMb, rssPeakFirstHalfMb: first,
    rssPeakSecondHalfMb: second, constantMemory: second - first <= 64, note,
  };
}

/** Streams an export and counts its rows as they arrive. */
export async function runExport(server: Proc, admin: FxUser, expectedRows: number, p: string): Promise<ExportResult> {
  const rssBeforeMb = server.resetPeak();
  const t0 = performance.now();
  const res = await fetch(server.url + p, { headers: { cookie: admin.cookie } });
  if (!res.ok || !res.body) throw new Error(`GET ${p} → ${res.status} ${(await res.text()).slice(0, 300)}`);
  let firstByteMs = -1;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (firstByteMs < 0) firstByteMs = performance.now() - t0;
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = Math.max(0, lines - 1);
  const rssPeakMb = server.peakMb();
  // Streamed: the first bytes come long before the last, and memory does not grow with the file.
  const streamed = firstByteMs < seconds * 1000 * 0.5 && rssPeakMb - rssBeforeMb < Math.max(64, bytes / 1048576 / 4);
  return {
    status: rows >= expectedRows ? 'done' : 'partial', rows, expectedRows, bytes, seconds: Math.round(seconds * 10) / 10,
    firstByteMs: Math.round(firstByteMs), rowsPerSec: Math.round(rows / seconds), rssBeforeMb, rssPeakMb, streamed,
    note: rows < expectedRows ? `the endpoint returned ${rows.toLocaleString()} of ${expectedRows.toLocaleString()} rows` : undefined,
  };
}
