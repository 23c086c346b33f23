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

/**
 * `npm start` in the repository with nothing configured but a port and a data directory: the embedded
 * database is created, the first administrator too, the way to sign in is printed, and it works.
 * Runs in the pglite project only: it starts the embedded database, whatever the project's engine.
 */
describe.skipIf(ENGINE !== 'pglite')('npm start on an empty machine', () => {
  let proc: ChildProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-start-'));
  afterAll(async () => {
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      process.kill(-proc.pid!, 'SIGTERM'); // npm → sh → tsx → node: the whole process group
      const timer = setTimeout(() => { try { process.kill(-proc!.pid!, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz within the budget and prints a sign-in that works', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
    for (const k of ['DATABASE_URL', 'ADMIN_PASSWORD', 'ADMIN_EMAIL', 'DEMO', 'ROLES', 'TEST_ENGINE']) delete env[k];
    const started = Date.now();
    proc = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout!.on('data', (d) => { output += d; });
    proc.stderr!.on('data', (d) => { output += d; });

    let healthyAfter: number | null = null;
    while (Date.now() - started < 120_000 && healthyAfter === null) {
      if (proc.exitCode !== null) throw new Error(`npm start exited with ${proc.exitCode}:\n${output}`);
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) healthyAfter = Date.now() - started;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthyAfter, `no answer on /healthz:\n${output}`).not.toBeNull();
    expect(healthyAfter!, `first start took ${healthyAfter} ms`).toBeLessThanOrEqual(BUDGET_MS);

    // The banner comes right after listen: give stdout a moment to arrive.
    const deadline = Date.now() + 10_000;
    while (!/Sign in as \S+ with password \S+/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const m = /Sign in as (\S+) with password (\S+)/.exec(output);
    expect(m, `no sign-in instructions in:\n${output}`).not.toBeNull();
    const [, email, password] = m!;
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
});
