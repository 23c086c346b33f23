import { Decimal } from 'decimal.js';
import type { FieldIssue } from '../platform/errors.js';
import { DATE_FORMAT_RE, RESETS, resetNeeds, type Reset } from './auto-number.js';
import { BAD_TEXT_RE } from './field-types.js';
import { FormulaError, formulaRefs, parseFormula } from './formula.js';
import { checkLabel } from './labels.js';
import type { FieldDef, FieldType, ObjectDef, SelectOption, WorkspaceMetadata } from './types.js';

/** What options validation needs to know about the field's surroundings. */
export interface OptionsContext {
  md: WorkspaceMetadata;
  obj: ObjectDef;
  /** The field as it is now (PATCH); undefined when it is being created. */
  existing?: FieldDef;
  apiName: string;
}

type Check = (raw: Record<string, unknown>, out: Record<string, unknown>, issues: FieldIssue[], c: OptionsContext) => void;

const MAX_CHOICES = 500;
// eslint-disable-next-line no-control-regex -- control characters are exactly what option values must not hold
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const NUMERIC_TYPES: FieldType[] = ['number', 'currency', 'percent'];

function int(raw: Record<string, unknown>, key: string, min: number, max: number, out: Record<string, unknown>, issues: FieldIssue[]): void {
  const v = raw[key];
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) issues.push({ field: `options.${key}`, code: 'metadata.options.integer', params: { min, max } });
  else out[key] = v;
}

function bound(raw: Record<string, unknown>, key: 'min' | 'max', out: Record<string, unknown>, issues: FieldIssue[], limit?: [number, number]): void {
  const v = raw[key];
  if (v === undefined || v === null) return;
  const ok = (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d{1,16}(\.\d{1,8})?$/.test(v));
  if (!ok || (limit && (new Decimal(v as string).lessThan(limit[0]) || new Decimal(v as string).greaterThan(limit[1])))) {
    issues.push({ field: `options.${key}`, code: 'metadata.options.number', params: { min: limit?.[0] ?? '-∞', max: limit?.[1] ?? '∞' } });
  } else out[key] = v;
}

function numeric(maxScale: number, defaultScale: number, limit?: [number, number]): Check {
  return (raw, out, issues) => {
    if (raw.precision !== undefined) int(raw, 'precision', 1, 18, out, issues);
    int(raw, 'scale', 0, maxScale, out, issues);
    bound(raw, 'min', out, issues, limit);
    bound(raw, 'max', out, issues, limit);
    if (out.min !== undefined && out.max !== undefined && new Decimal(out.min as string).greaterThan(out.max as string)) {
      issues.push({ field: 'options.min', code: 'metadata.options.minMax' });
    }
    const scale = (out.scale as number | undefined) ?? defaultScale;
    if (out.precision !== undefined && (out.precision as number) < scale) issues.push({ field: 'options.precision', code: 'metadata.options.precisionScale', params: { scale } });
    if (raw.currency !== undefined) {
      if (typeof raw.currency === 'string' && /^[A-Z]{3}$/.test(raw.currency)) out.currency = raw.currency;
      else issues.push({ field: 'options.currency', code: 'metadata.options.currency' });
    }
  };
}

function maxLength(limit: number): Check {
  return (raw, out, issues) => int(raw, 'maxLength', 1, limit, out, issues);
}

const choices: Check = (raw, out, issues, c) => {
  const list = raw.options;
  if (!Array.isArray(list) || list.length === 0) { issues.push({ field: 'options.options', code: 'metadata.options.choicesRequired' }); return; }
  if (list.length > MAX_CHOICES) { issues.push({ field: 'options.options', code: 'metadata.options.tooManyChoices', params: { max: MAX_CHOICES } }); return; }
  const seen = new Set<string>();
  const result: SelectOption[] = [];
  for (const [i, item] of list.entries()) {
    const path = `options.options.${i}`;
    const o = (item ?? {}) as Record<string, unknown>;
    const value = o.value;
    if (typeof value !== 'string' || value.trim() !== value || value === '' || [...value].length > 100 || BAD_TEXT_RE.test(value) || CONTROL_RE.test(value)) {
      issues.push({ field: `${path}.value`, code: 'metadata.options.choiceValue' });
      continue;
    }
    if (seen.has(value)) { issues.push({ field: `${path}.value`, code: 'metadata.options.duplicateValue', params: { value } }); continue; }
    seen.add(value);
    const extra = Object.keys(o).find((k) => !['value', 'label', 'disabled'].includes(k));
    if (extra) issues.push({ field: `${path}.${extra}`, code: 'field.unknown' });
    if (o.disabled !== undefined && typeof o.disabled !== 'boolean') issues.push({ field: `${path}.disabled`, code: 'field.type.boolean' });
    const label = checkLabel(o.label ?? { 'zh-CN': value, 'en-US': value }, `${path}.label`, issues);
    if (label) result.push({ value, label, ...(o.disabled ? { disabled: true } : {}) });
  }
  // Records hold option values: an option can be renamed or disabled, never removed.
  for (const old of (c.existing?.options?.options ?? []) as SelectOption[]) {
    if (!seen.has(old.value)) issues.push({ field: 'options.options', code: 'metadata.options.choiceRemoved', params: { value: old.value } });
  }
  out.options = result;
};

