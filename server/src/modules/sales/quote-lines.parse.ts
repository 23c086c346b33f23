import { FIELD_TYPE_SPECS, FieldError } from '../../metadata/field-types.js';
import type { FieldDef, FieldType } from '../../metadata/types.js';
import type { FieldIssue } from '../../platform/errors.js';

export const MAX_LINES = 200;

export interface LineBody {
  productId: string | null;
  name: string | null;
  description: string | null;
  unit: string | null;
  quantity: string;
  unitPrice: string | null;
  discountRate: string;
  taxRate: string;
}

const spec = (type: FieldType, options: Record<string, unknown>): FieldDef =>
  ({ apiName: 'x', column: null, type, label: {}, isCustom: false, status: 'active', position: 0, options });

const FIELDS: Record<string, FieldDef> = {
  productId: spec('relation', {}),
  name: spec('text', { maxLength: 255 }),
  description: spec('longText', { maxLength: 2000 }),
  unit: spec('text', { maxLength: 20 }),
  quantity: spec('number', { scale: 4, min: 0.0001, max: 999_999_999 }),
  unitPrice: spec('currency', { scale: 2, min: 0, max: 9_999_999_999 }),
  discountRate: spec('number', { scale: 4, min: 0, max: 100 }),
  taxRate: spec('number', { scale: 4, min: 0, max: 100 }),
};

/**
 * Checks the `lines` of PUT /quotes/{id}/lines with the field types' own parsers, reporting each problem
 * as lines[i].field. Amounts are never taken from the client.
 */
export function parseLines(raw: unknown): { lines: LineBody[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!Array.isArray(raw)) return { lines: [], issues: [{ field: 'lines', code: 'field.type.array' }] };
  if (raw.length > MAX_LINES) return { lines: [], issues: [{ field: 'lines', code: 'field.tooMany', params: { max: MAX_LINES } }] };
  const lines = raw.map((item, i) => {
    const at = (k: string) => `lines[${i}].${k}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({ field: `lines[${i}]`, code: 'field.type.object' });
      return null;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(item)) if (!(key in FIELDS)) issues.push({ field: at(key), code: 'field.unknown' });
    for (const [key, f] of Object.entries(FIELDS)) {
      const v = (item as Record<string, unknown>)[key];
      if (v === undefined || v === null || v === '') { out[key] = null; continue; }
      const parsed = FIELD_TYPE_SPECS[f.type].parse(v, f);
      if (parsed instanceof FieldError) issues.push({ field: at(key), code: parsed.code, params: parsed.params });
      else out[key] = typeof parsed === 'number' ? String(parsed) : parsed;
    }
    if (out.quantity === null) issues.push({ field: at('quantity'), code: 'field.required' });
    if (out.productId === null && out.name === null) issues.push({ field: at('name'), code: 'field.required' });
    return { ...out, discountRate: out.discountRate ?? '0', taxRate: out.taxRate ?? '0' } as unknown as LineBody;
  });
  return { lines: lines.filter((l): l is LineBody => l !== null), issues };
}
