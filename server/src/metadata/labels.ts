import type { FieldIssue } from '../platform/errors.js';
import { BAD_TEXT_RE } from './field-types.js';
import { LOCALES, type Label } from './types.js';

export const MAX_LABEL = 100;
export const API_NAME_RE = /^[a-z][a-zA-Z0-9]{0,39}$/;

/**
 * A bilingual label: zh-CN and/or en-US, trimmed, at most MAX_LABEL characters each. Any text is fine
 * except what PostgreSQL cannot store (NUL, unpaired surrogates).
 * `partial` (PATCH) allows a label that only changes one language.
 */
export function checkLabel(raw: unknown, path: string, issues: FieldIssue[], partial = false): Label | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({ field: path, code: 'metadata.label.required' });
    return undefined;
  }
  const out: Label = {};
  let ok = true;
  for (const [key, value] of Object.entries(raw)) {
    if (!LOCALES.includes(key as never)) { issues.push({ field: `${path}.${key}`, code: 'field.unknown' }); ok = false; continue; }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') { issues.push({ field: `${path}.${key}`, code: 'field.type.text' }); ok = false; continue; }
    const v = value.trim();
    if ([...v].length > MAX_LABEL) { issues.push({ field: `${path}.${key}`, code: 'field.tooLong', params: { max: MAX_LABEL } }); ok = false; continue; }
    if (BAD_TEXT_RE.test(v)) { issues.push({ field: `${path}.${key}`, code: 'field.badCharacters' }); ok = false; continue; }
    if (v) out[key as keyof Label] = v;
  }
  if (!ok) return undefined;
  if (Object.keys(out).length === 0 && !partial) { issues.push({ field: path, code: 'metadata.label.required' }); return undefined; }
  return out;
}

/** camelCase, starting with a lower-case letter, at most 40 characters. */
export function checkApiName(raw: unknown, path: string, issues: FieldIssue[]): string | undefined {
  if (typeof raw !== 'string' || !API_NAME_RE.test(raw)) {
    issues.push({ field: path, code: 'metadata.apiName.format', params: { max: 40 } });
    return undefined;
  }
  return raw;
}
