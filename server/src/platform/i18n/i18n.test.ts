import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLocale, t } from './i18n.js';

describe('server messages', () => {
  it('has the same keys in zh-CN and en-US, none empty', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    const en = Object.keys(MESSAGES['en-US']).sort();
    expect(zh).toEqual(en);
    for (const loc of ['zh-CN', 'en-US'] as const) {
      for (const [k, v] of Object.entries(MESSAGES[loc])) expect(v.trim(), `${loc} ${k}`).not.toBe('');
    }
  });
  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(MESSAGES['en-US'])) {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(MESSAGES['zh-CN'][key]), key).toEqual(ph(MESSAGES['en-US'][key]));
    }
  });
  it('picks the language from Accept-Language', () => {
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('en-GB,en;q=0.9')).toBe('en-US');
    expect(pickLocale('fr-FR, zh-TW;q=0.5')).toBe('zh-CN');
    expect(pickLocale('en;q=0.2, zh;q=0.8')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('en-US');
    expect(t('en-US', 'field.tooLong', { max: 5 })).toBe('At most 5 characters.');
  });
});
