import { describe, expect, it } from 'vitest';
import { formatMoneyTotals } from '../../ui/money-format';
import { lineAmounts, quoteTotals, sumByCurrency, sumMoney, weighted } from './quote-totals';

// The same cases as the server's quote-totals.test.ts: the browser must show what the server will store.
describe('quote totals in the browser', () => {
  it('3 × 100 at 10% discount and 13% tax is 305.10', () => {
    const l = lineAmounts({ quantity: 3, unitPrice: '100', discountRate: '10', taxRate: '13' });
    expect(l).toEqual({ subtotal: '300.00', discountAmount: '30.00', taxAmount: '35.10', amount: '305.10' });
    expect(quoteTotals([l]).total).toBe('305.10');
  });
  it('is exact where binary floating point is not', () => {
    expect(lineAmounts({ quantity: '3', unitPrice: '0.10', taxRate: 0 }).amount).toBe('0.30');
    const many = Array.from({ length: 10 }, () => lineAmounts({ quantity: 1, unitPrice: '0.10' }));
    expect(quoteTotals(many).total).toBe('1.00');
  });
  it('rounds half up per line, to the cent', () => {
    const l = lineAmounts({ quantity: '1.5', unitPrice: '0.33', discountRate: '0', taxRate: '13' });
    expect(l.subtotal).toBe('0.50');
    expect(l.taxAmount).toBe('0.07');
    expect(l.amount).toBe('0.57');
  });
  it('handles large amounts without losing cents', () => {
    const l = lineAmounts({ quantity: '1000', unitPrice: '9999999999.99', discountRate: '0.5', taxRate: '6' });
    expect(l.subtotal).toBe('9999999999990.00');
    expect(l.discountAmount).toBe('49999999999.95');
    expect(l.amount).toBe('10546999999989.45');
  });
  it('sums to zero with no lines, and treats half-typed input as zero', () => {
    expect(quoteTotals([])).toEqual({ subtotal: '0.00', discountAmount: '0.00', taxAmount: '0.00', total: '0.00' });
    expect(lineAmounts({ quantity: '2.', unitPrice: 'abc', discountRate: null }).amount).toBe('0.00');
  });
  it('sums line totals rather than recomputing from rates', () => {
    const a = lineAmounts({ quantity: 1, unitPrice: '0.05', taxRate: '10' }); // tax 0.005 → 0.01
    const b = lineAmounts({ quantity: 1, unitPrice: '0.05', taxRate: '10' });
    expect(quoteTotals([a, b])).toEqual({ subtotal: '0.10', discountAmount: '0.00', taxAmount: '0.02', total: '0.12' });
  });
  it('weights pipeline amounts by stage probability', () => {
    expect(weighted('1000.00', 25)).toBe('250.00');
    expect(weighted('0.05', 50)).toBe('0.03');
    expect(sumMoney(['0.1', '0.2', null])).toBe('0.30');
  });
  it('never adds amounts in different currencies together', () => {
    const rows = [{ a: '447000', c: 'CNY' }, { a: '0.10', c: 'CNY' }, { a: '87500', c: 'USD' }, { a: '5', c: null }];
    const totals = sumByCurrency(rows, (r) => r.a, (r) => r.c);
    expect(totals).toEqual([{ currency: 'CNY', amount: '447005.10', count: 3 }, { currency: 'USD', amount: '87500.00', count: 1 }]);
    expect(formatMoneyTotals(totals, 'zh-CN')).toBe('¥447,005.10 + $87,500.00');
    expect(formatMoneyTotals([], 'en-US')).toBe('¥0.00');
  });
});
