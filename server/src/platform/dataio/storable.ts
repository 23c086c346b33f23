import { BAD_TEXT_RE } from '../../metadata/field-types.js';
import { AppError } from '../errors.js';

/** Text PostgreSQL can store: no NUL, no unpaired surrogates (they would fail the write with a 500). */
export function storableText(s: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL text cannot hold
  return s.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Rejects request values that could not be stored, naming the field, before anything is written. */
export function assertStorable(value: unknown, field: string): void {
  const walk = (v: unknown): boolean => typeof v === 'string' ? !BAD_TEXT_RE.test(v)
    : Array.isArray(v) ? v.every(walk) : v && typeof v === 'object' ? Object.entries(v).every(([k, x]) => walk(k) && walk(x)) : true;
  if (!walk(value)) throw new AppError(422, 'error.validation', {}, [{ field, code: 'field.badCharacters' }]);
}
