import { registerHook, type HookArgs } from '../../records/hooks.js';
import type { RecordCtx } from '../../records/record-context.js';
import { buildIndexRow, upsertIndexRows, type IndexRow } from './search-index.js';

/**
 * Batched writers (imports) collect the index rows of a whole batch and write them in one statement;
 * single writes go straight to the index. Either way the rows are written in the record's transaction.
 */
const collectors = new WeakMap<RecordCtx, IndexRow[]>();

export function collectIndexRows(ctx: RecordCtx): void {
  collectors.set(ctx, []);
}

export async function flushIndexRows(ctx: RecordCtx): Promise<void> {
  const rows = collectors.get(ctx);
  collectors.delete(ctx);
  if (rows) await upsertIndexRows(ctx.trx, rows);
}

async function indexRecord({ ctx, obj, values }: HookArgs): Promise<void> {
  if (!values?.id) return;
  const row = buildIndexRow(obj, values, ctx.auth.workspaceId);
  const batch = collectors.get(ctx);
  if (batch) batch.push(row);
  else await upsertIndexRows(ctx.trx, [row]);
}

// Deleted records keep their row: searches join the record and skip deleted ones, and a restore needs no work.
registerHook('*.afterCreate', 'search-index', indexRecord);
registerHook('*.afterUpdate', 'search-index', indexRecord);
registerHook('*.afterRestore', 'search-index', indexRecord);
