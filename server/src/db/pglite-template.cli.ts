// Run after `npm install`: makes and keeps the embedded database templates (pglite-template.ts) — the empty
// cluster and the migrated one — so that the first `npm start` spends no time in initdb or migrations.
// Harmless to run again.
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

const db = await openDatabase({ url: null, memory: true });
await migrate(db);
await db.close();
