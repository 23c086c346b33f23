import { registerHook } from '../../records/hooks.js';
import { checkCurrency, fieldError } from './finance-checks.js';

registerHook('products.beforeCreate', 'finance-product', ({ values }) => checkCurrency(values.currency));
registerHook('products.beforeUpdate', 'finance-product', ({ values }) => checkCurrency(values.currency));
registerHook('priceBooks.beforeCreate', 'finance-price-book', ({ values }) => checkCurrency(values.currency));

/** Entry prices are in the book's currency, so the currency is fixed once the book has prices. */
registerHook('priceBooks.beforeUpdate', 'finance-price-book', async ({ ctx, before, values }) => {
  checkCurrency(values.currency);
  if (values.currency === undefined || values.currency === before!.currency) return;
  const e = await ctx.trx.selectFrom('price_book_entries').select('product_id').where('workspace_id', '=', ctx.auth.workspaceId)
    .where('price_book_id', '=', before!.id).limit(1).executeTakeFirst();
  if (e) throw fieldError('currency', 'finance.priceBook.currencyLocked');
});

/** A category cannot become its own ancestor. */
registerHook('productCategories.beforeUpdate', 'finance-category-cycle', async ({ ctx, before, values }) => {
  let parent: string | null | undefined = values.parent_id;
  for (let depth = 0; parent && depth < 100; depth++) {
    if (parent === before!.id) throw fieldError('parentId', 'finance.category.cycle');
    const row = await ctx.trx.selectFrom('product_categories').select('parent_id').where('workspace_id', '=', ctx.auth.workspaceId)
      .where('id', '=', parent).executeTakeFirst();
    parent = row?.parent_id;
  }
});
