import { cents, D, dec, money, type Dec } from './finance-money.js';

export interface LineInput {
  quantity: string | number;
  unitPrice: string | number;
  /** percent off the line, 0–100 */
  discountRate?: string | number | null;
  /** percent added on the discounted amount, 0–100 */
  taxRate?: string | number | null;
}

export interface LineAmounts { subtotal: string; discountAmount: string; taxAmount: string; amount: string }
export interface QuoteTotals { subtotal: string; discountAmount: string; taxAmount: string; total: string }

/**
 * One line, prices excluding tax: subtotal = quantity × unit price; the discount and then the tax on the
 * discounted amount are each rounded half-up to the cent, so a line's printed figures add up exactly.
 */
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
