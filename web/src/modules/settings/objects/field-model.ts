import type { FieldDef, FieldTypeInfo, Label, SelectChoice } from '../shared/settings-api';

/** Field types in the order the "add field" picker shows them, grouped by what people think of first. */
export const TYPE_GROUPS = [
  { key: 'text', types: ['text', 'longText', 'richText', 'email', 'phone', 'url'] },
  { key: 'number', types: ['number', 'currency', 'percent', 'formula', 'autoNumber'] },
  { key: 'choice', types: ['select', 'multiSelect', 'boolean'] },
  { key: 'time', types: ['date', 'datetime'] },
  { key: 'link', types: ['relation', 'user', 'department', 'address', 'file'] },
] as const;

export type FieldTypeName = (typeof TYPE_GROUPS)[number]['types'][number];

export const NUMERIC_TYPES = ['number', 'currency', 'percent'];

export interface FieldFormValues {
  apiName?: string;
  type?: string;
  label?: Label;
  required?: boolean;
  unique?: boolean;
  filterable?: boolean;
  sensitive?: boolean;
  options?: Record<string, unknown> & { options?: Array<Partial<SelectChoice>> };
}

/** camelCase API name from an English label: "Contract value (CNY)" → contractValueCny. */
export function suggestApiName(label: string | undefined): string {
  const words = (label ?? '').normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '';
  const name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  const clean = /^[a-z]/.test(name) ? name : `f${name}`;
  return clean.slice(0, 40);
}

function cleanLabel(label: Label | undefined): Label {
  const out: Label = {};
  for (const [k, v] of Object.entries(label ?? {})) if (typeof v === 'string' && v.trim()) out[k as keyof Label] = v.trim();
  return out;
}

/** Values nobody filled in are left out, so the server applies its defaults instead of refusing blanks. */
function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function choices(list: Array<Partial<SelectChoice>> | undefined): SelectChoice[] {
  const used = new Set<string>();
  return (list ?? []).map((o, i) => {
    const label = cleanLabel(o.label);
    // People name the choice; its stored value is derived unless they typed one.
    let value = (o.value ?? '').trim() || suggestApiName(label['en-US']) || `option${i + 1}`;
    while (used.has(value)) value = `${value}${i + 1}`;
    used.add(value);
    return { value, label: Object.keys(label).length ? label : { 'zh-CN': value, 'en-US': value }, ...(o.disabled ? { disabled: true } : {}) };
  });
}

function options(type: string, info: FieldTypeInfo | undefined, raw: FieldFormValues['options']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of info?.optionKeys ?? []) {
    const v = raw?.[key];
    if (key === 'options') out.options = choices(v as Array<Partial<SelectChoice>>);
    else if (present(v)) out[key] = v;
  }
  if (type === 'autoNumber') {
    out.prefix ??= '';
    out.dateFormat ??= '';
  }
  return out;
}

/** The POST body for a new field. */
export function createBody(v: FieldFormValues, info: FieldTypeInfo | undefined) {
  const type = v.type ?? '';
  return {
    apiName: v.apiName ?? '', type, label: cleanLabel(v.label),
    required: !!v.required, unique: !!v.unique, filterable: !!v.filterable, sensitive: !!v.sensitive,
    options: options(type, info, v.options),
  };
}

/** The PATCH body: standard fields take only labels and select options; custom ones their flags too. */
export function updateBody(field: FieldDef, v: FieldFormValues, info: FieldTypeInfo | undefined) {
  const label = { 'zh-CN': v.label?.['zh-CN']?.trim() ?? '', 'en-US': v.label?.['en-US']?.trim() ?? '' };
  const body: Record<string, unknown> = { label };
  const keys = info?.optionKeys ?? [];
  if (field.isCustom) {
    Object.assign(body, { required: !!v.required, unique: !!v.unique, filterable: !!v.filterable, sensitive: !!v.sensitive });
    if (keys.length) body.options = options(field.type, info, v.options);
  } else if (field.type === 'select' || field.type === 'multiSelect') {
    body.options = options(field.type, info, v.options);
  }
  return body;
}

/** Form values for editing an existing field. */
export function formValues(field: FieldDef): FieldFormValues {
  return {
    apiName: field.apiName, type: field.type, label: { ...field.label }, required: field.required, unique: field.unique,
    filterable: field.filterable, sensitive: field.sensitive, options: { ...field.options },
  };
}
