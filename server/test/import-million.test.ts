import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { countRows, waitImport } from './dataio-fixtures.js';
import { waitFor } from './jobs-helpers.js';

/**
 * A generated CSV of contacts streams in, imports in constant memory and is undone; throughput and peak
 * memory are printed. On PostgreSQL the file has a million rows (the test takes a few minutes on a 2-core
 * machine); on the embedded engine, which runs in the test's own process, 20,000. IMPORT_ROWS=n sets it.
 */
const ROWS = Number(process.env.IMPORT_ROWS ?? (ENGINE === 'postgres' ? 1_000_000 : 20_000));
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'.split('');

function writeCsv(file: string, n: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '\uFEFF姓名,手机,邮箱,职务,备注\n');
  let buf = '';
  for (let i = 0; i < n; i++) {
    const name = `${SURNAMES[i % 20]}${GIVEN[(i * 7) % 24]}${GIVEN[(i * 13) % 24]}`;
    buf += `${name},1${3 + (i % 7)}${String(i).padStart(9, '0')},u${i}@example.cn,经理,第${i}行\n`;
    if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** The multipart body as a stream: the file is never in memory. */
function multipartStream(object: string, file: string): { payload: Readable; headers: Record<string, string> } {
  const boundary = `----rapportbig${Date.now()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="object"\r\n\r\n${object}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const payload = Readable.from((async function* () {
    yield Buffer.from(head);
    for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20 })) yield c as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  })());
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Growth of the retained heap from the first third of the run to the last: what would grow with the rows. */
function retainedGrowth(samples: number[]): number {
  if (samples.length < 3) return 0;
  const third = Math.max(1, Math.floor(samples.length / 3));
  return Math.min(...samples.slice(-third)) - Math.min(...samples.slice(0, third));
}

/** Lines of a streamed export, counted as they arrive over a real socket (never held whole). */
async function exportLines(url: string, cookie: string): Promise<number> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`export failed: ${res.status}`);
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) for (const b of chunk) if (b === 10) lines++;
  return lines;
}

// A full collection before each heap sample measures what is retained, not garbage waiting to be collected.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function sampler() {
  const s = { peakRss: 0, peakHeap: 0, samples: [] as number[] };
  const tick = () => {
    gc();
    const m = process.memoryUsage();
    s.peakRss = Math.max(s.peakRss, m.rss);
    s.peakHeap = Math.max(s.peakHeap, m.heapUsed);
    s.samples.push(m.heapUsed);
  };
  const timer = setInterval(tick, 1000);
  return { s, stop: () => { clearInterval(timer); tick(); } };
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

describe.skipIf(SKIP || ROWS <= 0)(`import: ${ROWS.toLocaleString('en-US')} generated rows`, () => {
  let env: TestEnv;
  let dir: string;
  beforeAll(async () => {
    env = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-'));
  });
  afterAll(async () => {
    await env?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams in with flat memory, and undo removes exactly those rows', async () => {
    const { admin, workspaceId } = await newWorkspace(env);
    const keep = (await admin.post('/api/v1/contacts', { name: '原有联系人', mobile: '13000000000' })).json().id;
    const file = path.join(dir, 'big.csv');
    writeCsv(file, ROWS);
    const mem = sampler();
    const t0 = Date.now();
    const body = multipartStream('contacts', file);
    const up = await admin.app.inject({ method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...body.headers } });
    expect(up.statusCode, up.body).toBe(201);
    const imp = up.json();
    const t1 = Date.now();
    expect(imp.suggestedMapping.map((m: any) => m.field).sort()).toEqual(['description', 'email', 'mobile', 'name', 'title']);
    const started = await admin.post(`/api/v1/imports/${imp.id}/start`, { mapping: imp.suggestedMapping, duplicatePolicy: 'create' });
    expect(started.statusCode, started.body).toBe(202);
    gc();
    const heapAtStart = process.memoryUsage().heapUsed;
    // Progress shows while the job runs: counters move between the first and the last batch.
    const seen = new Set<number>();
    const done = await waitFor(async () => {
      const s = (await admin.get(`/api/v1/imports/${imp.id}`)).json();
      if (s.status === 'running') seen.add(s.processed);
      return ['done', 'failed', 'cancelled'].includes(s.status) ? s : null;
    }, 60 * 60_000, ROWS > 100_000 ? 1000 : 100);
    const t2 = Date.now();
    mem.stop();
    expect(done).toMatchObject({ status: 'done', processed: ROWS, created: ROWS, failed: 0 });
    expect([...seen].some((n) => n > 0 && n < ROWS), JSON.stringify([...seen])).toBe(true);
    expect(await countRows(env, workspaceId, 'contacts')).toBe(ROWS + 1);
    const importRate = Math.round(ROWS / ((t2 - t1) / 1000));
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    const e0 = Date.now();
    expect(await exportLines(`${address}/api/v1/contacts/export`, admin.cookie)).toBe(ROWS + 2);
    const exportRate = Math.round((ROWS + 1) / ((Date.now() - e0) / 1000));
    const undoStart = Date.now();
    expect((await admin.post(`/api/v1/imports/${imp.id}/undo`)).statusCode).toBe(202);
    const undone = await waitImport(admin, imp.id, 60 * 60_000, 1000);
    const undoRate = Math.round(ROWS / ((Date.now() - undoStart) / 1000));
    expect(undone.status).toBe('undone');
    expect(await countRows(env, workspaceId, 'contacts')).toBe(1);
    expect((await admin.get(`/api/v1/contacts/${keep}`)).statusCode).toBe(200);
    const growth = retainedGrowth(mem.s.samples);
    console.log(JSON.stringify({
      engine: ENGINE, rows: ROWS, uploadSeconds: (t1 - t0) / 1000, importRowsPerSecond: importRate, exportRowsPerSecond: exportRate,
      undoRowsPerSecond: undoRate, peakRss: mb(mem.s.peakRss), peakHeap: mb(mem.s.peakHeap), heapAtStart: mb(heapAtStart),
      retainedHeapGrowth: mb(growth), load: os.loadavg().map((l) => l.toFixed(1)).join(' '),
    }));
    // Constant memory: what stays on the heap does not grow with the rows imported (a batch is 1,000 rows).
    expect(growth).toBeLessThan(64 * 1024 * 1024);
  }, 60 * 60_000);
});
