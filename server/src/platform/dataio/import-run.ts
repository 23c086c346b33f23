import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import { tableOf } from '../../records/columns.js';
import { runRecords } from '../../records/run.js';
import { objectOf } from '../../records/record-context.js';
import type { AuthContext } from '../access.js';
import { AppError } from '../errors.js';
import { authForUser } from './import-auth.js';
import type { RunSettings } from './import-batch.js';
import { flush } from './import-flush.js';
import { matchKey } from './import-match.js';
import { loadLookups } from './import-refs.js';
import { loadImport, setStatus, type ImportRow } from './import-store.js';
import { deleteChunks, readChunks } from './file-store.js';
import type { SourceRow } from './csv-source.js';
import { BadFileError, openRows } from './row-source.js';
import { compilePlan, prepareRow, type Prepared } from './transform.js';

export const BATCH = 1000;

/**
 * Lets timers and requests in between batches. The embedded database answers through promises alone, so
 * without this a long import would hold the event loop, and every other request, until it ended.
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
const ANALYZE_AFTER = 50_000;

export function sourceSettings(imp: ImportRow) {
  return {
    format: imp.format,
    encoding: imp.encoding ? { encoding: imp.encoding, bom: imp.options.bom ?? 0 } : null,
    delimiter: imp.delimiter,
  };
}

async function settingsFor(db: Database, auth: AuthContext, imp: ImportRow): Promise<RunSettings> {
  return runRecords(db, auth, async (ctx) => ({
    plan: compilePlan(objectOf(ctx, imp.object), imp.columns, imp.mapping ?? []),
    policy: imp.duplicate_policy ?? 'create', matchFields: imp.match_fields, lookups: await loadLookups(ctx),
    dropInvalid: imp.options.invalidValues === 'drop',
  }));
}

async function stillRunning(db: Database, imp: ImportRow): Promise<boolean> {
  const row = await withTenant(db, imp.workspace_id, (trx) => loadImport(trx, imp.workspace_id, imp.id));
  return row?.status === 'running';
}

/**
 * Whether a batch may be written while the next one is being read and prepared, on a second connection:
 * on PostgreSQL (PGlite has one connection), and only when batches cannot depend on each other — new
 * records only, no related records created by name (two batches would both create "Acme").
 */
function overlaps(db: Database, s: RunSettings): boolean {
  return db.engine === 'postgres' && s.policy === 'create' && !s.plan.entries.some((e) => e.onMissing === 'create');
}

/**
 * Streams the file through the pipeline in batches; resumes after the rows a previous attempt finished.
 * Where batches are independent, one is written while the next is read and prepared (its transaction
 * commits after the previous one's), so the server and the database work at the same time.
 */
async function runRows(db: Database, auth: AuthContext, imp: ImportRow, s: RunSettings): Promise<{ result: 'done' | 'cancelled'; rows: number }> {
  const { rows } = await openRows(() => readChunks(db, imp.workspace_id, imp.id), sourceSettings(imp));
  const drop = imp.options.invalidValues === 'drop';
  const overlap = overlaps(db, s);
  const prepare = (src: SourceRow) => prepareRow(s.plan, src, auth.timeZone, drop);
  let batch: Prepared[] = [];
  let sources: SourceRow[] = [];
  const keys = new Set<string>();
  let seen = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = async (b: Prepared[], src: SourceRow[]) => {
    const before = writing;
    writing = flush(db, auth, imp, s, b, () => src.map(prepare), before);
    // Awaited (and its error thrown) by the next write, or at the end.
    writing.catch(() => { /* seen below */ });
    await (overlap ? before : writing);
  };
  for await (const src of rows) {
    if (seen++ < imp.processed) continue;
    const p = prepare(src);
    const key = s.policy === 'create' ? null : matchKey(s.plan.obj, s.matchFields, p);
    // A row duplicating an earlier one of the same batch waits for the next batch, which then finds it.
    if (batch.length >= BATCH || (key && keys.has(key))) {
      await write(batch, sources);
      batch = [];
      sources = [];
      keys.clear();
      await breathe();
      if (!await stillRunning(db, imp)) {
        await writing;
        return { result: 'cancelled', rows: seen };
      }
    }
    batch.push(p);
    sources.push(src);
    if (key) keys.add(key);
  }
  await write(batch, sources);
  await writing;
  return { result: 'done', rows: seen };
}

/**
 * After a large import the planner's statistics still describe the tables before it, and it may walk a
 * million rows where an index would do: refresh them (what autovacuum would do, a little later).
 */
async function analyze(db: Database, table: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) return;
  await db.executeSql(`analyze search_index; analyze ${table}`).catch(() => { /* statistics only */ });
}

/**
 * Runs a queued (or interrupted) import to its end: done, cancelled or failed. The status is settled
 * before the stored file is deleted, so a failing clean-up never turns a finished import into a failed one
 * (the error still surfaces, for the log).
 */
export async function runImport(db: Database, workspaceId: string, importId: string): Promise<void> {
  const imp = await withTenant(db, workspaceId, (trx) => loadImport(trx, workspaceId, importId));
  if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return;
  await setStatus(db, workspaceId, importId, 'running', imp.started_at ? {} : { started_at: new Date() });
  let unexpected: unknown = null;
  let table: string | null = null;
  try {
    const auth = await authForUser(db, workspaceId, imp.created_by);
    const s = await settingsFor(db, auth, imp);
    const { result, rows } = await runRows(db, auth, imp, s);
    await setStatus(db, workspaceId, importId, result, { finished_at: new Date() }, 'running');
    if (rows > ANALYZE_AFTER) table = tableOf(s.plan.obj);
  } catch (err) {
    const bad = fileError(err);
    await setStatus(db, workspaceId, importId, 'failed', { finished_at: new Date(), error: err instanceof AppError ? err.code : bad ? 'import.badFile' : 'import.failed' });
    if (!(err instanceof AppError) && !bad) unexpected = err;
  }
  try {
    await deleteChunks(db, workspaceId, importId);
    if (table) await analyze(db, table);
  } catch (err) {
    unexpected ??= err;
  }
  if (unexpected) throw unexpected;
}

/** Errors of a malformed file (CSV syntax, broken zip, unparsable calendar) rather than of the program. */
export function fileError(err: unknown): boolean {
  return err instanceof BadFileError;
}
