import { Decimal } from 'decimal.js';
import type { FieldDef, FieldType } from './types.js';

/** A value that failed validation: an i18n message key and its parameters. */
export class FieldError {
  constructor(readonly code: string, readonly params: Record<string, unknown> = {}) {}
}

export interface FieldTypeSpec {
  /** Turns an API value into the stored value, or returns a FieldError. null clears the field. */
  parse(value: unknown, field: FieldDef): unknown | FieldError;
  /** Operators the filter builder offers for this type. */
  ops: readonly string[];
  /** SQL type used when a custom field's jsonb value is compared or indexed. */
  cast: 'text' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'uuid' | 'jsonb';
  /** Masked for viewers who may not unmask, whatever the field's sensitive flag says. */
  maskedByDefault?: boolean;
  /** Written by the server only. */
  computed?: boolean;
}

const CMP = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'between', 'isNull'] as const;
const TEXT_OPS = ['eq', 'neq', 'in', 'contains', 'startsWith', 'isNull'] as const;
const DATE_OPS = [...CMP, 'relative'] as const;
const SEL = ['eq', 'neq', 'in', 'isNull'] as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const CN_MOBILE_RE = /^1[3-9]\d{9}$/;
const E164_RE = /^\+[1-9]\d{6,14}$/;
const CN_LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
// Unpaired surrogates and NUL cannot be stored in PostgreSQL text.
// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL text cannot hold
export const BAD_TEXT_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function text(max: number) {
  return (value: unknown, field: FieldDef): unknown | FieldError => {
    if (typeof value !== 'string') return new FieldError('field.type.text');
    const v = field.type === 'longText' || field.type === 'richText' ? value : value.trim();
    const limit = Number(field.options?.maxLength ?? max);
    if ([...v].length > limit) return new FieldError('field.tooLong', { max: limit });
    if (BAD_TEXT_RE.test(v)) return new FieldError('field.badCharacters');
    return v;
  };
}

function decimal(value: unknown, field: FieldDef, min?: number, max?: number): unknown | FieldError {
  if (typeof value !== 'number' && typeof value !== 'string') return new FieldError('field.type.number');
  if (typeof value === 'string' && !/^-?\d+(\.\d+)?$/.test(value.trim())) return new FieldError('field.type.number');
  if (typeof value === 'number' && !Number.isFinite(value)) return new FieldError('field.type.number');
  const d = new Decimal(value);
  const scale = Number(field.options?.scale ?? (field.type === 'currency' ? 2 : 6));
  if (d.decimalPlaces() > scale) return new FieldError('field.scale', { scale });
  if (d.abs().greaterThanOrEqualTo(new Decimal(10).pow(16))) return new FieldError('field.tooLarge');
  if (min !== undefined && d.lessThan(min)) return new FieldError('field.min', { min });
  if (max !== undefined && d.greaterThan(max)) return new FieldError('field.max', { max });
  if (field.options?.min !== undefined && d.lessThan(field.options.min)) return new FieldError('field.min', { min: field.options.min });
  if (field.options?.max !== undefined && d.greaterThan(field.options.max)) return new FieldError('field.max', { max: field.options.max });
  if (field.options?.precision !== undefined) {
    const intDigits = Math.max(0, Number(field.options.precision) - scale);
    if (d.abs().greaterThanOrEqualTo(new Decimal(10).pow(intDigits))) return new FieldError('field.precision', { digits: intDigits });
  }
  // Beyond 2^53 a JSON number would silently lose digits.
  return field.type === 'number' && scale === 0 && d.abs().lessThanOrEqualTo(Number.MAX_SAFE_INTEGER) ? d.toNumber() : d.toFixed();
}

/** Values that may be chosen now: disabled options stay on old records but cannot be picked again. */
function optionValues(field: FieldDef): Set<string> {
  return new Set<string>((field.options?.options ?? []).filter((o: { disabled?: boolean }) => !o.disabled).map((o: { value: string }) => o.value));
}

function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s()]/g, '').replace(/^00/, '+');
  const noDash = compact.replace(/-/g, '');
  if (CN_MOBILE_RE.test(noDash)) return noDash;
  if (/^\+861[3-9]\d{9}$/.test(noDash)) return noDash;
  if (E164_RE.test(noDash)) return noDash;
  if (CN_LANDLINE_RE.test(compact)) return compact;
  return null;
}

