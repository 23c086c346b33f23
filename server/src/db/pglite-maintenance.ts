import type { Database } from './database.js';

type Exec = Database['executeSql'];

/** Tables that grew by a fifth (and by a few pages) since their statistics were last taken. */
const GROWN = `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
    and pg_relation_size(c.oid) / current_setting('block_size')::int >= greatest(4, c.relpages * 1.2)`;

/**
 * PGlite runs PostgreSQL in single-user mode, where autovacuum never runs: tables are never analyzed, so
 * the planner takes a table of thousands of rows for an empty one (a nested loop over the search index
 * took 700 ms for 500 accounts), and dead rows are never reclaimed. This does autovacuum's job in the
 * foreground: after writes, at most once per interval, it vacuums and analyzes the tables that have grown
 * since their statistics were taken. The pass queues for the session like any request (so it runs once
 * the writing transaction has committed) and holds it while it runs — brief at the embedded database's
 * scale. A write queues the pass itself rather than through a timer alone: a process busy with promise
 * work (in-process requests on the in-memory database) may not reach its timers for a long time.
 */
export function pgliteMaintenance(run: (fn: (exec: Exec) => Promise<void>) => Promise<void>, intervalMs = 1000) {
  let lastPass = 0;
  let queued = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const pass = async (exec: Exec) => {
    const { rows } = await exec(GROWN, []);
    for (const r of rows) await exec(`vacuum (analyze) ${r.name}`);
  };
  const queue = () => {
    if (queued || stopped) return;
    queued = true;
    running = running.then(() => (stopped ? undefined : run(pass)))
      .catch(() => { /* statistics only: the next pass retries */ })
      .finally(() => { queued = false; lastPass = Date.now(); });
  };
  return {
    /** Called after each statement that changed rows. */
    wrote(): void {
      if (queued || stopped) return;
      const wait = lastPass + intervalMs - Date.now();
      if (wait <= 0) { queue(); return; }
      // Writes that come too soon are picked up by the next write's pass, or by this timer when none comes.
      timer ??= setTimeout(() => { timer = null; queue(); }, wait).unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
