import { describe, expect, it } from 'vitest';
import { migrate, migrationFiles } from '../src/db/migrate.js';
import { emptyDatabase } from './empty-database.js';
import { ENGINE, SKIP } from './helpers.js';

/**
 * Migrations run at start-up under an advisory lock, so that several nodes starting at once against one
 * empty database apply each file exactly once and all come up. On PostgreSQL the nodes are separate pools
 * (separate sessions); PGlite has one owner, so there the starts race on its one connection.
 */
describe.skipIf(SKIP)('migrations at start-up', () => {
  it('applies each file exactly once when three nodes start at once', async () => {
    const { db, openAnother, drop } = await emptyDatabase('migrate');
    try {
      const nodes = ENGINE === 'postgres' ? [db, await openAnother(), await openAnother()] : [db, db, db];
      const applied = await Promise.all(nodes.map((n) => migrate(n)));
      const files = migrationFiles();
      expect(applied.flat().sort()).toEqual(files);
      // One node did the work; the others waited for the lock and found nothing left to do.
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      const rows = (await db.executeSql('select name from schema_migrations order by name')).rows.map((r) => r.name);
      expect(rows).toEqual(files);
      // A later start applies nothing and leaves the schema as it was.
      expect(await migrate(db)).toEqual([]);
    } finally {
      await drop();
    }
  }, 180_000);

  it('keeps migrations forward-only: ordered, numbered files that are never renamed', () => {
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(3);
    expect(files.every((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))).toBe(true);
    expect(new Set(files.map((f) => f.slice(0, 4))).size, 'two files share a number').toBe(files.length);
    // The first release's set is what the upgrade test builds on (platform-upgrade.test.ts).
    expect(files.slice(0, 3)).toEqual(['0001_platform.sql', '0002_records.sql', '0003_security.sql']);
  });
});
