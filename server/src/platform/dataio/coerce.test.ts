import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../metadata/types.js';
import { CoerceError, coerceBoolean, coerceDate, coerceDateTime, coerceNumber, coerceOption, coercePhone, coerceUrl, splitMulti } from './coerce.js';

const select = { apiName: 'stage', type: 'select', options: { options: [{ value: 'won', label: { 'zh-CN': '赢单', 'en-US': 'Won' } }, { value: 'qualification', label: { 'en-US': 'Qualification' } }] } } as unknown as FieldDef;

describe('cell coercion', () => {
  it('reads dates in the usual spellings and rejects impossible ones', () => {
    expect(['2026-01-31', '2026/1/31', '2026.01.31', '20260131', '2026年1月31日', '01/31/2026', '31/01/2026', '2026-01-31T23:59:59Z'].map(coerceDate)).toEqual(Array(8).fill('2026-01-31'));
    for (const bad of ['2026-02-30', '2009\\7\\14', '2009-07/14', 'tomorrow', '--0203']) expect(coerceDate(bad)).toBeInstanceOf(CoerceError);
  });
  it('reads date-times with offsets as given and without in the importer\'s zone', () => {
    expect(coerceDateTime('2009-07-14 22:14:45+0800', 'UTC')).toBe('2009-07-14T14:14:45.000Z');
    expect(coerceDateTime('07/13/2009T22:14:45-0800', 'UTC')).toBe('2009-07-14T06:14:45.000Z');
    expect(coerceDateTime('2010-10-14T12:00:00.000Z-0300', 'UTC')).toBe('2010-10-14T15:00:00.000Z');
    expect(coerceDateTime('2010-10-14T12:00:00', 'Asia/Shanghai')).toBe('2010-10-14T04:00:00.000Z');
    expect(coerceDateTime('2026-03-08 02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(coerceDateTime('2026-01-31 3:05 pm', 'UTC')).toBe('2026-01-31T15:05:00.000Z');
    expect(coerceDateTime('2026-01-31T09:00:00@Asia/Tokyo', 'UTC')).toBe('2026-01-31T00:00:00.000Z');
    expect(coerceDateTime('2026-01-31 25:00', 'UTC')).toBeInstanceOf(CoerceError);
  });
  it('reads numbers with separators, symbols and Chinese multipliers', () => {
    expect(['1,234.50', '¥1,234.50', '1234.5', '(12.5)', '12.5%', '5万', '1.5亿', '2k', 'RMB 3,000'].map(coerceNumber))
      .toEqual(['1234.50', '1234.50', '1234.5', '-12.5', '12.5', '50000', '150000000', '2000', '3000']);
    expect(coerceNumber('12abc')).toBeInstanceOf(CoerceError);
  });
  it('reads yes/no, options by value, label or other systems\' names, phones and links', () => {
    expect(['是', 'Yes', 'x', '✓', '1'].map(coerceBoolean)).toEqual([true, true, true, true, true]);
    expect(['否', 'no', '0', ''].map(coerceBoolean)).toEqual([false, false, false, false]);
    expect(['won', 'WON', '赢单', 'Closed Won', 'Prospecting'].map((v) => coerceOption(v, select))).toEqual(['won', 'won', 'won', 'won', 'qualification']);
    expect(coerceOption('Perdu', select, { Perdu: 'won' })).toBe('won');
    expect(coerceOption('nope', select)).toBeInstanceOf(CoerceError);
    expect(['(415) 555-0100', '415.555.0100 x12', '+1-418-656-9254;ext=102', '13812345678', '021-61234567'].map(coercePhone))
      .toEqual(['+14155550100', '+14155550100', '+1-418-656-9254', '13812345678', '021-61234567']);
    expect(coerceUrl('www.acme.com')).toBe('http://www.acme.com');
    expect(coerceUrl('https://acme.com')).toBe('https://acme.com');
    expect(splitMulti('vip, football-fan；重点、A|B')).toEqual(['vip', 'football-fan', '重点', 'A', 'B']);
  });
});
