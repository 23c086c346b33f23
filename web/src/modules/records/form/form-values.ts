import dayjs, { type Dayjs } from 'dayjs';
import type { FieldMeta, ObjectMeta, RecordRow } from '../records-api';
import { orderedFields } from '../fields/field-order';

/** Types the server computes; shown read-only on edit, left out on create. */
export const COMPUTED_TYPES = new Set(['autoNumber', 'formula']);
/** No upload service yet: shown, but cannot be changed. */
export const DISABLED_TYPES = new Set(['file']);
const WIDE_TYPES = new Set(['longText', 'richText', 'address', 'multiSelect']);

export function isWide(field: FieldMeta): boolean {
  return WIDE_TYPES.has(field.type);
}

/** Fields a person fills in, and computed ones to show beside them when editing. */
export function formFields(meta: ObjectMeta, mode: 'create' | 'edit'): FieldMeta[] {
  return orderedFields(meta).filter((f) => {
    if (f.system && f.apiName !== 'ownerId') return false;
    if (COMPUTED_TYPES.has(f.type)) return mode === 'edit';
    // Read-only fields filled by processes (last contacted, converted at…) only clutter a form.
    return !f.readonly || f.apiName === 'name';
  });
}

export function isEditable(field: FieldMeta): boolean {
  return !field.readonly && !field.system && !COMPUTED_TYPES.has(field.type) && !DISABLED_TYPES.has(field.type)
    || field.apiName === 'ownerId';
}

/** A stored value as the matching antd control expects it. */
export function toFormValue(field: FieldMeta, value: unknown): unknown {
  if (value === null || value === undefined) return field.type === 'boolean' ? false : undefined;
  switch (field.type) {
    case 'date':
    case 'datetime': {
      const d = dayjs(String(value));
      return d.isValid() ? d : undefined;
    }
    case 'number':
    case 'currency':
    case 'percent':
      return String(value);
    default:
      return value;
  }
}

/** A control's value as the API takes it; empty becomes null so clearing a field really clears it. */
export function toApiValue(field: FieldMeta, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  switch (field.type) {
    case 'date': return dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value;
    case 'datetime': return dayjs.isDayjs(value) ? (value as Dayjs).toISOString() : value;
    case 'multiSelect': return Array.isArray(value) && value.length === 0 ? null : value;
    case 'text':
    case 'phone':
    case 'email':
    case 'url': return typeof value === 'string' && value.trim() === '' ? null : value;
    default: return value;
  }
}

export function recordToForm(fields: FieldMeta[], record: RecordRow | Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.apiName, toFormValue(f, record[f.apiName])]));
}

/**
 * The body to send: on create every filled field; on edit only what changed, so a save never overwrites a
 * field someone else changed meanwhile with this screen's stale copy.
 */
export function formToApi(
  fields: FieldMeta[], values: Record<string, unknown>, before?: RecordRow | Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!isEditable(f) || !(f.apiName in values)) continue;
    const next = toApiValue(f, values[f.apiName]);
    if (before) {
      const prev = toApiValue(f, toFormValue(f, before[f.apiName]));
      if (JSON.stringify(prev ?? null) === JSON.stringify(next ?? null)) continue;
      // Booleans arrive as false from an untouched switch; only a real change is sent.
      if (f.type === 'boolean' && !prev && !next) continue;
    } else if (next === null || (f.type === 'boolean' && next === false)) {
      continue;
    }
    out[f.apiName] = next;
  }
  return out;
}
