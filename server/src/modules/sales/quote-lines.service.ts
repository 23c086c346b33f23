import { sql } from 'kysely';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { addOutboxEvent } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { writeHistory } from '../../records/history.js';
import { presentRecord } from '../../records/present.js';
import { loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { applyUpdate } from '../../records/record-write.service.js';
import { throwIssues, visibleRow } from './finance-checks.js';
import { dec } from './finance-money.js';
import { parseLines, type LineBody } from './quote-lines.parse.js';
import { lineAmounts, quoteTotals, type LineAmounts, type QuoteTotals } from './quote-totals.js';

export interface QuoteLine extends LineAmounts {
  id: string; position: number; productId: string | null; name: string; description: string | null; unit: string | null;
  quantity: string; unitPrice: string; discountRate: string; taxRate: string;
}

const num = (v: unknown) => (v === null || v === undefined ? v : String(v));

function toLine(r: Record<string, any>): QuoteLine {
  return {
    id: r.id, position: r.position, productId: r.product_id, name: r.name, description: r.description, unit: r.unit,
    quantity: dec(r.quantity).toString(), unitPrice: num(r.unit_price)!, discountRate: dec(r.discount_rate).toString(),
    taxRate: dec(r.tax_rate).toString(), subtotal: num(r.subtotal)!, discountAmount: num(r.discount_amount)!,
    taxAmount: num(r.tax_amount)!, amount: num(r.amount)!,
  } as QuoteLine;
}

export async function readLines(ctx: RecordCtx, quoteId: string): Promise<QuoteLine[]> {
  const rows = await ctx.trx.selectFrom('quote_lines').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('quote_id', '=', quoteId).orderBy('position').execute();
  return rows.map(toLine);
}

/** Totals of the stored lines: what quotes.beforeUpdate writes on every change of a quote. */
export async function storedTotals(ctx: RecordCtx, quoteId: string): Promise<QuoteTotals> {
  return quoteTotals(await readLines(ctx, quoteId));
}

/** Fills name, unit and price from the product and the quote's price book; refuses unlisted products. */
async function resolveLine(ctx: RecordCtx, quote: Record<string, any>, l: LineBody, i: number, issues: FieldIssue[]) {
  let { name, unit, unitPrice } = l;
  if (l.productId) {
    const p = await visibleRow(ctx, 'products', l.productId);
    if (!p) { issues.push({ field: `lines[${i}].productId`, code: 'field.notFound' }); return null; }
    if (!p.is_listed) { issues.push({ field: `lines[${i}].productId`, code: 'finance.line.productUnlisted', params: { product: p.name } }); return null; }
    name ??= p.name;
    unit ??= p.unit;
    if (unitPrice === null && quote.price_book_id) {
      const e = await ctx.trx.selectFrom('price_book_entries').select('unit_price').where('workspace_id', '=', ctx.auth.workspaceId)
        .where('price_book_id', '=', quote.price_book_id).where('product_id', '=', p.id).executeTakeFirst();
      if (e) unitPrice = String(e.unit_price);
    }
    if (unitPrice === null && p.price !== null && p.currency === quote.currency) unitPrice = String(p.price);
  }
  if (unitPrice === null) { issues.push({ field: `lines[${i}].unitPrice`, code: 'finance.line.noPrice', params: { currency: quote.currency } }); return null; }
  const line = { ...l, name: name!, unit, unitPrice };
  return { ...line, ...lineAmounts(line) };
}

/**
 * PUT /quotes/{id}/lines: replaces a draft quote's lines and saves the new totals through the records
 * pipeline (history, outbox, quotes.beforeUpdate, which recomputes them from the stored lines).
 */
export async function replaceLines(ctx: RecordCtx, quoteId: string, body: unknown, expectedVersion?: number): Promise<Record<string, unknown> & { lines: QuoteLine[] }> {
  const obj = objectOf(ctx, 'quotes');
  const before = await loadRow(ctx, obj, quoteId, 'update', { forUpdate: true });
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError(412, 'error.preconditionFailed', { expected: expectedVersion, current: before.version });
  }
  if (before.status !== 'draft') throw new AppError(409, 'finance.quote.locked');
  const { lines, issues } = parseLines((body as { lines?: unknown } | null)?.lines);
  throwIssues(issues);
  const resolved = [];
  for (const [i, l] of lines.entries()) resolved.push(await resolveLine(ctx, before, l, i, issues));
  throwIssues(issues);
  const old = await readLines(ctx, quoteId);
  await ctx.trx.deleteFrom('quote_lines').where('workspace_id', '=', ctx.auth.workspaceId).where('quote_id', '=', quoteId).execute();
  await insertLines(ctx, quoteId, resolved.map((l, position) => ({ ...l!, position })));
  const stored = await readLines(ctx, quoteId);
  await writeHistory(ctx, 'quotes', quoteId, 'update', [{ field: 'lines', old: old.map(summary), new: stored.map(summary) }]);
  const totals = quoteTotals(stored);
  const cols = { subtotal: totals.subtotal, discount_amount: totals.discountAmount, tax_amount: totals.taxAmount, total: totals.total };
  const rec = await applyUpdate(ctx, obj, before, { columns: cols, custom: {}, byField: { ...totals } });
  if (rec.version === before.version) return { ...(await bumpVersion(ctx, quoteId, before.version)), lines: stored };
  return { ...rec, lines: stored };
}

type NewLine = Omit<QuoteLine, 'id'>;

export async function insertLines(ctx: RecordCtx, quoteId: string, lines: NewLine[]): Promise<void> {
  if (lines.length === 0) return;
  await ctx.trx.insertInto('quote_lines').values(lines.map((l) => ({
    workspace_id: ctx.auth.workspaceId, id: newId(), quote_id: quoteId, position: l.position, product_id: l.productId, name: l.name,
    description: l.description, unit: l.unit, quantity: l.quantity, unit_price: l.unitPrice, discount_rate: l.discountRate,
    tax_rate: l.taxRate, subtotal: l.subtotal, discount_amount: l.discountAmount, tax_amount: l.taxAmount, amount: l.amount,
  }))).execute();
}

const summary = (l: QuoteLine) => ({ name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, discountRate: l.discountRate, taxRate: l.taxRate, amount: l.amount });

/** Lines changed but the totals did not: the quote still gets a new version and an event, so caches and If-Match see it. */
async function bumpVersion(ctx: RecordCtx, quoteId: string, version: number) {
  const res = await sql<Record<string, any>>`update quotes set version = version + 1, updated_at = ${ctx.now}
    where workspace_id = ${ctx.auth.workspaceId}::uuid and id = ${quoteId}::uuid and version = ${version} returning *`.execute(ctx.trx);
  await addOutboxEvent(ctx.trx, { workspaceId: ctx.auth.workspaceId, object: 'quotes', recordId: quoteId, event: 'quotes.updated', payload: { id: quoteId, changes: [{ field: 'lines' }] }, actorId: ctx.auth.userId });
  return presentRecord(ctx, objectOf(ctx, 'quotes'), res.rows[0]);
}