const relation: Check = (raw, out, issues, c) => {
  const target = raw.target;
  const obj = typeof target === 'string' ? c.md.objects.get(target) : undefined;
  if (!obj || obj.status !== 'active') { issues.push({ field: 'options.target', code: 'metadata.options.target', params: { target: String(target ?? '') } }); return; }
  if (c.existing && c.existing.options?.target !== target) { issues.push({ field: 'options.target', code: 'metadata.options.targetChange' }); return; }
  out.target = target;
};

const autoNumber: Check = (raw, out, issues) => {
  const prefix = raw.prefix ?? '';
  if (typeof prefix !== 'string' || [...prefix].length > 20 || BAD_TEXT_RE.test(prefix) || CONTROL_RE.test(prefix)) {
    issues.push({ field: 'options.prefix', code: 'metadata.options.prefix', params: { max: 20 } });
  } else out.prefix = prefix;
  const dateFormat = raw.dateFormat ?? '';
  if (typeof dateFormat !== 'string' || dateFormat.length > 16 || !DATE_FORMAT_RE.test(dateFormat)) {
    issues.push({ field: 'options.dateFormat', code: 'metadata.options.dateFormat' });
  } else out.dateFormat = dateFormat;
  out.digits = 4;
  int(raw, 'digits', 1, 12, out, issues);
  const reset = raw.reset ?? 'never';
  if (!RESETS.includes(reset as Reset)) { issues.push({ field: 'options.reset', code: 'metadata.options.reset', params: { allowed: RESETS.join(', ') } }); return; }
  out.reset = reset;
  const missing = resetNeeds(reset as Reset).filter((part) => !String(out.dateFormat ?? '').includes(part));
  if (typeof out.dateFormat === 'string' && missing.length > 0) {
    issues.push({ field: 'options.dateFormat', code: 'metadata.options.resetNeedsDate', params: { reset: String(reset), parts: missing.join(', ') } });
  }
};

const formula: Check = (raw, out, issues, c) => {
  int(raw, 'scale', 0, 8, out, issues);
  if (raw.blankAsZero !== undefined) {
    if (typeof raw.blankAsZero === 'boolean') out.blankAsZero = raw.blankAsZero;
    else issues.push({ field: 'options.blankAsZero', code: 'field.type.boolean' });
  }
  const expression = raw.expression;
  try {
    if (typeof expression !== 'string') throw new FormulaError('metadata.formula.empty');
    const tree = parseFormula(expression);
    for (const name of formulaRefs(tree)) {
      const f = c.obj.fields.find((x) => x.apiName === name && x.status === 'active');
      if (!f || name === c.apiName) issues.push({ field: 'options.expression', code: 'metadata.formula.unknownField', params: { name } });
      else if (!NUMERIC_TYPES.includes(f.type)) issues.push({ field: 'options.expression', code: 'metadata.formula.fieldType', params: { name } });
    }
    out.expression = expression.trim();
  } catch (err) {
    if (!(err instanceof FormulaError)) throw err;
    issues.push({ field: 'options.expression', code: err.code, params: err.params });
  }
};

const none: Check = () => {};

const CHECKS: Record<FieldType, { keys: string[]; check: Check }> = {
  text: { keys: ['maxLength'], check: maxLength(255) },
  longText: { keys: ['maxLength'], check: maxLength(32_000) },
  richText: { keys: ['maxLength'], check: maxLength(200_000) },
  number: { keys: ['precision', 'scale', 'min', 'max'], check: numeric(8, 6) },
  currency: { keys: ['precision', 'scale', 'min', 'max', 'currency'], check: numeric(4, 2) },
  percent: { keys: ['scale', 'min', 'max'], check: numeric(4, 6, [0, 100]) },
  date: { keys: [], check: none },
  datetime: { keys: [], check: none },
  boolean: { keys: [], check: none },
  select: { keys: ['options'], check: choices },
  multiSelect: { keys: ['options'], check: choices },
  phone: { keys: [], check: none },
  email: { keys: [], check: none },
  url: { keys: [], check: none },
  address: { keys: [], check: none },
  user: { keys: [], check: none },
  department: { keys: [], check: none },
  relation: { keys: ['target'], check: relation },
  file: { keys: [], check: none },
  autoNumber: { keys: ['prefix', 'dateFormat', 'digits', 'reset'], check: autoNumber },
  formula: { keys: ['expression', 'scale', 'blankAsZero'], check: formula },
};

/**
 * The options of a custom field of this type, checked and normalised. A select's options may come as a
 * bare list. Unknown keys are rejected rather than stored, so typos do not pass silently.
 */
export function checkOptions(type: FieldType, raw: unknown, issues: FieldIssue[], c: OptionsContext): Record<string, unknown> {
  const input = Array.isArray(raw) ? { options: raw } : (raw ?? {});
  if (typeof input !== 'object') { issues.push({ field: 'options', code: 'field.type.object' }); return {}; }
  const spec = CHECKS[type];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!spec.keys.includes(key)) issues.push({ field: `options.${key}`, code: 'metadata.options.unknown', params: { key, type } });
  }
  spec.check(input as Record<string, unknown>, out, issues, c);
  return out;
}

/** The option keys a type accepts, for the settings UI. */
export function optionKeys(type: FieldType): string[] {
  return [...CHECKS[type].keys];
}
