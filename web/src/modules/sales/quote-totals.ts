import Decimal from 'decimal.js';

// Mirrors server/src/modules/sales/quote-totals.ts and finance-money.ts exactly, so the totals a person sees
// while typing are the ones the server will store: decimal arithmetic, half-up to the cent per amount.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

const cents = (d: Dec): Dec => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const money = (d: Dec): string => cents(d).toFixed(2);

/** A number as typed; anything unparseable counts as 0 so a half-typed field never breaks the totals. */
function dec(v: unknown): Dec {
  if (v === null || v === undefined || v === '') return new D(0);
  try {
    return new D(String(v).trim());
  } catch {
    return new D(0);
  }
}

export interface LineInput {
  quantity: string | number | null | undefined;
  unitPrice: string | number | null | undefined;
  /** percent off the line, 0–100 */
  discountRate?: string | number | null;
  /** percent added on the discounted amount, 0–100 */
  taxRate?: string | number | null;
}

export interface LineAmounts { subtotal: string; discountAmount: string; taxAmount: string; amount: string }
export interface QuoteTotals { subtotal: string; discountAmount: string; taxAmount: string; total: string }

/** subtotal = quantity × unit price; discount, then tax on the discounted amount, each rounded to the cent. */
export function lineAmounts(l: LineInput): LineAmounts {
  const subtotal = cents(dec(l.quantity).times(dec(l.unitPrice)));
  const discount = cents(subtotal.times(dec(l.discountRate)).div(100));
  const net = subtotal.minus(discount);
  const tax = cents(net.times(dec(l.taxRate)).div(100));
  return { subtotal: money(subtotal), discountAmount: money(discount), taxAmount: money(tax), amount: money(net.plus(tax)) };
}

/** The quote's totals are the sums of its lines' rounded amounts, never recomputed from rates. */
export function quoteTotals(lines: LineAmounts[]): QuoteTotals {
  const sum = (k: keyof LineAmounts): Dec => lines.reduce((acc, l) => acc.plus(l[k]), new D(0));
  return { subtotal: money(sum('subtotal')), discountAmount: money(sum('discountAmount')), taxAmount: money(sum('taxAmount')), total: money(sum('amount')) };
}

/** Weighted amount of an opportunity: amount × stage probability %, to the cent. */
export function weighted(amount: unknown, probability: number): string {
  return money(dec(amount).times(probability).div(100));
}

/** Sum of decimal strings, to the cent. */
export function sumMoney(values: unknown[]): string {
  return money(values.reduce<Dec>((acc, v) => acc.plus(dec(v)), new D(0)));
}

/** True when the typed value is a finite decimal number. */
export function isDecimal(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return false;
  try {
    return new D(String(v).trim()).isFinite();
  } catch {
    return false;
  }
}

/**
 * Sums amounts per currency, to the cent, ordered by how many rows each currency has (then by code), so
 * mixed-currency lists show their main currency first and never add yuan to dollars.
 */
export function sumByCurrency<T>(rows: T[], amount: (row: T) => unknown, currency: (row: T) => unknown, fallback = 'CNY'): Array<{ currency: string; amount: string; count: number }> {
  const groups = new Map<string, { sum: Dec; count: number }>();
  for (const row of rows) {
    const c = typeof currency(row) === 'string' && /^[A-Z]{3}$/.test(currency(row) as string) ? (currency(row) as string) : fallback;
    const g = groups.get(c) ?? { sum: new D(0), count: 0 };
    g.sum = g.sum.plus(dec(amount(row)));
    g.count += 1;
    groups.set(c, g);
  }
  return [...groups].map(([c, g]) => ({ currency: c, amount: money(g.sum), count: g.count }))
    .sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
}