export const FIELD_TYPE_SPECS: Record<FieldType, FieldTypeSpec> = {
  text: { parse: text(255), ops: TEXT_OPS, cast: 'text' },
  longText: { parse: text(32_000), ops: ['contains', 'isNull'], cast: 'text' },
  richText: { parse: text(200_000), ops: ['contains', 'isNull'], cast: 'text' },
  number: { parse: (v, f) => decimal(v, f), ops: CMP, cast: 'numeric' },
  currency: { parse: (v, f) => decimal(v, f), ops: CMP, cast: 'numeric' },
  percent: { parse: (v, f) => decimal(v, f, 0, 100), ops: CMP, cast: 'numeric' },
  date: {
    parse: (v) => (typeof v === 'string' && isValidDate(v) ? v : new FieldError('field.type.date')),
    ops: DATE_OPS, cast: 'date',
  },
  datetime: {
    parse: (v) => {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
        return new FieldError('field.type.datetime');
      }
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? new FieldError('field.type.datetime') : d.toISOString();
    },
    ops: DATE_OPS, cast: 'timestamptz',
  },
  boolean: { parse: (v) => (typeof v === 'boolean' ? v : new FieldError('field.type.boolean')), ops: ['eq', 'neq', 'isNull'], cast: 'boolean' },
  select: {
    parse: (v, f) => {
      if (typeof v !== 'string') return new FieldError('field.type.select');
      return optionValues(f).has(v) || f.options?.free ? v : new FieldError('field.option', { value: v });
    },
    ops: SEL, cast: 'text',
  },
  multiSelect: {
    parse: (v, f) => {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return new FieldError('field.type.multiSelect');
      const allowed = optionValues(f);
      const bad = (v as string[]).find((x) => !f.options?.free && !allowed.has(x));
      if (bad !== undefined) return new FieldError('field.option', { value: bad });
      if (v.length > 100) return new FieldError('field.tooMany', { max: 100 });
      const tooLong = (v as string[]).find((x) => x.length > 100 || BAD_TEXT_RE.test(x));
      if (tooLong !== undefined) return new FieldError('field.tooLong', { max: 100 });
      return [...new Set(v as string[])];
    },
    ops: ['contains', 'in', 'isNull'], cast: 'jsonb',
  },
  phone: {
    parse: (v) => {
      if (typeof v !== 'string') return new FieldError('field.type.phone');
      return normalisePhone(v) ?? new FieldError('field.type.phone');
    },
    ops: TEXT_OPS, cast: 'text', maskedByDefault: true,
  },
  email: {
    parse: (v) => {
      if (typeof v !== 'string') return new FieldError('field.type.email');
      const s = v.trim();
      return s.length <= 254 && EMAIL_RE.test(s) ? s.toLowerCase() : new FieldError('field.type.email');
    },
    ops: TEXT_OPS, cast: 'text', maskedByDefault: true,
  },
  url: {
    parse: (v) => {
      if (typeof v !== 'string' || v.length > 2048) return new FieldError('field.type.url');
      try {
        const u = new URL(v.trim());
        return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : new FieldError('field.type.url');
      } catch { return new FieldError('field.type.url'); }
    },
    ops: TEXT_OPS, cast: 'text',
  },
  address: {
    parse: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return new FieldError('field.type.address');
      const out: Record<string, string> = {};
      for (const [k, val] of Object.entries(v)) {
        if (!['country', 'province', 'city', 'district', 'street', 'postalCode'].includes(k)) return new FieldError('field.type.address');
        if (val === null || val === undefined) continue;
        if (typeof val !== 'string' || val.length > 255 || BAD_TEXT_RE.test(val)) return new FieldError('field.type.address');
        out[k] = val.trim();
      }
      return out;
    },
    ops: ['contains', 'isNull'], cast: 'jsonb',
  },
  user: { parse: (v) => (typeof v === 'string' && UUID_RE.test(v) ? v.toLowerCase() : new FieldError('field.type.reference')), ops: ['eq', 'neq', 'in', 'isNull', 'me', 'myTeam'], cast: 'uuid' },
  department: { parse: (v) => (typeof v === 'string' && UUID_RE.test(v) ? v.toLowerCase() : new FieldError('field.type.reference')), ops: SEL, cast: 'uuid' },
  relation: { parse: (v) => (typeof v === 'string' && UUID_RE.test(v) ? v.toLowerCase() : new FieldError('field.type.reference')), ops: SEL, cast: 'uuid' },
  file: { parse: (v) => (typeof v === 'string' && UUID_RE.test(v) ? v.toLowerCase() : new FieldError('field.type.reference')), ops: ['isNull'], cast: 'uuid' },
  autoNumber: { parse: () => new FieldError('field.readonly'), ops: TEXT_OPS, cast: 'text', computed: true },
  formula: { parse: () => new FieldError('field.readonly'), ops: CMP, cast: 'numeric', computed: true },
};
