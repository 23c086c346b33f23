import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, formatNumber, localDay, periodKey } from './numbering-format.js';

describe('numbering format', () => {
  it('prints prefix, date and a zero-padded sequence', () => {
    expect(formatNumber(DEFAULT_RULES.contracts, '20261123', 1)).toBe('HT-20261123-0001');
    expect(formatNumber({ ...DEFAULT_RULES.quotes, dateFormat: 'YYYYMM', separator: '', seqDigits: 3 }, '20261123', 12)).toBe('BJ202611012');
    expect(formatNumber({ ...DEFAULT_RULES.invoices, dateFormat: 'none', prefix: '' }, '20261123', 12345)).toBe('12345');
  });
  it('keys the counter by the reset period', () => {
    const r = DEFAULT_RULES.contracts;
    expect(periodKey(r, '20261123')).toBe('20261123');
    expect(periodKey({ ...r, reset: 'monthly' }, '20261123')).toBe('202611');
    expect(periodKey({ ...r, reset: 'yearly' }, '20261123')).toBe('2026');
    expect(periodKey({ ...r, reset: 'never' }, '20261123')).toBe('');
  });
  it('uses the local calendar day', () => {
    const lateUtc = new Date('2026-11-23T20:00:00Z');
    expect(localDay(lateUtc, 'Asia/Shanghai')).toBe('20261124');
    expect(localDay(lateUtc, 'UTC')).toBe('20261123');
  });
});
