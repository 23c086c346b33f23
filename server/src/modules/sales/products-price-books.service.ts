import { FIELD_TYPE_SPECS, FieldError } from '../../metadata/field-types.js';
import type { FieldDef } from '../../metadata/types.js';
import type { FieldIssue } from '../../platform/errors.js';
import { loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { throwIssues, visibleRow } from './finance-checks.js';

export const MAX_ENTRIES = 1000;
const PRICE: FieldDef = { apiName: 'unitPrice', column: null, type: 'currency', label: {}, isCustom: false, status: 'active', position: 0, options: { min: 0 } };
const REF: FieldDef = { ...PRICE, apiName: 'productId', type: 'relation', options: {} };

export async function listEntries(ctx: RecordCtx, bookId: string) {
  await loadRow(ctx, objectOf(ctx, 'priceBooks'), bookId, 'read');
  const rows = await ctx.trx.selectFrom('price_book_entries as e').innerJoin('products as p', (j) => j
    .onRef('p.workspace_id', '=', 'e.workspace_id').onRef('p.id', '=', 'e.product_id'))
    .select(['e.product_id', 'e.unit_price', 'p.name', 'p.code']).where('e.workspace_id', '=', ctx.auth.workspaceId)
    .where('e.price_book_id', '=', bookId).where('p.deleted_at', 'is', null).orderBy('p.name').execute();
  return rows.map((r) => ({ productId: r.product_id, productName: r.name, productCode: r.code, unitPrice: String(r.unit_price) }));
}

/** PUT /priceBooks/{id}/entries: the book's whole price list, one price per product. */
export async function replaceEntries(ctx: RecordCtx, bookId: string, raw: unknown) {
  await loadRow(ctx, objectOf(ctx, 'priceBooks'), bookId, 'update', { forUpdate: true });
  const issues: FieldIssue[] = [];
  const list = (raw as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) throwIssues([{ field: 'entries', code: 'field.type.array' }]);
  if ((list as unknown[]).length > MAX_ENTRIES) throwIssues([{ field: 'entries', code: 'field.tooMany', params: { max: MAX_ENTRIES } }]);
  const seen = new Set<string>();
  const rows: { product_id: string; unit_price: string }[] = [];
  for (const [i, e] of (list as unknown[]).entries()) {
    const item = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const id = FIELD_TYPE_SPECS.relation.parse(item.productId, REF);
    const price = item.unitPrice === undefined || item.unitPrice === null ? new FieldError('field.required') : FIELD_TYPE_SPECS.currency.parse(item.unitPrice, PRICE);
    if (id instanceof FieldError) { issues.push({ field: `entries[${i}].productId`, code: id.code }); continue; }
    if (price instanceof FieldError) { issues.push({ field: `entries[${i}].unitPrice`, code: price.code, params: price.params }); continue; }
    if (seen.has(id as string)) { issues.push({ field: `entries[${i}].productId`, code: 'finance.priceBook.duplicateProduct' }); continue; }
    if (!(await visibleRow(ctx, 'products', id as string))) { issues.push({ field: `entries[${i}].productId`, code: 'field.notFound' }); continue; }
    seen.add(id as string);
    rows.push({ product_id: id as string, unit_price: price as string });
  }
  throwIssues(issues);
  await ctx.trx.deleteFrom('price_book_entries').where('workspace_id', '=', ctx.auth.workspaceId).where('price_book_id', '=', bookId).execute();
  if (rows.length) {
    await ctx.trx.insertInto('price_book_entries').values(rows.map((r) => ({ workspace_id: ctx.auth.workspaceId, price_book_id: bookId, ...r }))).execute();
  }
  return { data: await listEntries(ctx, bookId) };
}
