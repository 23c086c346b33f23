import { describe, expect, it } from 'vitest';
import { DATE_FORMAT_RE, formatAutoNumber, periodKey } from './auto-number.js';

// 2026-03-31 17:30 UTC is already 1 April in Shanghai.
const at = new Date('2026-03-31T17:30:00Z');

describe('auto-number', () => {
  it('formats prefix, local date and zero-padded sequence', () => {
    expect(formatAutoNumber({ prefix: 'HT-', dateFormat: 'YYYYMMDD', digits: 4, reset: 'daily' }, 7, at, 'Asia/Shanghai')).toBe('HT-202604010007');
    expect(formatAutoNumber({ prefix: 'HT-', dateFormat: 'YYYY-MM-', digits: 3, reset: 'monthly' }, 12, at, 'UTC')).toBe('HT-2026-03-012');
    expect(formatAutoNumber({ prefix: '', dateFormat: 'YY', digits: 2, reset: 'yearly' }, 123, at, 'UTC')).toBe('26123');
    expect(formatAutoNumber({ prefix: '合同', dateFormat: '', digits: 6, reset: 'never' }, 1, at, 'UTC')).toBe('合同000001');
  });
  it('keys counters by the local period', () => {
    expect(periodKey('daily', at, 'Asia/Shanghai')).toBe('2026-04-01');
    expect(periodKey('daily', at, 'UTC')).toBe('2026-03-31');
    expect(periodKey('monthly', at, 'Asia/Shanghai')).toBe('2026-04');
    expect(periodKey('yearly', at, 'UTC')).toBe('2026');
    expect(periodKey('never', at, 'UTC')).toBe('');
  });
  it('accepts only date tokens and separators', () => {
    expect(DATE_FORMAT_RE.test('YYYYMMDD')).toBe(true);
    expect(DATE_FORMAT_RE.test('YY/MM.DD_')).toBe(true);
    expect(DATE_FORMAT_RE.test('YYYY年')).toBe(false);
    expect(DATE_FORMAT_RE.test('hh:mm')).toBe(false);
  });
});
