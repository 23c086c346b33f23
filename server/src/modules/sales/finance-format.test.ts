import { describe, expect, it } from 'vitest';
import { groupedMoney, rmbUppercase } from './finance-format.js';

describe('money formatting', () => {
  it('groups thousands with two decimals', () => {
    expect(groupedMoney('1234567.5')).toBe('1,234,567.50');
    expect(groupedMoney('305.1')).toBe('305.10');
    expect(groupedMoney('-1000')).toBe('-1,000.00');
    expect(groupedMoney(0)).toBe('0.00');
  });
  it('writes amounts in Chinese capital numerals', () => {
    expect(rmbUppercase('305.10')).toBe('叁佰零伍元壹角整');
    expect(rmbUppercase('0')).toBe('零元整');
    expect(rmbUppercase('0.05')).toBe('伍分');
    expect(rmbUppercase('100')).toBe('壹佰元整');
    expect(rmbUppercase('1004.07')).toBe('壹仟零肆元零柒分');
    expect(rmbUppercase('10000')).toBe('壹万元整');
    expect(rmbUppercase('100010')).toBe('壹拾万零壹拾元整');
    expect(rmbUppercase('123456789.12')).toBe('壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分');
    expect(rmbUppercase('100000001')).toBe('壹亿零壹元整');
  });
});
