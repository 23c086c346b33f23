import { describe, expect, it } from 'vitest';
import { relativeRange } from './relative-dates.js';

describe('relative date ranges', () => {
  const now = new Date('2026-11-23T01:30:00Z'); // Monday 09:30 in Shanghai
  it('computes today in Shanghai', () => {
    expect(relativeRange('today', 'Asia/Shanghai', now)).toEqual(['2026-11-22T16:00:00.000Z', '2026-11-23T16:00:00.000Z']);
  });
  it('starts weeks on Monday and months on the 1st', () => {
    expect(relativeRange('thisWeek', 'Asia/Shanghai', now)[0]).toBe('2026-11-22T16:00:00.000Z');
    expect(relativeRange('lastMonth', 'Asia/Shanghai', now)).toEqual(['2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z']);
    expect(relativeRange('thisQuarter', 'UTC', now)).toEqual(['2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });
  it('uses the local day, not the UTC one', () => {
    const lateUtc = new Date('2026-11-23T20:00:00Z'); // already Tuesday in Shanghai
    expect(relativeRange('today', 'Asia/Shanghai', lateUtc)[0]).toBe('2026-11-23T16:00:00.000Z');
    expect(relativeRange('today', 'America/New_York', lateUtc)[0]).toBe('2026-11-23T05:00:00.000Z');
  });
  it('rejects unknown periods', () => {
    expect(() => relativeRange('someday', 'UTC', now)).toThrow();
  });
});
