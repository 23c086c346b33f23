import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');
export const ADMIN_EMAIL = 'admin@e2e.rapport.test';
export const ADMIN_PASSWORD = 'e2e-Correct-Horse-42';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${log()}`);
}

/**
 * The real server as people run it (tsx, embedded database in a fresh temporary data directory), serving the
 * already-built web client. Nothing is built here: `npm run e2e -w web` builds first.
 */
export async function startServer(timeoutMs = 180_000): Promise<RunningServer> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no web build at ${WEB_DIST}; run "npm run e2e -w web" (it builds first)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    // Its own process group, so stopping it also stops the node process npx and tsx start underneath.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_EMAIL, ADMIN_PASSWORD,
      WEB_DIST, PUBLIC_URL: baseUrl, LOG_LEVEL: 'warn', ROLES: 'api,worker', DATABASE_URL: '',
      // The bilingual demo workspace, so screens are shown with the data a new customer first sees; specs make
      // their own uniquely named records beside it. Webhooks may call the spec's own receiver on this machine.
      DEMO: '1', WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    },
  });
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitReady(baseUrl, child, () => output, timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, dataDir, stop };
}
