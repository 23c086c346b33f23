import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ENGINE } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** How long a first start on an empty embedded database may take before /healthz answers. */
const BUDGET_MS = 15_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    }).on('error', reject);
  });
}

interface Started { proc: ChildProcess; port: number; output: () => string; healthyAfter: number | null }

/** `npm start` (plus args) with nothing configured but a port, a data directory and `extra`; waits for /healthz. */
async function npmStart(dataDir: string, extra: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  for (const k of ['DATABASE_URL', 'ADMIN_PASSWORD', 'ADMIN_EMAIL', 'DEMO', 'ROLES', 'TEST_ENGINE']) delete env[k];
  Object.assign(env, extra);
  const started = Date.now();
  const proc = spawn('npm', ['start', ...(args.length ? ['--', ...args] : [])], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d) => { output += d; });
  proc.stderr!.on('data', (d) => { output += d; });
  let healthyAfter: number | null = null;
  while (Date.now() - started < 120_000 && healthyAfter === null) {
    if (proc.exitCode !== null) throw new Error(`npm start exited with ${proc.exitCode}:\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) healthyAfter = Date.now() - started;
    else await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, port, output: () => output, healthyAfter };
}

/** The printed first sign-in; the banner comes right after listen, so stdout gets a moment to arrive. */
async function signInBanner(s: Started): Promise<{ email: string; password: string }> {
  const deadline = Date.now() + 10_000;
  while (!/Sign in as \S+ with password \S+/.test(s.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const m = /Sign in as (\S+) with password (\S+)/.exec(s.output());
  expect(m, `no sign-in instructions in:\n${s.output()}`).not.toBeNull();
  return { email: m![1], password: m![2] };
}

/** SIGTERM to the whole process group (npm → sh → tsx → node), SIGKILL if it is still there after 15 s. */
async function stop(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  process.kill(-proc.pid!, 'SIGTERM');
  const timer = setTimeout(() => { try { process.kill(-proc.pid!, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * `npm start` in the repository with nothing configured but a port and a data directory: the embedded
 * database is created, the first administrator too, the way to sign in is printed, and it works.
 * Runs in the pglite project only: it starts the embedded database, whatever the project's engine.
 */
describe.skipIf(ENGINE !== 'pglite')('npm start on an empty machine', () => {
  let proc: ChildProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-start-'));
  afterAll(async () => {
    await stop(proc);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz within the budget and prints a sign-in that works', async () => {
    const started = await npmStart(dataDir);
    proc = started.proc;
    const { port, healthyAfter } = started;
    expect(healthyAfter, `no answer on /healthz:\n${started.output()}`).not.toBeNull();
    expect(healthyAfter!, `first start took ${healthyAfter} ms`).toBeLessThanOrEqual(BUDGET_MS);

    const { email, password } = await signInBanner(started);
    expect(email).toBe('admin@rapport.local');
    expect(password.length).toBeGreaterThanOrEqual(12);

    const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).user).toMatchObject({ email, isAdmin: true });
    const wrong = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: `${password}x` }),
    });
    expect(wrong.status).toBe(401);

    // The embedded database lives where DATA_DIR says, not in the repository.
    expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
  }, 180_000);

  it('keeps the default data directory in the repository, and a relative one where npm was started', () => {
    // `npm start` runs the server with server/ as its directory; INIT_CWD is where the user typed it.
    expect(loadConfig({} as NodeJS.ProcessEnv, []).dataDir).toBe(path.join(ROOT, 'data'));
    expect(loadConfig({ DATA_DIR: 'my-data', INIT_CWD: '/srv/rapport' } as NodeJS.ProcessEnv, []).dataDir).toBe('/srv/rapport/my-data');
    expect(loadConfig({ DATA_DIR: '/var/lib/rapport' } as NodeJS.ProcessEnv, []).dataDir).toBe('/var/lib/rapport');
  });

  it('documents in the README every environment variable the server reads', () => {
    const read = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) walk(file);
        else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) {
          for (const m of fs.readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]);
        }
      }
    };
    walk(path.join(ROOT, 'server/src'));
    // Set by npm or the system, not by an operator.
    for (const k of ['INIT_CWD', 'LANG', 'LC_ALL', 'NODE_ENV']) read.delete(k);
    expect(read.size).toBeGreaterThan(15);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect([...read].filter((k) => !readme.includes(`| \`${k}\``) && !readme.includes(`\`${k}\` /`)).sort()).toEqual([]);
  });
});

/**
 * `DEMO=1 npm start` on an empty data directory: the first start seeds the bilingual demo workspace, and the
 * printed administrator sees it through the HTTP API. PGlite only, like the start above.
 */
describe.skipIf(ENGINE !== 'pglite')('npm start with the demo workspace', () => {
  let proc: ChildProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-demo-'));
  afterAll(async () => {
    await stop(proc);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds users in a department tree, Chinese and English customers, leads, deals across stages and follow-ups', async () => {
    expect(loadConfig({} as NodeJS.ProcessEnv, ['--demo']).demo).toBe(true);
    const started = await npmStart(dataDir, { DEMO: '1' });
    proc = started.proc;
    expect(started.healthyAfter, `no answer on /healthz:\n${started.output()}`).not.toBeNull();
    const { email, password } = await signInBanner(started);
    expect(started.output()).toContain('Demo workspace ready');

    const base = `http://127.0.0.1:${started.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const get = async (url: string) => {
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      expect(res.status, `${url}: ${await res.clone().text()}`).toBe(200);
      return res.json();
    };

    // Several users under department heads, in a tree below the company.
    const users: any[] = (await get('/api/v1/users?limit=100')).data;
    expect(users.length).toBeGreaterThanOrEqual(6);
    expect(users.map((u) => u.name)).toEqual(expect.arrayContaining(['张伟', '王芳', 'Emily Carter', 'James Miller']));
    const tree: any[] = (await get('/api/v1/departments/tree')).data;
    expect(tree).toHaveLength(1);
    const depts: any[] = tree[0].children;
    expect(depts.length).toBeGreaterThanOrEqual(2);
    for (const d of depts) {
      const members = users.filter((u) => u.departmentId === d.id);
      expect(members.length, d.name).toBeGreaterThanOrEqual(2);
      expect(members.some((u) => u.id === d.headId), d.name).toBe(true);
      expect(members.filter((u) => u.id !== d.headId).every((u) => u.managerId === d.headId), d.name).toBe(true);
    }

    const accounts: any[] = (await get('/api/v1/accounts?limit=200')).data;
    expect(accounts.filter((a) => /[\u4e00-\u9fff]/.test(a.name)).length).toBeGreaterThanOrEqual(2);
    expect(accounts.filter((a) => /^[A-Za-z][A-Za-z .,&'-]+$/.test(a.name)).length).toBeGreaterThanOrEqual(2);
    expect((await get('/api/v1/leads?limit=200')).data.length).toBeGreaterThanOrEqual(3);
    const opps: any[] = (await get('/api/v1/opportunities?limit=200')).data;
    expect(new Set(opps.map((o) => o.stage)).size).toBeGreaterThanOrEqual(4);
    const followUps: any[] = (await get('/api/v1/activities?limit=200')).data;
    expect(followUps.filter((f) => f.nextContactAt).length).toBeGreaterThanOrEqual(3);
    expect(followUps.some((f) => accounts.some((a) => a.id === f.accountId))).toBe(true);
  }, 180_000);
});
