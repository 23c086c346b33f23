import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { ENGINE, PG_URL, SKIP } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EMAIL = 'crash-admin@example.test';
const PASSWORD = 'correct-horse-42';
const BATCH = 1000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** A real server process on the given data, as `npx tsx server/src/main.ts` starts it (tsx as a loader: one process to kill). */
class Server {
  proc!: ChildProcess;
  output = '';
  cookie = '';
  csrf = '';
  constructor(readonly port: number, readonly env: Record<string, string>) {}
  get url() { return `http://127.0.0.1:${this.port}`; }

  async start(): Promise<void> {
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', ROLES: 'api', LOG_LEVEL: 'warn', ADMIN_EMAIL: EMAIL, ADMIN_PASSWORD: PASSWORD },
    });
    this.proc.stdout!.on('data', (d) => { this.output += d; });
    this.proc.stderr!.on('data', (d) => { this.output += d; });
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) throw new Error(`server exited (${this.proc.exitCode}):\n${this.output}`);
      const ok = await fetch(`${this.url}/healthz`).then((r) => r.ok, () => false);
      if (ok) return this.signIn();
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not answer /healthz:\n${this.output}`);
  }

  private async signIn(): Promise<void> {
    const res = await fetch(`${this.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.csrf = (await res.json()).csrfToken;
  }

  request(method: string, url: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}${url}`, {
      method, headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill(signal);
    await exited;
  }
}

/** The committed accounts of one batch, through the restarted server's API. */
async function batchCount(server: Server, prefix: string): Promise<number> {
  const filter = encodeURIComponent(JSON.stringify({ field: 'name', op: 'startsWith', value: prefix }));
  const res = await server.request('GET', `/api/v1/accounts?limit=1000&fields=name&filter=${filter}`);
  expect(res.status).toBe(200);
  return (await res.json()).data.length;
}

/** Per batch: its accounts, their 'accounts.created' events, and whether each account has exactly one. */
const OUTBOX_SQL = `select count(*)::int as accounts,
    (select count(*)::int from outbox_events o where o.event = 'accounts.created' and o.payload->'record'->>'name' like $1 || '%') as events,
    count(*) filter (where (select count(*) from outbox_events o where o.workspace_id = a.workspace_id and o.record_id = a.id and o.event = 'accounts.created') = 1)::int as with_one
  from accounts a where a.name like $1 || '%'`;

/**
 * SIGKILL the server in the middle of a 1,000-row bulk create, restart it on the same data: the batch is
 * all there or not at all, and the outbox holds one 'accounts.created' event per committed account.
 * A SIGTERM, by contrast, lets the write in flight finish and be answered before the process exits.
 */
describe.skipIf(SKIP)('a killed server keeps whole transactions and their events', () => {
  let server: Server;
  let cleanup: () => Promise<void> = async () => {};
  let outbox: (prefix: string) => Promise<{ accounts: number; events: number; with_one: number }>;
  const batches: { prefix: string; committed: number }[] = [];
  let batchMs = 500;

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (ENGINE === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-crash-'));
      env.DATA_DIR = dir;
      env.DATABASE_URL = '';
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
      outbox = async () => { throw new Error('read after the server stopped'); };
    } else {
      // A database of its own: the server bootstraps its first workspace, as on a first start.
      const url = new URL(PG_URL);
      const name = `${url.pathname.slice(1)}_crash_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      outbox = async (prefix) => (await client.query(OUTBOX_SQL, [prefix])).rows[0];
      cleanup = async () => {
        await client.end();
        await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
        await admin.end();
      };
    }
    server = new Server(await freePort(), env);
    await server.start();
  }, 240_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await cleanup();
  });

  const records = (prefix: string) => Array.from({ length: BATCH }, (_, i) => ({ name: `${prefix}${String(i).padStart(4, '0')}`, level: 'A' }));

  /**
   * Starts batches a third of a batch's time apart, SIGKILLs the server `killAt` batch-times after the first
   * started, restarts it: each batch is whole or absent (acknowledged ones whole). Several batches per
   * kill catch it at different points — committed, mid-statement, not begun — for one restart's cost.
   */
  async function killDuring(round: string, killAt: number): Promise<void> {
    const prefixes = ['a', 'b', 'c'].map((x) => `${round}${x}-`);
    const answers = prefixes.map((prefix, i) => new Promise<number | string>((resolve) => {
      setTimeout(() => server.request('POST', '/api/v1/accounts/bulk', { op: 'create', records: records(prefix) })
        .then((r) => resolve(r.status), () => resolve('killed')), Math.round((i * batchMs) / 3));
    }));
    await new Promise((r) => setTimeout(r, Math.max(30, Math.round(batchMs * killAt))));
    await server.stop('SIGKILL');
    const statuses = await Promise.all(answers);
    await server.start();
    for (const [i, prefix] of prefixes.entries()) {
      const n = await batchCount(server, prefix);
      expect([0, BATCH], `${n} of ${BATCH} accounts of ${prefix} after the kill`).toContain(n);
      if (statuses[i] === 200) expect(n, `${prefix} was acknowledged`).toBe(BATCH);
      batches.push({ prefix, committed: n });
    }
  }

  it('keeps an acknowledged batch, and all or none of batches in flight, through a SIGKILL', async () => {
    const t0 = Date.now();
    const res = await server.request('POST', '/api/v1/accounts/bulk', { op: 'create', records: records('acked-') });
    expect(res.status).toBe(200);
    batchMs = Date.now() - t0;
    batches.push({ prefix: 'acked-', committed: BATCH });
    // The acknowledged batch is killed with the others: it must come back whole.
    await killDuring('k1', 0.5);
    expect(await batchCount(server, 'acked-')).toBe(BATCH);
  }, 300_000);

  it('keeps all or none of each batch through a second, later SIGKILL', async () => {
    await killDuring('k2', 1.1);
  }, 300_000);

  it('drains a bulk write in flight on SIGTERM, answers it and exits cleanly', async () => {
    const exited = new Promise<number | null>((r) => server.proc.once('exit', (code) => r(code)));
    const t0 = Date.now();
    const answer = server.request('POST', '/api/v1/accounts/bulk', { op: 'create', records: records('drain-') });
    await new Promise((r) => setTimeout(r, Math.max(30, Math.round(batchMs * 0.3))));
    const signalledAt = Date.now() - t0;
    server.proc.kill('SIGTERM');
    const res = await answer;
    const answeredAt = Date.now() - t0;
    expect(res.status, await res.clone().text()).toBe(200);
    expect(answeredAt, 'the request was still running when the signal came').toBeGreaterThan(signalledAt);
    expect(await exited, server.output).toBe(0);
    batches.push({ prefix: 'drain-', committed: BATCH });
  }, 240_000);

  it('holds exactly one creation event per committed account, and none for the rest', async () => {
    expect(batches.length).toBe(8);
    if (ENGINE === 'pglite') {
      await server.stop('SIGTERM');
      const db = await openDatabase({ url: null, dataDir: server.env.DATA_DIR });
      outbox = async (prefix) => (await db.executeSql(OUTBOX_SQL, [prefix])).rows[0];
      try {
        for (const b of batches) expect(await outbox(b.prefix), b.prefix).toEqual({ accounts: b.committed, events: b.committed, with_one: b.committed });
      } finally {
        await db.close();
      }
    } else {
      for (const b of batches) expect(await outbox(b.prefix), b.prefix).toEqual({ accounts: b.committed, events: b.committed, with_one: b.committed });
    }
    // The server's output never reported an unhandled error while it lived.
    expect(server.output).not.toMatch(/unhandled error/i);
  }, 240_000);
});
