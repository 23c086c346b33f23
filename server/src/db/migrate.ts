import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 727274; // any constant shared by every node of one deployment

export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return fs.readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
}

/**
 * Applies the pending forward-only migrations in order, each in its own transaction, under an advisory
 * lock so that several nodes starting at once apply each file exactly once.
 * `upTo` stops after the named file (the upgrade test builds a database as the previous release had it).
 */
export async function migrate(db: Database, opts: { upTo?: string; dir?: string } = {}): Promise<string[]> {
  const applied = await db.session((exec) => migrateOn(exec, opts));
  // A new embedded database, migrated before anything else was written: kept to start the next one from.
  if (!opts.upTo && !opts.dir) await db.keepTemplate?.();
  return applied;
}

async function migrateOn(exec: Database['executeSql'], opts: { upTo?: string; dir?: string }): Promise<string[]> {
  const applied: string[] = [];
  await exec(`select pg_advisory_lock(${LOCK_KEY})`);
  try {
    await exec(`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`);
    const done = new Set((await exec('select name from schema_migrations')).rows.map((r) => r.name));
    for (const file of migrationFiles(opts.dir)) {
      if (!done.has(file)) {
        const body = fs.readFileSync(path.join(opts.dir ?? MIGRATIONS_DIR, file), 'utf8');
        const name = file.replace(/'/g, "''");
        await exec(`begin;\n${body}\n;insert into schema_migrations(name) values ('${name}');\ncommit;`);
        applied.push(file);
      }
      if (opts.upTo && file === opts.upTo) break;
    }
    await exec('select rapport_apply_security()');
  } catch (err) {
    await exec('rollback').catch(() => {});
    throw err;
  } finally {
    await exec(`select pg_advisory_unlock(${LOCK_KEY})`);
  }
  return applied;
}

export async function migrationsDone(db: Database): Promise<boolean> {
  const res = await db.executeSql('select name from schema_migrations').catch(() => null);
  if (!res) return false;
  const done = new Set(res.rows.map((r) => r.name));
  return migrationFiles().every((f) => done.has(f));
}
