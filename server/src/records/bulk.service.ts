import { AppError, type FieldIssue } from '../platform/errors.js';
import { presentRecord } from './present.js';
import { createMany } from './record-batch.service.js';
import { objectOf, type RecordCtx } from './record-context.js';
import { deleteRecord, updateRecord } from './record-write.service.js';

export const MAX_BULK = 1000;

/**
 * All rows in the caller's one transaction: every row is validated and the whole batch fails with each
 * row's errors (by index), or every row is written.
 */
export async function bulkWrite(ctx: RecordCtx, object: string, op: 'create' | 'update' | 'delete', records: unknown[]) {
  if (records.length > MAX_BULK) throw new AppError(413, 'error.bulkTooLarge', { max: MAX_BULK });
  if (op === 'create') return bulkCreate(ctx, object, records);
  const out: Record<string, unknown>[] = [];
  const issues: FieldIssue[] = [];
  for (const [index, rec] of records.entries()) {
    try {
      const { id, ...rest } = (rec ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string') { issues.push({ field: 'id', code: 'field.required', index }); continue; }
      if (op === 'update') out.push(await updateRecord(ctx, object, id, rest, { index }));
      else { await deleteRecord(ctx, object, id); out.push({ id }); }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.errors.length) issues.push(...err.errors.map((e) => ({ ...e, index })));
      else issues.push({ field: '(record)', code: err.code, params: err.params, index });
    }
  }
  if (issues.length) throw new AppError(422, 'error.validation', {}, issues);
  return out;
}

/** Creates go through the batched pipeline (one statement per step); any bad row fails the whole call. */
async function bulkCreate(ctx: RecordCtx, object: string, records: unknown[]) {
  const obj = objectOf(ctx, object);
  const { created, failed } = await createMany(ctx, object, records.map((body, index) => ({ index, body: body as Record<string, unknown> })));
  if (failed.length) {
    const issues = failed.sort((a, b) => a.index - b.index).flatMap((f) => f.issues.map((i) => ({ ...i, index: f.index })));
    throw new AppError(422, 'error.validation', {}, issues);
  }
  return created.map((c) => presentRecord(ctx, obj, c.row));
}
