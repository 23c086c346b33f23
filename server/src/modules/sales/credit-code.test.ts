import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, normaliseCreditCode } from './credit-code.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** An independent check: C18 = 31 − (Σ value_i × 3^(i) mod 31) mod 31, weights computed, not copied. */
function expectedCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * (3 ** i % 31);
  return CHARSET[(31 - (sum % 31)) % 31];
}

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the example printed in the standard', () => {
    expect(normaliseCreditCode('91350100M000100Y43')).toBe('91350100M000100Y43');
  });

  it('computes the same check character as the formula for generated bodies', () => {
    const bodies = ['91110108MA01ABCDE', '92440300L12345678', '12100000400000000', '5131000050000123X'.slice(0, 17), '93330106MA2B0C0D1'];
    for (const body of bodies) {
      const check = creditCodeCheckChar(body);
      expect(check, body).toBe(expectedCheck(body));
      expect(normaliseCreditCode(body + check)).toBe(body + check);
    }
  });

  it('normalises case and spaces', () => {
    const body = '91310115mA1k3xyw0'.toUpperCase();
    const code = body + creditCodeCheckChar(body);
    expect(normaliseCreditCode(`  ${code.toLowerCase()} `)).toBe(code);
  });

  it('rejects a wrong check character, bad letters, bad lengths and non-digit division codes', () => {
    const body = '91440300MA5ABCDEF';
    const good = creditCodeCheckChar(body)!;
    const wrong = CHARSET[(CHARSET.indexOf(good) + 1) % 31];
    expect(normaliseCreditCode(body + wrong)).toBeNull();
    expect(normaliseCreditCode('91350100M000100Y4')).toBeNull();
    expect(normaliseCreditCode('91350100M000100Y433')).toBeNull();
    expect(normaliseCreditCode('91350100M0001O0Y43')).toBeNull(); // the letter O is not in the alphabet
    expect(normaliseCreditCode('9135A100M000100Y43')).toBeNull();
    expect(normaliseCreditCode('')).toBeNull();
    expect(creditCodeCheckChar('short')).toBeNull();
  });
});
