import { AppError } from '../../platform/errors.js';
import { registerHook, type HookArgs } from '../../records/hooks.js';
import { checkCurrency, checkInitial, checkTransition, fieldError, merged, visibleRow } from './finance-checks.js';
import { isoDay, workspaceTimeZone } from './finance-time.js';
import { QUOTE_STATUSES, QUOTE_TRANSITIONS, INITIAL } from './finance-status.js';
import { nextNumber } from './numbering-rules.service.js';
import { insertLines, readLines, storedTotals } from './quote-lines.service.js';
import { isSuperseding, peekRevision } from './quote-revise.service.js';
import { quoteTotals, type QuoteTotals } from './quote-totals.js';

const totalsColumns = (t: QuoteTotals) =>
  ({ subtotal: t.subtotal, discount_amount: t.discountAmount, tax_amount: t.taxAmount, total: t.total });

/** The quote's currency follows its price book; a price book in another currency is refused. */
async function checkPriceBook({ ctx, before, values }: HookArgs): Promise<void> {
  checkCurrency(values.currency);
  if (values.price_book_id === undefined && values.currency === undefined) return;
  const row = merged(before, values);
  const book = await visibleRow(ctx, 'priceBooks', row.price_book_id);
  if (!book) return;
  if (values.currency === undefined && before === undefined) values.currency = book.currency;
  else if ((values.currency ?? row.currency) !== book.currency) throw fieldError('priceBookId', 'finance.quote.priceBookCurrency', { currency: book.currency });
}

registerHook('quotes.beforeCreate', 'finance-quote-create', async (args) => {
  const { ctx, values } = args;
  checkInitial(ctx, QUOTE_STATUSES, INITIAL.quotes, values.status);
  await checkPriceBook(args);
  values.quote_date ??= isoDay(ctx.now, await workspaceTimeZone(ctx.trx, ctx.auth.workspaceId));
  const rev = peekRevision(ctx);
  if (rev) {
    Object.assign(values, { number: rev.number, revision: rev.revision, previous_quote_id: rev.previousId }, totalsColumns(quoteTotals(rev.lines)));
  } else {
    Object.assign(values, { number: await nextNumber(ctx.trx, ctx.auth.workspaceId, 'quotes', ctx.now), revision: 1 }, totalsColumns(quoteTotals([])));
  }
});

registerHook('quotes.afterCreate', 'finance-quote-lines', async ({ ctx, values }) => {
  const rev = peekRevision(ctx);
  if (rev) await insertLines(ctx, values.id, rev.lines);
});

/** Totals are recomputed from the stored lines on every change, whatever the body said. */
registerHook('quotes.beforeUpdate', 'finance-quote-update', async (args) => {
  const { ctx, before, values } = args;
  if (values.status === 'superseded' && before!.status !== 'superseded' && !isSuperseding(ctx)) {
    throw new AppError(409, 'finance.quote.supersededByRevise');
  }
  if (values.status !== 'superseded') checkTransition(ctx, QUOTE_STATUSES, QUOTE_TRANSITIONS, before!.status, values.status);
  if (values.currency !== undefined && values.currency !== before!.currency && (await readLines(ctx, before!.id)).length > 0) {
    throw fieldError('currency', 'finance.quote.currencyLocked');
  }
  await checkPriceBook(args);
  Object.assign(values, totalsColumns(await storedTotals(ctx, before!.id)));
});
