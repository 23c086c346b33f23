export type Locale = 'zh-CN' | 'en-US';
export type Label = Partial<Record<Locale, string>>;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

/** One choice of a select or multi-select field; disabled ones stay on old records but cannot be chosen. */
export interface SelectOption {
  value: string;
  label: Label;
  disabled?: boolean;
}

export const FIELD_TYPES = [
  'text', 'longText', 'richText', 'number', 'currency', 'percent', 'date', 'datetime', 'boolean', 'select',
  'multiSelect', 'phone', 'email', 'url', 'address', 'user', 'department', 'relation', 'file', 'autoNumber', 'formula',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDef {
  id?: string;
  apiName: string;
  /** Real column for standard fields; null for custom fields, which live in the custom jsonb column. */
  column: string | null;
  type: FieldType;
  label: Label;
  required?: boolean;
  unique?: boolean;
  filterable?: boolean;
  sensitive?: boolean;
  readonly?: boolean;
  /** Filled by the pipeline, never written through the API. */
  system?: boolean;
  isCustom: boolean;
  status: 'active' | 'retired';
  position: number;
  /** Type-specific: options for selects, target for relations, precision/scale, maxLength, expression… */
  options?: Record<string, any>;
}

export interface ObjectDef {
  id: string;
  apiName: string;
  table: string;
  label: Label;
  pluralLabel: Label;
  isCustom: boolean;
  status: 'active' | 'retired';
  fields: FieldDef[];
}

/** What an administrator changed on a standard object or field, layered over the code-declared values. */
export interface Overrides {
  label?: Label;
  pluralLabel?: Label;
  /** The full option list of a standard select: admin order, labels and disabled flags, plus added options. */
  options?: SelectOption[];
}

export interface WorkspaceMetadata {
  version: number;
  objects: Map<string, ObjectDef>;
}
