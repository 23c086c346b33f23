import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { migrationFiles, MIGRATIONS_DIR } from './migrate.js';
import { DurableNodeFS, durableStartParams, syncTree } from './pglite-durability.js';

/**
 * A new PGlite database costs initdb and then every migration: seconds of CPU, most of a first start and
 * of each in-memory test database. Both results are the same every time for a given PGlite build and
 * migration set, so the first ones made are kept in node_modules/.cache/rapport/ — the empty cluster
 * (pglite-<version>.tar.gz) and the migrated one (pglite-<version>-<hash of the migrations>.tar.gz) —
 * and new databases are unpacked from them instead. A template that fails to load is dropped.
 */
function cacheDir(): string | null {
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
    const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    return path.join(dir, '..', '..', '.cache', 'rapport', `pglite-${version}`);
  } catch {
    return null;
  }
}

function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  for (const f of migrationFiles()) h.update(f).update('\0').update(fs.readFileSync(path.join(MIGRATIONS_DIR, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

function templateFile(migrated: boolean): string | null {
  const base = cacheDir();
  return base && `${base}${migrated ? `-${migrationsHash()}` : ''}.tar.gz`;
}

function readTemplate(file: string | null): Blob | undefined {
  return file && fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : undefined;
}

async function saveTemplate(pgl: PGlite, file: string | null): Promise<void> {
  if (!file || fs.existsSync(file)) return;
  const blob = await pgl.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file); // atomic: a reader sees the whole file or none
  // Migrated templates of earlier migration sets will not be asked for again.
  const base = cacheDir();
  if (file === `${base}.tar.gz`) return;
  for (const f of fs.readdirSync(path.dirname(file))) {
    const full = path.join(path.dirname(file), f);
    if (base && full !== file && full.startsWith(`${base}-`) && f.endsWith('.tar.gz')) fs.rmSync(full, { force: true });
  }
}

export interface StartedPGlite {
  pgl: PGlite;
  /** Keeps the database as the migrated template; call once, right after the first full migration. */
  keepMigrated?: () => Promise<void>;
}

async function fromTemplate(dataDir: string | undefined, base: PGliteOptions, file: string | null): Promise<PGlite | null> {
  const template = readTemplate(file);
  if (!template) return null;
  try {
    if (!dataDir) return await PGlite.create({ ...base, loadDataDir: template });
    // PostgreSQL would fsync each unpacked file at start-up; they are flushed in the background instead.
    const fsys = new DurableNodeFS(dataDir, { deferStartupSync: true });
    const pgl = await PGlite.create({ ...base, fs: fsys, startParams: durableStartParams(), loadDataDir: template });
    fsys.startSyncing();
    void syncTree(dataDir).catch(() => { /* the next checkpoint syncs what it writes */ });
    return pgl;
  } catch {
    fs.rmSync(file!, { force: true });
    if (dataDir) for (const f of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
    return null;
  }
}

/**
 * PGlite in memory (dataDir undefined) or on disk — durably, see pglite-durability.ts. A new database
 * starts from the migrated template when there is one (unless `pristine`: the upgrade test needs an empty
 * cluster), else from the empty one, else from initdb.
 */
export async function createPGlite(dataDir: string | undefined, base: PGliteOptions, opts: { pristine?: boolean } = {}): Promise<StartedPGlite> {
  if (dataDir && fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    return { pgl: await PGlite.create({ ...base, fs: new DurableNodeFS(dataDir), startParams: durableStartParams() }) };
  }
  const migratedFile = opts.pristine ? null : templateFile(true);
  const migrated = migratedFile ? await fromTemplate(dataDir, base, migratedFile) : null;
  if (migrated) return { pgl: migrated };
  let pgl = await fromTemplate(dataDir, base, templateFile(false));
  if (!pgl) {
    pgl = await PGlite.create({ ...base, ...(dataDir ? { fs: new DurableNodeFS(dataDir), startParams: durableStartParams() } : {}) });
    await saveTemplate(pgl, templateFile(false)).catch(() => { /* only a cache */ });
  }
  const started = pgl;
  return { pgl, keepMigrated: migratedFile ? () => saveTemplate(started, migratedFile).catch(() => { /* only a cache */ }) : undefined };
}
