import fs from 'node:fs';
import path from 'node:path';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { createPGlite } from './pglite-template.js';
import { pgliteMaintenance } from './pglite-maintenance.js';
import { deferredBeginPool } from './deferred-begin.js';
import { Mutex } from './mutex.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  kysely: Kysely<DB>;
  /** Raw SQL outside any tenant transaction, as the owning role: migrations, jobs, system lookups. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number }>;
  /** Runs fn on one dedicated session (session-level advisory locks need that). */
  session<T>(fn: (exec: Database['executeSql']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite: keeps a new, just-migrated database as the template of the next new one (pglite-template.ts). */
  keepTemplate?(): Promise<void>;
}

type Exec = Database['executeSql'];

// Dates stay 'YYYY-MM-DD' strings, money stays a decimal string, bigint counts become numbers.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

export interface DatabaseOptions {
  url: string | null;
  dataDir?: string;
  /** In-memory PGlite (tests). */
  memory?: boolean;
  /** PGlite: a new database is an empty cluster, never the migrated template (the upgrade test). */
  pristine?: boolean;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolSize ?? 20) : openPGlite(opts);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => { /* a dropped idle client is replaced on next checkout */ });
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: deferredBeginPool(pool) as never }) });
  return {
    engine: 'postgres',
    kysely,
    async executeSql(text, values) {
      const res = await pool.query(text, values as any[]);
      const last = Array.isArray(res) ? res[res.length - 1] : res;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn(async (text, values) => {
          const res = await client.query(text, values as any[]);
          const last = Array.isArray(res) ? res[res.length - 1] : res;
          return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
        });
      } finally { client.release(); }
    },
    async close() {
      await kysely.destroy();
      // Kysely ends the pool only if it ever used it; raw SQL alone (migrations, a CLI) would leave it open.
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPGlite(opts: DatabaseOptions): Promise<Database> {
  let dataDir: string | undefined;
  if (!opts.memory) {
    dataDir = path.resolve(opts.dataDir ?? './data', 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  // On disk every commit is fsynced before it returns; a new database starts from a kept empty cluster.
  const { pgl, keepMigrated } = await createPGlite(dataDir, {
    // The search index's GIN indexes lead with workspace_id (migration 0040).
    extensions: { btree_gin },
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  }, { pristine: opts.pristine });
  // Only a database nothing but the migrations has written to may become the template.
  let keep = keepMigrated;
  const mutex = new Mutex();
  const upkeep = pgliteMaintenance((fn) => mutex.run(() => fn(direct)));
  const kysely = new Kysely<DB>({ dialect: new PGliteDialect(pgl, mutex, () => { keep = undefined; upkeep.wrote(); }) });
  async function direct(text: string, values?: unknown[]): ReturnType<Exec> {
    if (values && values.length > 0) {
      const r = await pgl.query<any>(text, values);
      if (r.affectedRows) upkeep.wrote();
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    }
    const results = await pgl.exec(text);
    const last = results[results.length - 1];
    if (results.some((r) => r.affectedRows)) upkeep.wrote();
    return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
  }
  return {
    engine: 'pglite',
    kysely,
    executeSql: (text, values) => mutex.run(() => direct(text, values)),
    session: (fn) => mutex.run(() => fn(direct)),
    async keepTemplate() {
      const k = keep;
      keep = undefined;
      if (k) await mutex.run(k);
    },
    async close() {
      await upkeep.stop();
      await kysely.destroy();
      await mutex.run(() => pgl.close());
    },
  };
}
