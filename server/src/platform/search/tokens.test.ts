import { describe, expect, it } from 'vitest';
import { normaliseCompanyName, normalisePersonName, phoneKey } from '../dedupe/dedupe-keys.js';
import { cjkGrams, fold, phoneDigits, pinyinForms, queryTerms, textTokens } from './tokens.js';

describe('search tokens', () => {
  it('makes CJK unigrams and bigrams, words with and without accents, folded full-width text', () => {
    expect(cjkGrams('张伟明')).toEqual(['张', '伟', '明', '张伟', '伟明']);
    expect(textTokens('Crédito 张伟 ＡＣＭＥ')).toEqual(['crédito', 'credito', '张', '伟', '张伟', 'acme']);
    expect(fold('ＡＢＣ　１２３')).toBe('abc 123');
  });
  it('reads Chinese names in pinyin, surnames by their surname reading', () => {
    expect(pinyinForms('张伟', true)).toMatchObject({ full: 'zhangwei', initials: 'zw', syllables: ['zhang', 'wei'] });
    expect(pinyinForms('单雄信', true)?.full).toBe('shanxiongxin');
    expect(pinyinForms('上海星辰科技', false)?.tails).toContain('xingchenkeji');
    expect(pinyinForms('Acme', false)).toBeNull();
  });
  it('turns queries into terms: phone digits, CJK bigrams, word prefixes', () => {
    expect(queryTerms('138-1234 5678')).toEqual([{ text: '13812345678', prefix: true, digits: true }]);
    expect(queryTerms('张伟明').map((t) => t.text)).toEqual(['张伟', '伟明']);
    expect(queryTerms('伟')).toEqual([{ text: '伟', prefix: false, digits: false }]);
    expect(queryTerms("O'Neil & co").map((t) => t.text)).toEqual(['o', 'neil', 'co']);
    expect(queryTerms("':*|&!()")).toEqual([]);
    expect(phoneDigits('+86 138 1234 5678')).toEqual(['8613812345678', '13812345678']);
  });
  it('normalises company and person names for duplicate keys', () => {
    expect(normaliseCompanyName('上海星辰科技有限公司')).toBe('上海星辰科技');
    expect(normaliseCompanyName('星辰科技（上海）股份有限公司')).toBe('星辰科技');
    expect(normaliseCompanyName('Acme Co., Ltd.')).toBe('acme');
    expect(normaliseCompanyName('ACME Inc')).toBe('acme');
    expect(normaliseCompanyName('Zinc')).toBe('zinc');
    expect(normaliseCompanyName('有限公司')).toBe('有限公司');
    expect(normalisePersonName('Wei Zhang')).toBe(normalisePersonName('zhang  WEI'));
    expect(phoneKey('+86 138 1234 5678')).toBe('13812345678');
  });
});
