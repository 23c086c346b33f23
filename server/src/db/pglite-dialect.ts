import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { Mutex } from './mutex.js';

/**
 * PGlite is one session. Kysely may hand out a "connection" to a transaction while other requests run,
 * so the driver lends the single session to one holder at a time; everything else waits its turn.
 */
export class PGliteDialect implements Dialect {
  /** onWrite: told after each statement that changed rows (PGlite has no autovacuum; see pglite-maintenance.ts). */
  constructor(private readonly pg: PGlite, private readonly mutex: Mutex, private readonly onWrite: () => void = () => {}) {}
  createAdapter() { return new PostgresAdapter(); }
  createDriver(): Driver { return new PGliteDriver(this.pg, this.mutex, this.onWrite); }
  createIntrospector(db: Kysely<unknown>) { return new PostgresIntrospector(db); }
  createQueryCompiler() { return new PostgresQueryCompiler(); }
}

class PGliteDriver implements Driver {
  constructor(private readonly pg: PGlite, private readonly mutex: Mutex, private readonly onWrite: () => void) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    return new PGliteConnection(this.pg, release, this.onWrite);
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as PGliteConnection).release();
  }
  async destroy(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite, readonly release: () => void, private readonly onWrite: () => void) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.pg.query<R>(q.sql, q.parameters as unknown[]);
    const affected = res.affectedRows;
    if (affected) this.onWrite();
    return {
      rows: res.rows,
      numAffectedRows: affected !== undefined ? BigInt(affected) : undefined,
    };
  }
  async *streamQuery<R>(q: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const res = await this.executeQuery<R>(q);
    for (let i = 0; i < res.rows.length; i += chunkSize) yield { rows: res.rows.slice(i, i + chunkSize) };
  }
}
