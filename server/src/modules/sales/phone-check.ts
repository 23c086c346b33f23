/**
 * Phone numbers customers are reached on: mainland mobiles (11 digits, 13x–19x), mainland landlines with
 * an area code, and international numbers in E.164. The platform's phone type already normalises; this
 * adds what it lets through: a +86 number must still be a mainland mobile or landline.
 */
const CN_MOBILE = /^1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
// Area codes: 010 and 02x are three digits, the rest (03xx–09xx) four; local numbers 7 or 8 digits.
const CN_LANDLINE = /^(0(10|2\d)-?\d{8}|0[3-9]\d{2}-?\d{7,8})(-\d{1,6})?$/;

export type PhoneKind = 'cnMobile' | 'cnLandline' | 'international';

export function isMainlandMobile(raw: string): boolean {
  return CN_MOBILE.test(raw.replace(/[\s-]/g, '').replace(/^(\+|00)86/, ''));
}

/** The normalised number and its kind, or null when it is none of the accepted forms. */
export function checkPhone(raw: string): { value: string; kind: PhoneKind } | null {
  const compact = raw.trim().replace(/[\s()]/g, '').replace(/^00/, '+');
  const digits = compact.replace(/-/g, '');
  if (CN_MOBILE.test(digits)) return { value: digits, kind: 'cnMobile' };
  if (CN_LANDLINE.test(compact)) return { value: compact, kind: 'cnLandline' };
  if (digits.startsWith('+86')) {
    const national = digits.slice(3);
    if (CN_MOBILE.test(national)) return { value: digits, kind: 'cnMobile' };
    return /^(10|2\d)\d{8}$|^[3-9]\d{2}\d{7,8}$/.test(national) ? { value: digits, kind: 'cnLandline' } : null;
  }
  return E164.test(digits) ? { value: digits, kind: 'international' } : null;
}
