import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BENCH_DIR, REPO_ROOT, RESULTS_DIR } from './options.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

/** A child process under test: its URL, and its resident memory sampled every 100 ms. */
export class Proc {
  private peak = 0;
  private timer: NodeJS.Timeout;
  readonly log: string;
  private constructor(readonly name: string, readonly child: ChildProcess, readonly url: string, log: string) {
    this.log = log;
    this.timer = setInterval(() => { this.peak = Math.max(this.peak, this.rssMb()); }, 100);
    this.timer.unref();
  }

  static async start(name: string, script: string, env: Record<string, string>, readyPath: string, nodeArgs: string[] = []): Promise<Proc> {
    const port = await freePort();
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const log = path.join(RESULTS_DIR, `${name}.log`);
    const out = fs.openSync(log, 'w');
    // node --import tsx runs the TypeScript entry in this very process, so its pid is the one to sample.
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
      cwd: REPO_ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', out, out],
    });
    const p = new Proc(name, child, `http://127.0.0.1:${port}`, log);
    const until = Date.now() + 180_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}); see ${log}`);
      try {
        const res = await fetch(p.url + readyPath);
        if (res.ok) return p;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
    await p.stop();
    throw new Error(`${name} did not become ready; see ${log}`);
  }

  rssMb(): number {
    return Math.round(rssKb(this.child.pid!) / 1024);
  }

  /** Starts a new peak measurement; returns the resident memory now. */
  resetPeak(): number {
    this.peak = this.rssMb();
    return this.peak;
  }

  peakMb(): number {
    return Math.max(this.peak, this.rssMb());
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(t);
  }
}

export const BASELINE_SCRIPT = path.join(BENCH_DIR, 'baseline.ts');
export const SERVER_SCRIPT = path.join(REPO_ROOT, 'server', 'src', 'main.ts');
