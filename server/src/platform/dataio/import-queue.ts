import type { Database } from '../../db/database.js';
import { isUuid } from '../../db/tenant.js';
import { registerJob } from '../jobs/job-registry.js';
import type { Jobs } from '../jobs/jobs.js';
import { runScan } from '../dedupe/duplicate-scan.service.js';
import { runImport } from './import-run.js';
import { runUndo } from './import-undo.js';

export const IMPORT_JOB = 'dataio-import';

/** Background work of this area: run or undo an import (id of the import), scan for duplicates (id of the scan). */
export interface ImportTask { kind: 'run' | 'undo' | 'scan'; workspaceId: string; id: string }

async function runTask(db: Database, t: ImportTask): Promise<void> {
  if (!isUuid(t.workspaceId) || !isUuid(t.id)) return;
  if (t.kind === 'undo') await runUndo(db, t.workspaceId, t.id);
  else if (t.kind === 'scan') await runScan(db, t.workspaceId, t.id);
  else await runImport(db, t.workspaceId, t.id);
}

// On a worker, imports run as pg-boss jobs: retried after a crash, they resume after the last batch written.
registerJob<ImportTask>({
  name: IMPORT_JOB,
  expireInSeconds: 6 * 3600,
  retryLimit: 3,
  retryDelaySeconds: 10,
  async handler(data, ctx) { await runTask(ctx.db, data); },
});

/** Imports of this process when it runs no job workers (tests, API-only nodes): one at a time, in order. */
let local: Promise<void> = Promise.resolve();
const running = new Set<Promise<void>>();

/** Starts an import or an undo in the background: on the job runner when there is one, else in process. */
export async function enqueueImport(db: Database, jobs: Jobs | null, task: ImportTask, log?: (err: unknown) => void): Promise<void> {
  if (jobs) {
    await jobs.send(IMPORT_JOB, { ...task }, { singletonKey: `${task.kind}:${task.id}` });
    return;
  }
  const p = local.then(() => runTask(db, task)).catch((err) => { log?.(err); });
  running.add(p);
  local = p.finally(() => running.delete(p));
}

/** Waits for in-process imports (shutdown, tests). */
export async function drainImports(): Promise<void> {
  await Promise.all([...running]);
}
