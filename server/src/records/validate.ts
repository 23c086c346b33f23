import { sql } from 'kysely';
import { FIELD_TYPE_SPECS, FieldError } from '../metadata/field-types.js';
import type { FieldDef, ObjectDef } from '../metadata/types.js';
import { fieldAccess } from '../platform/access.js';
import type { FieldIssue } from '../platform/errors.js';
import { tableOf } from './columns.js';
import type { RecordCtx } from './record-context.js';
import { visibilitySql } from './visibility.js';

export interface ParsedValues {
  /** column → value for standard fields */
  columns: Record<string, unknown>;
  /** apiName → value for custom fields */
  custom: Record<string, unknown>;
  /** apiName → parsed value, for history and hooks */
  byField: Record<string, unknown>;
}

/** Fields the pipeline or a dedicated action writes, never a plain create or update. */
const PIPELINE_FIELDS = new Set(['ownerId']);

/**
 * Checks a create or update body against metadata and field permissions, collecting every problem at once.
 * Returns the values split into real columns and custom jsonb keys.
 */
export async function parseBody(ctx: RecordCtx, obj: ObjectDef, body: unknown, mode: 'create' | 'update', prefix = '',
  // Batched writers (record-batch.service.ts) check the references of a whole batch in one query per field.
  opts: { references?: boolean } = {}): Promise<{ values: ParsedValues; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const values: ParsedValues = { columns: {}, custom: {}, byField: {} };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { values, issues: [{ field: prefix || '(body)', code: 'field.type.object' }] };
  }
  const fields = new Map(obj.fields.filter((f) => f.status === 'active').map((f) => [f.apiName, f]));
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    const f = fields.get(key);
    if (key === 'version' && mode === 'update') continue;
    if (!f) { issues.push({ field: key, code: 'field.unknown' }); continue; }
    if (PIPELINE_FIELDS.has(key)) { values.byField[key] = raw; continue; }
    if (f.system || f.readonly || FIELD_TYPE_SPECS[f.type].computed) { issues.push({ field: key, code: 'field.readonly' }); continue; }
    if (fieldAccess(ctx.auth.access, obj.apiName, key) !== 'editable') { issues.push({ field: key, code: 'field.forbidden' }); continue; }
    if (raw === null || raw === undefined || raw === '') {
      if (f.required) issues.push({ field: key, code: 'field.required' });
      else assign(values, f, null);
      continue;
    }
    const parsed = FIELD_TYPE_SPECS[f.type].parse(raw, f);
    if (parsed instanceof FieldError) { issues.push({ field: key, code: parsed.code, params: parsed.params }); continue; }
    if (f.required && typeof parsed === 'string' && parsed === '') { issues.push({ field: key, code: 'field.required' }); continue; }
    assign(values, f, parsed);
  }
  if (mode === 'create') {
    for (const f of fields.values()) {
      if (f.required && !f.system && !(f.apiName in values.byField) && !issues.some((i) => i.field === f.apiName)) {
        issues.push({ field: f.apiName, code: 'field.required' });
      }
    }
  }
  if (issues.length === 0 && opts.references !== false) issues.push(...await checkReferences(ctx, obj, values));
  return { values, issues };
}

function assign(values: ParsedValues, f: FieldDef, v: unknown): void {
  values.byField[f.apiName] = v;
  if (f.column) values.columns[f.column] = f.type === 'address' && v !== null ? JSON.stringify(v) : v;
  else values.custom[f.apiName] = v;
}

/** Users must be active members of the workspace; relations must point at records the writer can see. */
async function checkReferences(ctx: RecordCtx, obj: ObjectDef, values: ParsedValues): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const f of obj.fields) {
    const v = values.byField[f.apiName];
    if (v === null || v === undefined || f.apiName === 'ownerId') continue;
    if (f.type === 'user') {
      if (!ctx.org.users.get(v as string)?.active) issues.push({ field: f.apiName, code: 'field.notFound' });
    } else if (f.type === 'department') {
      const r = await ctx.trx.selectFrom('departments').select('id').where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', v as string).executeTakeFirst();
      if (!r) issues.push({ field: f.apiName, code: 'field.notFound' });
    } else if (f.type === 'relation') {
      const target = ctx.md.objects.get(f.options?.target);
      if (!target) { issues.push({ field: f.apiName, code: 'field.notFound' }); continue; }
      const where = target.isCustom ? sql`and t.object_id = ${target.id}::uuid` : sql``;
      const r = await sql`select 1 from ${sql.table(tableOf(target))} t where t.workspace_id = ${ctx.auth.workspaceId}::uuid
        and t.id = ${v}::uuid and t.deleted_at is null ${where} and ${visibilitySql(ctx, target, 'read')}`.execute(ctx.trx);
      if (r.rows.length === 0) issues.push({ field: f.apiName, code: 'field.notFound' });
    }
  }
  return issues;
}
