import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../db/tenant.js';
import { isUuid } from '../db/tenant.js';
import { AppError } from '../platform/errors.js';
import { customIndexExpr, customValueSql } from './custom-sql.js';
import { FIELD_TYPE_SPECS } from './field-types.js';
import type { FieldDef, FieldType, ObjectDef } from './types.js';

/** Types whose typed value a btree index serves (jsonb values, long texts and files are not indexed). */
export const INDEXABLE_TYPES: FieldType[] = [
  'text', 'number', 'currency', 'percent', 'date', 'datetime', 'boolean', 'select', 'phone', 'email', 'url',
  'user', 'department', 'relation', 'autoNumber', 'formula',
];
/** Types a uniqueness rule makes sense for. */
export const UNIQUE_TYPES: FieldType[] = ['text', 'number', 'currency', 'percent', 'date', 'datetime', 'phone', 'email', 'url', 'autoNumber'];

type IndexedField = Pick<FieldDef, 'apiName' | 'type' | 'filterable' | 'unique' | 'status'> & { id: string };

/**
 * Deterministic and at most 63 characters: cfi_ (filter) or cfu_ (unique), 16 hex digits of a hash of the
 * field id (index names are global to the schema), then the field's API name so that a unique violation
 * can name the field (see uniqueFieldOfConstraint).
 */
export function indexName(kind: 'cfi' | 'cfu', field: { id: string; apiName: string }): string {
  if (!/^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(field.apiName)) throw new Error(`unsafe field name ${field.apiName}`);
  return `${kind}_${crypto.createHash('sha256').update(field.id).digest('hex').slice(0, 16)}_${field.apiName}`;
}

const UNIQUE_NAME_RE = /^cfu_[0-9a-f]{16}_([a-zA-Z][a-zA-Z0-9]{0,39})$/;

/** The custom field behind a unique-index violation, or null for any other constraint. */
export function uniqueFieldOfConstraint(constraint: unknown): string | null {
  return typeof constraint === 'string' ? UNIQUE_NAME_RE.exec(constraint)?.[1] ?? null : null;
}

function wanted(f: IndexedField | undefined): Set<'cfi' | 'cfu'> {
  const out = new Set<'cfi' | 'cfu'>();
  if (!f || f.status !== 'active') return out;
  if (f.unique && UNIQUE_TYPES.includes(f.type)) out.add('cfu');
  // A unique index serves filters too (its predicate matches every live-record query), except for numbers,
  // whose filter index holds float8 (custom-sql.ts).
  const numeric = FIELD_TYPE_SPECS[f.type].cast === 'numeric';
  if (f.filterable && INDEXABLE_TYPES.includes(f.type) && (!out.has('cfu') || numeric)) out.add('cfi');
  return out;
}

/**
 * The tenant role does not own the tables, so DDL runs as the session's own (owning) role for a moment,
 * inside the same transaction: the index and the metadata row that needs it commit or roll back together.
 * Only statements built here from validated names and UUIDs run in that window.
 */
async function asOwner(trx: Trx, statements: string[]): Promise<void> {
  if (statements.length === 0) return;
  await sql`select set_config('role', 'none', true)`.execute(trx);
  for (const s of statements) await sql.raw(s).execute(trx);
  await sql`select set_config('role', 'rapport_app', true)`.execute(trx);
}

function createSql(kind: 'cfi' | 'cfu', workspaceId: string, obj: ObjectDef, f: IndexedField): string {
  const table = obj.isCustom ? 'custom_records' : obj.table;
  if (!isUuid(workspaceId) || !isUuid(obj.id) || !/^[a-z][a-z0-9_]*$/.test(table)) throw new Error('unsafe index target');
  const expr = customIndexExpr(f.apiName, f.type, kind === 'cfu' ? 'unique' : 'filter');
  const keys = obj.isCustom ? `workspace_id, object_id, ${expr}` : `workspace_id, ${expr}`;
  const where = [`workspace_id = '${workspaceId}'::uuid`, ...(obj.isCustom ? [`object_id = '${obj.id}'::uuid`] : []), ...(kind === 'cfu' ? ['deleted_at is null'] : [])];
  return `create ${kind === 'cfu' ? 'unique ' : ''}index if not exists "${indexName(kind, f)}" on "${table}" (${keys}) where ${where.join(' and ')}`;
}

/** Up to three values that occur more than once among live records: a unique rule cannot be added over them. */
async function duplicates(trx: Trx, workspaceId: string, obj: ObjectDef, f: IndexedField): Promise<string[]> {
  const value = customValueSql(f.apiName, f.type);
  const table = obj.isCustom ? 'custom_records' : obj.table;
  const scope = obj.isCustom ? sql`and t.object_id = ${obj.id}::uuid` : sql``;
  const res = await sql<{ v: string }>`select v::text as v from (select ${value} as v from ${sql.table(table)} t
    where t.workspace_id = ${workspaceId}::uuid ${scope} and t.deleted_at is null) s
    where v is not null group by v having count(*) > 1 order by count(*) desc, v limit 3`.execute(trx);
  return res.rows.map((r) => r.v);
}

/**
 * Brings the field's expression indexes in line with its flags: creates the unique or filter index it
 * needs and drops the one it no longer needs. Existing duplicates stop a unique rule with a clear error.
 */
export async function syncFieldIndexes(trx: Trx, workspaceId: string, obj: ObjectDef, next: IndexedField | undefined, prev?: IndexedField): Promise<void> {
  const field = next ?? prev;
  if (!field) return;
  const want = wanted(next);
  const have = wanted(prev);
  const statements: string[] = [];
  for (const kind of have) if (!want.has(kind)) statements.push(`drop index if exists "${indexName(kind, field)}"`);
  for (const kind of want) if (!have.has(kind)) statements.push(createSql(kind, workspaceId, obj, field));
  if (want.has('cfu') && !have.has('cfu')) {
    const dup = await duplicates(trx, workspaceId, obj, field);
    if (dup.length > 0) throw duplicateError(field.apiName, dup);
  }
  try {
    await asOwner(trx, statements);
  } catch (err) {
    // A duplicate committed between the check and the index build.
    if ((err as { code?: string }).code === '23505') throw duplicateError(field.apiName, []);
    throw err;
  }
}

function duplicateError(field: string, values: string[]): AppError {
  const examples = values.map((v) => (v.length > 40 ? `${v.slice(0, 40)}…` : v)).join(', ');
  return new AppError(409, 'metadata.duplicateValues', { field, examples: examples || '?' }, [{ field: 'unique', code: 'metadata.duplicateValues', params: { field, examples: examples || '?' } }]);
}
