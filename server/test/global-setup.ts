import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

/**
 * For the PostgreSQL project: a fresh database for this run on TEST_DATABASE_URL's server, migrated once;
 * every test file then works in workspaces of its own. Dropped at the end.
 */
export default async function setup(project: TestProject) {
  if (project.config.env?.TEST_ENGINE !== 'postgres') return;
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `rapport_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${base}: ${(err as Error).message}`);
    console.warn(`PostgreSQL not reachable at ${base}; the postgres project will skip.`);
    project.provide('pgUrl', '');
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 2 });
  await migrate(db);
  await db.close();
  project.provide('pgUrl', url.toString());
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext { pgUrl: string }
}
