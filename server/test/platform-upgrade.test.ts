import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate, migrationFiles } from '../src/db/migrate.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { syncAllWorkspaces } from '../src/platform/workspace.service.js';
import { ENGINE, PG_URL, signIn, SKIP, testConfig } from './helpers.js';

/**
 * "A database created by the previous release, with data in it, migrates to the current one with nothing
 * lost." For each release below: build a fresh database with that release's migrations only
 * (migrate upTo its last file), write the data that release would have written (server/test/upgrade/
 * <version>.sql, plain SQL against that release's schema), run today's migrate() and start-up sync, and
 * check that every seeded row is still there with the same values and readable through the API.
 *
 * Adding a release: when version X ships, append { version: 'X', lastMigration: '<its last file>' } and write
 * server/test/upgrade/X.sql with data that exercises what X added (new tables, columns, custom fields…),
 * inserting into X's schema as X's code would have. Keep the older entries: each one is an upgrade path
 * users may still take. If a later migration changes stored values on purpose, list those columns in
 * `changed` of the release, with the reason.
 */
const RELEASES: { version: string; lastMigration: string; changed?: Record<string, string[]> }[] = [
  { version: '0.1.0', lastMigration: '0003_security.sql' },
];

const WS = '01900000-0000-7000-8000-000000000001';
const PASSWORD = 'correct-horse-42';
/** Records the seed writes, read back through the API after the upgrade. */
const RECORDS: [string, string, string][] = [
  ['accounts', '01900000-0000-7000-8000-000000000101', '上海星辰科技有限公司'],
  ['accounts', '01900000-0000-7000-8000-000000000102', 'Northwind Traders'],
  ['contacts', '01900000-0000-7000-8000-000000000201', '张伟'],
  ['leads', '01900000-0000-7000-8000-000000000301', '王芳'],
  ['opportunities', '01900000-0000-7000-8000-000000000401', '星辰 CRM 采购'],
  ['activities', '01900000-0000-7000-8000-000000000501', '电话沟通报价'],
  ['tasks', '01900000-0000-7000-8000-000000000601', '准备方案'],
  ['projects', '01900000-0000-7000-8000-000000000071', '数据中台二期'],
];

type Snapshot = Map<string, Map<string, Record<string, unknown>>>;

/** Every row of every table holding rows, keyed by table and primary key, all values as JSON text. */
async function snapshot(db: Database): Promise<Snapshot> {
  const tables = (await db.executeSql(`select c.relname, array_agg(a.attname order by k.ord) as pk
    from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
    join pg_constraint p on p.conrelid = c.oid and p.contype = 'p'
    cross join lateral unnest(p.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where c.relkind = 'r' and c.relname <> 'schema_migrations' group by c.relname`)).rows;
  const out: Snapshot = new Map();
  for (const t of tables) {
    const pk = (Array.isArray(t.pk) ? t.pk : String(t.pk).replace(/[{}]/g, '').split(',')) as string[];
    const rows = (await db.executeSql(`select to_jsonb(x) as j from ${t.relname} x`)).rows;
    if (rows.length === 0) continue;
    out.set(t.relname, new Map(rows.map((r) => {
      const j = typeof r.j === 'string' ? JSON.parse(r.j) : r.j;
      return [pk.map((c) => String(j[c])).join('|'), j];
    })));
  }
  return out;
}

