import type { Database } from '../../db/database.js';
import { runRecords } from '../../records/run.js';
import type { AuthContext } from '../access.js';
import { AppError } from '../errors.js';
import { processBatch, type BatchOutcome, type RunSettings } from './import-batch.js';
import { saveOutcome, type ImportRow } from './import-store.js';
import type { Prepared } from './transform.js';

const PG_ROW_CODES: Record<string, string> = { '23505': 'field.unique', '23503': 'field.notFound', '22001': 'field.tooLong', '23502': 'field.required', '23514': 'error.validation' };
/** Deadlock, serialisation failure, lock timeout: nothing wrong with the rows; the batch is tried again. */
const TRY_AGAIN = new Set(['40P01', '40001', '55P03']);
/**
 * How long a batch written alongside the previous one waits, before committing, for that one to commit.
 * Longer means the previous batch waits on a lock this one holds (a row both batches' hooks touch): this
 * one then lets go and is written again after it.
 */
const WAIT_MS = 30_000;

class WaitedTooLong extends Error {}

const forbidden = (err: unknown) => err instanceof AppError && err.status === 403;

/** A row the database refused on its own (a unique index, say): reported like any other bad row. */
function refused(r: Prepared, err: unknown): BatchOutcome {
  const code = PG_ROW_CODES[(err as { code?: string })?.code ?? ''] ?? (err instanceof AppError ? err.code : 'import.rowFailed');
  return { created: 0, updated: 0, skipped: 0, failed: 1, records: [], externals: [], related: [], issues: [{ row: r.row, column: null, field: null, code, severity: 'error' }] };
}

async function waitFor(previous: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([previous, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new WaitedTooLong()), WAIT_MS); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** One transaction: the batch through the pipeline, then — once the previous batch committed — its report and counters. */
async function writeBatch(db: Database, auth: AuthContext, imp: ImportRow, s: RunSettings, batch: Prepared[], previous: Promise<void>): Promise<void> {
  await runRecords(db, auth, async (ctx) => {
    const out = await processBatch(ctx, s, batch);
    await waitFor(previous);
    await saveOutcome(ctx.trx, imp, out, batch.length);
  });
}

/**
 * Writes one batch in one transaction, committing after `previous` (the batch before it) so that the
 * import's counters always cover a prefix of the file and a resumed run starts after the last batch
 * written. If the database rejects the batch, it is redone row by row so that only the offending rows
 * fail. Writing changes the prepared rows (references resolved into them): every further attempt starts
 * from rows prepared afresh by `again`.
 */
export async function flush(db: Database, auth: AuthContext, imp: ImportRow, s: RunSettings, batch: Prepared[], again: () => Prepared[],
  previous: Promise<void> = Promise.resolve()): Promise<void> {
  if (batch.length === 0) return previous;
  try {
    await writeBatch(db, auth, imp, s, batch, previous);
    return;
  } catch (err) {
    // The previous batch failed the whole run (a permission lost meanwhile): so does this one.
    await previous;
    if (forbidden(err)) throw err;
    if (err instanceof WaitedTooLong || TRY_AGAIN.has((err as { code?: string }).code ?? '')) {
      try {
        await writeBatch(db, auth, imp, s, again(), Promise.resolve());
        return;
      } catch (again) {
        if (forbidden(again)) throw again;
      }
    }
  }
  for (const r of again()) {
    try {
      await runRecords(db, auth, async (ctx) => saveOutcome(ctx.trx, imp, await processBatch(ctx, s, [r]), 1));
    } catch (rowErr) {
      if (forbidden(rowErr)) throw rowErr;
      await runRecords(db, auth, (ctx) => saveOutcome(ctx.trx, imp, refused(r, rowErr), 1));
    }
  }
}
