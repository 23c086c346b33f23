import { AppError } from '../../platform/errors.js';
import { presentRecord } from '../../records/present.js';
import { loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { applyUpdate, createRecord } from '../../records/record-write.service.js';
import { readLines, type QuoteLine } from './quote-lines.service.js';

export interface Revision { number: string; revision: number; previousId: string; lines: QuoteLine[] }

/** Set by the revise action for the create it makes, so the quotes hooks keep the number and copy the lines. */
const revisions = new WeakMap<object, Revision>();
/** Writes allowed to move a quote to `superseded`. */
const superseding = new WeakSet<object>();

export const peekRevision = (ctx: RecordCtx): Revision | undefined => revisions.get(ctx);
export const takeRevision = (ctx: RecordCtx): Revision | undefined => {
  const r = revisions.get(ctx);
  revisions.delete(ctx);
  return r;
};
export const isSuperseding = (ctx: RecordCtx): boolean => superseding.has(ctx);

const COPIED = ['accountId', 'contactId', 'opportunityId', 'priceBookId', 'currency', 'validUntil', 'terms', 'description'];

/**
 * POST /quotes/{id}/revise: a new draft revision with the same number, the next revision number and a copy
 * of the lines; the old one becomes `superseded`. An accepted quote is final and cannot be revised.
 */
export async function reviseQuote(ctx: RecordCtx, quoteId: string) {
  const obj = objectOf(ctx, 'quotes');
  const before = await loadRow(ctx, obj, quoteId, 'update', { forUpdate: true });
  if (before.status === 'accepted' || before.status === 'superseded') throw new AppError(409, 'finance.quote.notRevisable');
  const source = presentRecord(ctx, obj, before);
  const body: Record<string, unknown> = { name: before.name };
  for (const k of COPIED) if (source[k] !== null && source[k] !== undefined) body[k] = source[k];
  if (before.owner_id && before.owner_id !== ctx.auth.userId) body.ownerId = before.owner_id;
  revisions.set(ctx, { number: before.number, revision: before.revision + 1, previousId: before.id, lines: await readLines(ctx, quoteId) });
  let created: Record<string, unknown>;
  try {
    created = await createRecord(ctx, 'quotes', body);
  } finally { revisions.delete(ctx); }
  superseding.add(ctx);
  try {
    await applyUpdate(ctx, obj, before, { columns: { status: 'superseded' }, custom: {}, byField: { status: 'superseded' } });
  } finally { superseding.delete(ctx); }
  return { ...created, lines: await readLines(ctx, created.id as string) };
}
