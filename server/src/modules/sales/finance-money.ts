import { Decimal } from 'decimal.js';

/** Money is exact: decimal.js throughout, rounded half-up to the cent only where an amount is stated. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const cents = (d: Dec): Dec => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
export const money = (d: Dec): string => cents(d).toFixed(2);
export const dec = (v: unknown): Dec => new D(v === null || v === undefined || v === '' ? 0 : String(v));

const CURRENCY_RE = /^[A-Z]{3}$/;
export function isCurrency(v: unknown): v is string {
  return typeof v === 'string' && CURRENCY_RE.test(v);
}
