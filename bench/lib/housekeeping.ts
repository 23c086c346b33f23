import os from 'node:os';
import { openDatabase } from '../../server/src/db/database.js';
import type { DataSet } from './dataset.js';
import type { Fixtures } from './fixtures.js';

/**
 * Takes the data set back to its generated size: the bench's sessions, the imported contacts and the
 * follow-ups the mixed workload logged go (edits to existing contacts stay; they change no sizes).
 */
export async function cleanup(ds: DataSet, fx: Fixtures, since: Date): Promise<void> {
  const db = await openDatabase({ url: ds.url, dataDir: ds.dataDir, poolSize: 2 });
  const ws = fx.workspaceId;
  try {
    await db.executeSql('delete from sessions where workspace_id = $1 and id = any($2::text[])', [ws, fx.sessionIds]);
    for (const table of ['contacts', 'activities']) {
      await db.executeSql(`delete from search_index where workspace_id = $1 and object = $2 and record_id in
        (select id from ${table} where workspace_id = $1 and created_at >= $3)`, [ws, table, since.toISOString()]);
      await db.executeSql(`delete from ${table} where workspace_id = $1 and created_at >= $2`, [ws, since.toISOString()]);
    }
    for (const t of ['import_records', 'import_errors', 'import_chunks', 'imports']) {
      await db.executeSql(`delete from ${t} where workspace_id = $1`, [ws]).catch(() => null);
    }
  } finally {
    await db.close();
  }
}

export async function describeMachine(ds: DataSet): Promise<Record<string, unknown>> {
  const cpus = os.cpus();
  const out: Record<string, unknown> = {
    cpus: cpus.length, cpu: cpus[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    os: `${os.type()} ${os.release()}`, loadAvg: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  if (ds.url) {
    const db = await openDatabase({ url: ds.url, poolSize: 1 });
    try {
      out.postgres = (await db.executeSql('show server_version')).rows[0].server_version;
      for (const s of ['shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'synchronous_commit']) {
        out[s] = (await db.executeSql(`show ${s}`)).rows[0][s];
      }
    } finally { await db.close(); }
  }
  return out;
}
