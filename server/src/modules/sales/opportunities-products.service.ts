import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { invalid, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';
import { applyUpdate } from '../../records/record-write.service.js';
import { visibilitySql } from '../../records/visibility.js';

export const MAX_LINES = 200;

export interface LineInput { productId?: string | null; name?: string; quantity: string | number; unitPrice?: string | number; discount?: string | number }

function toLine(r: Record<string, any>) {
  return {
    id: r.id, position: r.position, productId: r.product_id, name: r.name, quantity: new Decimal(r.quantity).toFixed(),
    unitPrice: new Decimal(r.unit_price).toFixed(2), discount: new Decimal(r.discount).toFixed(), amount: new Decimal(r.amount).toFixed(2),
  };
}

export async function listOpportunityProducts(ctx: RecordCtx, id: string) {
  await loadRow(ctx, objectOf(ctx, 'opportunities'), id, 'read');
  const rows = await ctx.trx.selectFrom('opportunity_products').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('opportunity_id', '=', id).orderBy('position').execute();
  return rows.map(toLine);
}

const num = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) ? new Decimal(String(v).trim()) : null);

/** Products the caller can see, by id, when the workspace has a products object. */
async function products(ctx: RecordCtx, ids: string[]): Promise<Map<string, Record<string, any>>> {
  const obj = ctx.md.objects.get('products');
  if (!obj || ids.length === 0) return new Map();
  const rows = await sql<Record<string, any>>`select t.id, t.name, t.price from products t where t.workspace_id = ${ctx.auth.workspaceId}::uuid
    and t.deleted_at is null and t.id::text = any(${ids}::text[]) and ${visibilitySql(ctx, obj, 'read')}`.execute(ctx.trx);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

/** Checks every line at once and computes its amount: quantity × unit price × (1 − discount %). */
async function parseLines(ctx: RecordCtx, lines: LineInput[]) {
  const issues: FieldIssue[] = [];
  const known = await products(ctx, lines.map((l) => l.productId).filter((p): p is string => typeof p === 'string'));
  const out = lines.map((l, i) => {
    const product = l.productId ? known.get(l.productId) : undefined;
    if (l.productId && !product) issues.push({ field: `lines.${i}.productId`, code: 'field.notFound' });
    const name = (l.name ?? product?.name ?? '').trim();
    if (!name) issues.push({ field: `lines.${i}.name`, code: 'field.required' });
    const qty = num(l.quantity);
    const price = l.unitPrice !== undefined ? num(l.unitPrice) : product?.price != null ? new Decimal(product.price) : null;
    const discount = l.discount !== undefined ? num(l.discount) : new Decimal(0);
    if (!qty || qty.lte(0) || qty.decimalPlaces() > 4 || qty.gte(1e12)) issues.push({ field: `lines.${i}.quantity`, code: 'sales.line.quantity' });
    if (!price || price.lt(0) || price.decimalPlaces() > 2 || price.gte(1e14)) issues.push({ field: `lines.${i}.unitPrice`, code: 'sales.line.unitPrice' });
    if (!discount || discount.lt(0) || discount.gt(100) || discount.decimalPlaces() > 2) issues.push({ field: `lines.${i}.discount`, code: 'sales.line.discount' });
    const amount = qty && price && discount ? qty.times(price).times(new Decimal(100).minus(discount)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP) : new Decimal(0);
    if (amount.gte(1e16)) issues.push({ field: `lines.${i}.quantity`, code: 'field.tooLarge' });
    return { product_id: product ? l.productId! : null, name, quantity: qty?.toFixed() ?? '0', unit_price: price?.toFixed(2) ?? '0', discount: discount?.toFixed(2) ?? '0', amount };
  });
  if (issues.length) throw invalid(issues);
  return out;
}

/**
 * Replaces the opportunity's products; with syncAmount the opportunity's amount becomes their total,
 * written through the pipeline so the change shows in its history and the weighted amount follows.
 */
export async function putOpportunityProducts(ctx: RecordCtx, id: string, lines: LineInput[], syncAmount: boolean) {
  const obj = objectOf(ctx, 'opportunities');
  const opp = await loadRow(ctx, obj, id, 'update', { forUpdate: true });
  if (lines.length > MAX_LINES) throw invalid([{ field: 'lines', code: 'field.tooMany', params: { max: MAX_LINES } }]);
  const parsed = await parseLines(ctx, lines);
  await ctx.trx.deleteFrom('opportunity_products').where('workspace_id', '=', ctx.auth.workspaceId).where('opportunity_id', '=', id).execute();
  if (parsed.length) {
    await ctx.trx.insertInto('opportunity_products').values(parsed.map((l, i) => ({
      ...l, amount: l.amount.toFixed(2), workspace_id: ctx.auth.workspaceId, id: newId(), opportunity_id: id, position: i,
    }))).execute();
  }
  if (syncAmount) {
    const total = parsed.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2);
    if (opp.amount === null || !new Decimal(opp.amount).eq(total)) {
      await applyUpdate(ctx, obj, opp, { columns: { amount: total }, byField: { amount: new Decimal(total).toFixed() }, custom: {} });
    }
  }
  return listOpportunityProducts(ctx, id);
}
