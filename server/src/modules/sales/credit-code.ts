/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set without I, O, Z, S, V —
 * registration authority, organisation type, 6-digit administrative division, 9-character organisation code,
 * and a check character computed from the first 17 with weights 3^i mod 31.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when they are not from the code's alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** The code upper-cased and trimmed when it is well formed and its check character matches, else null. */
export function normaliseCreditCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return null;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? code : null;
}
