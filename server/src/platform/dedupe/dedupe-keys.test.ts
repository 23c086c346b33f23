import { describe, expect, it } from 'vitest';
import type { ObjectDef } from '../../metadata/types.js';
import { nationalPhone, phoneDigits } from '../search/tokens.js';
import { dedupeKeys, normaliseCompanyName, phoneKey } from './dedupe-keys.js';
import { similarity } from './duplicate-check.service.js';

const obj = (apiName: string) => ({ apiName }) as ObjectDef;

describe('duplicate keys', () => {
  it('compares mainland numbers with and without the country code', () => {
    expect(phoneKey('+86 138 1234 5678')).toBe('13812345678');
    expect(phoneKey('0086-138-1234-5678')).toBe('13812345678');
    expect(phoneKey('+862161234567')).toBe(phoneKey('021-61234567'));
    expect(phoneKey('+86 10 8888 6666')).toBe('01088886666');
    expect(phoneKey('+1 415 555 0100')).toBe('14155550100');
    expect(phoneKey('12345')).toBeNull();
    expect(nationalPhone('+86 (0)21 6123 4567')).toBe('02161234567');
    expect(phoneDigits('+862161234567')).toEqual(['862161234567', '02161234567']);
    expect(phoneDigits('021-61234567')).toEqual(['02161234567']);
  });

  it('strips the legal forms of companies in several countries', () => {
    expect(normaliseCompanyName('Acme GmbH & Co. KG')).toBe('acme');
    expect(normaliseCompanyName('Acme Sdn. Bhd.')).toBe('acme');
    expect(normaliseCompanyName('Acme Pvt. Ltd.')).toBe('acme');
    expect(normaliseCompanyName('腾讯科技（深圳）有限公司')).toBe('腾讯科技');
    expect(normaliseCompanyName('小米科技有限责任公司')).toBe('小米科技');
    expect(normaliseCompanyName('KG')).toBe('kg');
  });

  it('keys accounts by name and credit code, contacts by phone, e-mail and name within the account', () => {
    expect(dedupeKeys(obj('accounts'), { name: '上海星辰科技股份有限公司', credit_code: '91310000-ma1fl0001x' }).sort())
      .toEqual(['c:91310000MA1FL0001X', 'n:上海星辰科技']);
    expect(dedupeKeys(obj('contacts'), { name: 'Wei Zhang', account_id: 'a1', mobile: '+86 138 1234 5678', phone: '+86 21 6123 4567', email: ' ZW@Example.CN ' }).sort())
      .toEqual(['a:a1:wei zhang', 'e:zw@example.cn', 'p:02161234567', 'p:13812345678']);
    expect(dedupeKeys(obj('contacts'), { name: '张伟' })).toEqual([]);
    expect(dedupeKeys(obj('projects'), { name: 'x' })).toEqual([]);
  });

  it('scores name similarity by shared character pairs', () => {
    expect(similarity('星辰科技', '星辰科技')).toBe(1);
    expect(similarity('上海星辰科技', '星辰科技')).toBeGreaterThan(0.7);
    expect(similarity('星辰科技', '伟业贸易')).toBe(0);
  });
});
