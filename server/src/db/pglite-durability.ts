import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type StreamOps = { fsync?: (stream: { nfd?: number }) => number };
const WASI_EIO = 29;

/**
 * PGlite's defaults run PostgreSQL with fsync off (-F), and Emscripten's NODEFS has no fsync anyway: a
 * commit reaches the operating system (so it survives the process being killed) but not the disk (so a
 * power cut can lose it, or worse, tear a checkpoint). This file system gives NODEFS a real fsync before
 * PostgreSQL starts, and the start parameters turn fsync back on with WAL flushed by fsync(): each commit
 * is on disk before it returns, like PostgreSQL itself. See docs/decisions/0005-pglite-durability.md.
 *
 * `deferStartupSync`: for a directory just unpacked from the template, PostgreSQL's start-up would fsync
 * each of its ~2,000 files one by one (seconds of a first start); they are flushed in the background
 * instead (syncTree), and fsync works normally from the first transaction on.
 */
export class DurableNodeFS extends NodeFS {
  private syncing: boolean;
  constructor(dataDir: string, opts: { deferStartupSync?: boolean } = {}) {
    super(dataDir);
    this.syncing = !opts.deferStartupSync;
  }

  /** From now on every fsync reaches the disk. */
  startSyncing(): void { this.syncing = true; }

  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const out = await super.init(pg, opts);
    const preRun = out.emscriptenOpts.preRun ?? [];
    out.emscriptenOpts.preRun = [(mod: { NODEFS: unknown }) => {
      const ops = (mod.NODEFS as { stream_ops?: StreamOps }).stream_ops;
      if (!ops) throw new Error('PGlite no longer exposes NODEFS.stream_ops: cannot make commits durable');
      ops.fsync = (stream) => {
        if (stream.nfd === undefined || !this.syncing) return 0;
        try {
          fs.fsyncSync(stream.nfd);
          return 0;
        } catch (err) {
          // Directories cannot be fsynced on every platform; a failed fsync of a file is an I/O error.
          return (err as NodeJS.ErrnoException).code === 'EINVAL' ? 0 : WASI_EIO;
        }
      };
    }, ...preRun];
    return out;
  }
}

/** PGlite's start parameters with fsync on and WAL written through fsync() (NODEFS has no fdatasync). */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
}

/** fsyncs every file and directory under dir, a few at a time on libuv's threads: off the request path. */
export async function syncTree(dir: string): Promise<void> {
  const paths: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.isFile()) paths.push(path.join(d, e.name));
    }
    paths.push(d);
  };
  walk(dir);
  const next = async (): Promise<void> => {
    for (let p = paths.shift(); p !== undefined; p = paths.shift()) {
      const fh = await fs.promises.open(p, 'r').catch(() => null);
      if (!fh) continue;
      await fh.sync().catch(() => { /* a directory on a platform that cannot sync one */ });
      await fh.close();
    }
  };
  await Promise.all([next(), next(), next(), next()]);
}