/** A fresh, empty database of the engine under test. */
async function freshDatabase(): Promise<{ db: Database; drop(): Promise<void> }> {
  if (ENGINE === 'pglite') {
    const db = await openDatabase({ url: null, memory: true, pristine: true });
    return { db, drop: async () => { await db.close(); } };
  }
  const url = new URL(PG_URL);
  const name = `${url.pathname.slice(1)}_upgrade_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    db,
    async drop() {
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    },
  };
}

describe.skipIf(SKIP)('upgrade from earlier releases with data', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const c of cleanups) await c(); });

  it.each(RELEASES)('release $version: its data survives the migration to today\'s schema', async (release) => {
    const files = migrationFiles();
    expect(files, 'the release\'s last migration must still exist').toContain(release.lastMigration);
    const { db, drop } = await freshDatabase();
    cleanups.push(drop);

    const applied = await migrate(db, { upTo: release.lastMigration });
    expect(applied).toEqual(files.slice(0, files.indexOf(release.lastMigration) + 1));
    const seed = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'upgrade', `${release.version}.sql`), 'utf8')
      .replaceAll('{{PASSWORD_HASH}}', await hashPassword(PASSWORD));
    await db.executeSql(`begin;\n${seed}\ncommit;`);
    const before = await snapshot(db);
    expect(before.size).toBeGreaterThan(15);

    const rest = await migrate(db);
    expect(rest).toEqual(files.slice(files.indexOf(release.lastMigration) + 1));
    await syncAllWorkspaces(db);
    const after = await snapshot(db);

    const lost: string[] = [];
    for (const [table, rows] of before) {
      const now = after.get(table);
      for (const [key, row] of rows) {
        const cur = now?.get(key);
        if (!cur) { lost.push(`${table} ${key}: row gone`); continue; }
        for (const [col, v] of Object.entries(row)) {
          if (release.changed?.[table]?.includes(col)) continue;
          if (!(col in cur)) lost.push(`${table} ${key}: column ${col} gone`);
          else if (JSON.stringify(cur[col]) !== JSON.stringify(v) && !(table === 'workspaces' && col === 'metadata_version')) {
            lost.push(`${table} ${key}: ${col} was ${JSON.stringify(v)}, now ${JSON.stringify(cur[col])}`);
          }
        }
      }
    }
    // Metadata rows are re-synced from code at start-up; everything else must be exactly as it was.
    expect(lost.filter((l) => !/^(objects|fields) .*: (label|plural_label|options|position|updated_at|type|required|readonly|column_name|table_name) /.test(l))).toEqual([]);

    const app = await buildApp({ config: testConfig(), db, logger: false });
    try {
      await app.ready();
      const admin = await signIn(app, 'admin@upgrade.example', PASSWORD);
      for (const [object, id, name] of RECORDS) {
        const res = await admin.get(`/api/v1/${object}/${id}`);
        expect(res.statusCode, `${object} ${id}: ${res.body}`).toBe(200);
        expect(res.json().name).toBe(name);
      }
      const acc = (await admin.get(`/api/v1/accounts/${RECORDS[0][1]}?unmask=phone,email`)).json();
      expect(acc).toMatchObject({ score: 88, level: 'A', tags: ['vip', '华东'], phone: '13812341234', creditCode: '91310000MA1FL1234X' });
      expect((await admin.get('/api/v1/projects/01900000-0000-7000-8000-000000000071')).json().budget).toBe('1200000.00');
      const bin = (await admin.get('/api/v1/accounts?deleted=true')).json().data.map((r: any) => r.id);
      expect(bin).toEqual(['01900000-0000-7000-8000-000000000103']);
      const tl = (await admin.get(`/api/v1/contacts/${RECORDS[2][1]}/timeline`)).json().data;
      expect(tl.map((i: any) => i.kind)).toContain('activity');
      const rep = await signIn(app, 'rep@upgrade.example', PASSWORD);
      expect((await rep.get(`/api/v1/accounts/${RECORDS[1][1]}`)).statusCode, 'shared record').toBe(200);
      expect((await rep.get(`/api/v1/accounts/${RECORDS[0][1]}`)).json()).not.toHaveProperty('creditCode');
      expect((await admin.get(`/api/v1/accounts/${RECORDS[0][1]}`)).headers.etag).toBe('"2"');
    } finally {
      await app.close();
    }
    expect(WS).toBe([...before.get('workspaces')!.keys()][0]);
  }, 240_000);
});
