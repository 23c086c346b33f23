import { describe, expect, it } from 'vitest';
import { lineAmounts, quoteTotals } from './quote-totals.js';

describe('quote totals', () => {
  it('3 × 100 at 10% discount and 13% tax is 305.10', () => {
    const l = lineAmounts({ quantity: 3, unitPrice: '100', discountRate: '10', taxRate: '13' });
    expect(l).toEqual({ subtotal: '300.00', discountAmount: '30.00', taxAmount: '35.10', amount: '305.10' });
    expect(quoteTotals([l]).total).toBe('305.10');
  });
  it('is exact where binary floating point is not', () => {
    const l = lineAmounts({ quantity: '3', unitPrice: '0.10', taxRate: 0 });
    expect(l.amount).toBe('0.30');
    const many = Array.from({ length: 10 }, () => lineAmounts({ quantity: 1, unitPrice: '0.10' }));
    expect(quoteTotals(many).total).toBe('1.00');
  });
  it('rounds half up per line, to the cent', () => {
    const l = lineAmounts({ quantity: '1.5', unitPrice: '0.33', discountRate: '0', taxRate: '13' });
    expect(l.subtotal).toBe('0.50'); // 0.495 → 0.50
    expect(l.taxAmount).toBe('0.07'); // 0.065 → 0.07
    expect(l.amount).toBe('0.57');
  });
  it('handles large amounts without losing cents', () => {
    const l = lineAmounts({ quantity: '1000', unitPrice: '9999999999.99', discountRate: '0.5', taxRate: '6' });
    expect(l.subtotal).toBe('9999999999990.00');
    expect(l.discountAmount).toBe('49999999999.95');
    expect(l.amount).toBe('10546999999989.45');
  });
  it('sums to zero with no lines', () => {
    expect(quoteTotals([])).toEqual({ subtotal: '0.00', discountAmount: '0.00', taxAmount: '0.00', total: '0.00' });
  });
});
