import { sql, type RawBuilder } from 'kysely';
import type { FieldDef, ObjectDef } from '../metadata/types.js';
import { customValueSql } from '../metadata/custom-sql.js';

/** Common columns every record row has, in API names. */
export const SYSTEM_COLUMNS: Record<string, string> = {
  id: 'id', name: 'name', ownerId: 'owner_id', createdBy: 'created_by', createdAt: 'created_at',
  updatedAt: 'updated_at', version: 'version', deletedAt: 'deleted_at', deletedBy: 'deleted_by',
};

export function tableOf(obj: ObjectDef): string {
  return obj.isCustom ? 'custom_records' : obj.table;
}

export function fieldByName(obj: ObjectDef, apiName: string): FieldDef | undefined {
  return obj.fields.find((f) => f.apiName === apiName && f.status === 'active');
}

/** SQL for a field's value: its real column, or its typed value inside the custom jsonb column. */
export function fieldSql(field: FieldDef, alias = 't'): RawBuilder<unknown> {
  if (field.column) return sql.ref(`${alias}.${field.column}`);
  return customValueSql(field.apiName, field.type, alias);
}

function iso(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** A database row as the API shows it: camelCase names, custom fields beside standard ones. */
export function rowToRecord(obj: ObjectDef, row: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of obj.fields) {
    if (f.status !== 'active') continue;
    if (f.column) {
      if (f.column in row) out[f.apiName] = iso(row[f.column]) ?? null;
    } else if (row.custom && f.apiName in row.custom) {
      out[f.apiName] = row.custom[f.apiName];
    } else if (row.custom) {
      out[f.apiName] = null;
    }
  }
  if (row.deleted_at) out.deletedAt = iso(row.deleted_at);
  return out;
}
