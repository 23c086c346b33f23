import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { ENGINE, PG_URL } from './helpers.js';

export interface EmptyDatabase {
  db: Database;
  /** Another connection to the same database, as a second node would open it (PostgreSQL only). */
  openAnother(): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh database of the engine under test with nothing in it: no migrations, no template. */
export async function emptyDatabase(tag: string): Promise<EmptyDatabase> {
  if (ENGINE === 'pglite') {
    const db = await openDatabase({ url: null, memory: true, pristine: true });
    return {
      db,
      openAnother: () => Promise.reject(new Error('an in-memory PGlite database has one owner')),
      drop: async () => { await db.close().catch(() => {}); },
    };
  }
  const url = new URL(PG_URL);
  const name = `${url.pathname.slice(1)}_${tag}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 4 });
  const others: Database[] = [];
  return {
    db,
    async openAnother() {
      const other = await openDatabase({ url: url.toString(), poolSize: 2 });
      others.push(other);
      return other;
    },
    async drop() {
      for (const d of [db, ...others]) await d.close().catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    },
  };
}
