import { describe, expect, it } from 'vitest';
import { checkPhone, isMainlandMobile } from './phone-check.js';

describe('phone numbers', () => {
  it('accepts mainland mobiles in every usual spelling', () => {
    for (const raw of ['13812345678', '138 1234 5678', '138-1234-5678', '19912345678', '16612345678']) {
      expect(checkPhone(raw), raw).toEqual({ value: raw.replace(/[\s-]/g, ''), kind: 'cnMobile' });
    }
    expect(checkPhone('+86 138 1234 5678')).toEqual({ value: '+8613812345678', kind: 'cnMobile' });
    expect(checkPhone('0086 13812345678')).toEqual({ value: '+8613812345678', kind: 'cnMobile' });
    expect(isMainlandMobile('+86 15012345678')).toBe(true);
  });

  it('accepts mainland landlines with their area code', () => {
    expect(checkPhone('010-12345678')).toEqual({ value: '010-12345678', kind: 'cnLandline' });
    expect(checkPhone('021-87654321-8001')?.kind).toBe('cnLandline');
    expect(checkPhone('0755-8765432')?.kind).toBe('cnLandline');
    expect(checkPhone('+86 10 12345678')).toEqual({ value: '+861012345678', kind: 'cnLandline' });
  });

  it('accepts international numbers in E.164', () => {
    expect(checkPhone('+1 415 555 0123')).toEqual({ value: '+14155550123', kind: 'international' });
    expect(checkPhone('+44 20 7946 0958')?.kind).toBe('international');
    expect(checkPhone('+852 2123 4567')?.kind).toBe('international');
  });

  it('rejects what is none of them', () => {
    for (const raw of ['12812345678', '1381234567', '138123456789', '+86 123', '+8612812345678', '+0123456789',
      '+1234567890123456', 'abc', '', '110', '0123-456']) {
      expect(checkPhone(raw), raw).toBeNull();
    }
    expect(isMainlandMobile('+14155550123')).toBe(false);
  });
});
