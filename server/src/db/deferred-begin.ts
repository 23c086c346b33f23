import type pg from 'pg';

type Result = pg.QueryResult | pg.QueryResult[];

const EMPTY = (command: string): pg.QueryResult => ({ command, rowCount: null, oid: 0, rows: [], fields: [] });

/**
 * A pool client that holds back Kysely's 'begin' and sends it in the same message as the transaction's
 * first statement when that statement has no parameters (the simple protocol takes several statements at
 * once). withTenant opens every transaction with such a statement (set_config), so each tenant
 * transaction costs one round trip less. A transaction that sends nothing is never begun.
 */
class DeferredBeginClient {
  private pending = false;
  constructor(readonly raw: pg.PoolClient) {}

  query(text: unknown, values?: unknown[]): Promise<Result> | unknown {
    if (text === 'begin' && !values?.length) {
      this.pending = true;
      return Promise.resolve(EMPTY('BEGIN'));
    }
    if (!this.pending) return this.raw.query(text as string, values as unknown[]);
    this.pending = false;
    if ((text === 'commit' || text === 'rollback') && !values?.length) return Promise.resolve(EMPTY(text.toUpperCase()));
    if (typeof text === 'string' && !values?.length) {
      return (this.raw.query(`begin;\n${text}`) as unknown as Promise<Result>).then((r) => (Array.isArray(r) ? r[r.length - 1] : r));
    }
    // Anything else (parameters, a cursor) goes after a plain 'begin'; pg sends queued queries in order.
    this.raw.query('begin').catch(() => { /* the next statement fails too and reports it */ });
    return this.raw.query(text as string, values as unknown[]);
  }

  release(err?: Error | boolean): void {
    this.pending = false;
    this.raw.release(err);
  }
}

/** The pool Kysely gets: the same clients, each wrapped once (Kysely keys its connections by client). */
export function deferredBeginPool(pool: pg.Pool) {
  const wrapped = new WeakMap<pg.PoolClient, DeferredBeginClient>();
  return {
    async connect() {
      const raw = await pool.connect();
      let c = wrapped.get(raw);
      if (!c) wrapped.set(raw, (c = new DeferredBeginClient(raw)));
      return c;
    },
    end: () => pool.end(),
  };
}
