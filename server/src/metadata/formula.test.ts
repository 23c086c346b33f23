import { describe, expect, it } from 'vitest';
import { evaluateFormula, FormulaError, formulaRefs, parseFormula } from './formula.js';

const run = (expr: string, vals: Record<string, unknown>, scale = 2, blankAsZero = false) =>
  evaluateFormula(parseFormula(expr), (n) => vals[n], { scale, blankAsZero });

const errorOf = (expr: string) => {
  try { parseFormula(expr); } catch (e) { return e instanceof FormulaError ? { code: e.code, params: e.params } : e; }
  return null;
};

describe('formula', () => {
  it('follows operator precedence, parentheses and unary minus', () => {
    expect(run('1 + 2 * 3', {})).toBe('7');
    expect(run('(1 + 2) * 3', {})).toBe('9');
    expect(run('-a + 10', { a: '4' })).toBe('6');
    expect(run('--a', { a: 3 })).toBe('3');
    expect(run('a - b - c', { a: 10, b: 3, c: 2 })).toBe('5');
    expect(run('a / b / c', { a: 100, b: 5, c: 2 })).toBe('10');
  });
  it('computes exactly with decimals and rounds half away from zero', () => {
    expect(run('a + b', { a: '0.1', b: '0.2' })).toBe('0.3');
    expect(run('price * qty * (1 - discount / 100)', { price: '19.99', qty: 3, discount: '12.5' })).toBe('52.47');
    expect(run('a / 3', { a: 1 }, 4)).toBe('0.3333');
    expect(run('a * 1', { a: '2.345' })).toBe('2.35');
    expect(run('a * 1', { a: '-2.345' })).toBe('-2.35');
    expect(run('a * 100000000000000', { a: '123456789.123456789' }, 0)).toBe('12345678912345678900000');
  });
  it('gives empty on empty inputs and division by zero, unless blanks count as zero', () => {
    expect(run('a + b', { a: 1 })).toBeNull();
    expect(run('a + b', { a: 1 }, 2, true)).toBe('1');
    expect(run('a / b', { a: 1, b: 0 })).toBeNull();
    expect(run('a / b', { a: 1, b: '0.00' })).toBeNull();
    expect(run('a * 0', { a: -5 })).toBe('0');
  });
  it('lists the fields it reads', () => {
    expect(formulaRefs(parseFormula('(amount - cost) / amount * 100 + amount'))).toEqual(['amount', 'cost']);
  });
  it('rejects anything that is not arithmetic', () => {
    expect(errorOf('')).toMatchObject({ code: 'metadata.formula.empty' });
    expect(errorOf('1 +')).toMatchObject({ code: 'metadata.formula.incomplete' });
    expect(errorOf('(1 + 2')).toMatchObject({ code: 'metadata.formula.incomplete' });
    expect(errorOf('1 + 2)')).toMatchObject({ code: 'metadata.formula.unexpected', params: { position: 6, token: ')' } });
    expect(errorOf('a b')).toMatchObject({ code: 'metadata.formula.unexpected', params: { token: 'b' } });
    expect(errorOf('process.exit(1)')).toMatchObject({ code: 'metadata.formula.unexpected', params: { token: '.' } });
    expect(errorOf('a ** 2')).toMatchObject({ code: 'metadata.formula.unexpected' });
    expect(errorOf('max(a)')).toMatchObject({ code: 'metadata.formula.unexpected', params: { position: 4, token: '(' } });
    expect(errorOf('a; drop table accounts')).toMatchObject({ code: 'metadata.formula.unexpected', params: { token: ';' } });
    expect(errorOf('金额 * 2')).toMatchObject({ code: 'metadata.formula.unexpected', params: { position: 1, token: '金' } });
    expect(errorOf('1'.repeat(1001))).toMatchObject({ code: 'metadata.formula.tooLong' });
    expect(errorOf('('.repeat(100) + '1' + ')'.repeat(100))).toMatchObject({ code: 'metadata.formula.tooDeep' });
    expect(errorOf('-'.repeat(100) + '1')).toMatchObject({ code: 'metadata.formula.tooDeep' });
  });
});
