import { fieldAccess, type Access } from '../platform/access.js';
import { FIELD_TYPE_SPECS } from './field-types.js';
import type { FieldDef, ObjectDef } from './types.js';

const ID_OPS = ['eq', 'neq', 'in'];

/** Operators the filter builder may offer for the field's type (filterable custom fields are also indexed). */
export function fieldOps(f: FieldDef): string[] {
  return f.apiName === 'id' ? ID_OPS : [...FIELD_TYPE_SPECS[f.type].ops];
}

export function describeField(obj: ObjectDef, f: FieldDef, access: Access) {
  const computed = !!FIELD_TYPE_SPECS[f.type].computed;
  return {
    apiName: f.apiName, type: f.type, label: f.label, required: !!f.required, unique: !!f.unique,
    filterable: !!f.column || !!f.filterable, sensitive: !!f.sensitive,
    readonly: !!f.readonly || !!f.system || computed || fieldAccess(access, obj.apiName, f.apiName) === 'readonly',
    system: !!f.system, options: f.options ?? {}, position: f.position, isCustom: f.isCustom, status: f.status, ops: fieldOps(f),
  };
}

export function describeObjectSummary(obj: ObjectDef) {
  return { apiName: obj.apiName, label: obj.label, pluralLabel: obj.pluralLabel, isCustom: obj.isCustom, status: obj.status };
}

/** An object as one user may see it: fields their roles hide are left out (the id always stays). */
export function describeObject(obj: ObjectDef, access: Access, includeRetired = false) {
  const fields = obj.fields
    .filter((f) => f.status === 'active' || includeRetired)
    .filter((f) => f.apiName === 'id' || fieldAccess(access, obj.apiName, f.apiName) !== 'hidden')
    .map((f) => describeField(obj, f, access));
  return { ...describeObjectSummary(obj), fields };
}
