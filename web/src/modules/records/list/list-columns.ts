import { orderedFields } from '../fields/field-order';
import type { FieldMeta, ObjectMeta } from '../records-api';

// Long and rich text make rows tall and unreadable in a grid; they belong on the record page.
const NOT_IN_LISTS = new Set(['longText', 'richText', 'file']);
const DEFAULT_EXTRA = 6;

/** Fields a person may put in a list, name first. */
export function listableFields(meta: ObjectMeta): FieldMeta[] {
  return orderedFields(meta).filter((f) => !NOT_IN_LISTS.has(f.type) && f.apiName !== 'version');
}

/** The name column first, then the first few fields a person would fill in themselves. */
export function defaultColumns(meta: ObjectMeta): string[] {
  const fields = listableFields(meta);
  const rest = fields.filter((f) => f.apiName !== 'name' && !f.system && !f.readonly).slice(0, DEFAULT_EXTRA);
  return ['name', ...rest.map((f) => f.apiName)];
}

/** Chosen columns that still exist (a saved view may name a field since retired), name always first. */
export function resolveColumns(meta: ObjectMeta, chosen: string[] | null): FieldMeta[] {
  const byName = new Map(listableFields(meta).map((f) => [f.apiName, f]));
  const names = chosen && chosen.length ? chosen : defaultColumns(meta);
  const fields = names.map((n) => byName.get(n)).filter((f): f is FieldMeta => !!f);
  const name = byName.get('name') ?? { apiName: 'name', type: 'text', label: meta.label };
  return [name, ...fields.filter((f) => f.apiName !== 'name')];
}

/** Suggested widths keep short values (dates, flags) from taking as much room as names. */
export function columnWidth(field: FieldMeta): number {
  if (field.apiName === 'name') return 240;
  switch (field.type) {
    case 'boolean':
    case 'percent':
      return 110;
    case 'date':
    case 'select':
    case 'user':
      return 140;
    case 'datetime':
    case 'phone':
    case 'number':
    case 'currency':
      return 170;
    case 'address':
    case 'multiSelect':
      return 240;
    default:
      return 190;
  }
}

/** Only scalar columns sort on the server; addresses and multi-selects do not. */
export function isSortable(field: FieldMeta): boolean {
  return !['address', 'multiSelect'].includes(field.type);
}
