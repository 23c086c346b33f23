import { sql } from 'kysely';
import { AppError, invalid, type FieldIssue } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { checkOptions } from './field-options.js';
import { syncFieldIndexes, UNIQUE_TYPES } from './field-index.service.js';
import { FIELD_TYPE_SPECS } from './field-types.js';
import { backfillFormula } from './formula-backfill.js';
import { formulaRefs, parseFormula } from './formula.js';
import { checkApiName, checkLabel } from './labels.js';
import { activeObject, finishChange, reloadObject, type AdminCtx } from './metadata-admin.service.js';
import { describeField } from './metadata-view.js';
import { RESERVED_FIELD_NAMES } from './reserved-names.js';
import { FIELD_TYPES, type FieldDef, type FieldType, type ObjectDef, type Overrides } from './types.js';

export interface FieldBody {
  apiName?: unknown; type?: unknown; label?: unknown; required?: boolean; unique?: boolean;
  filterable?: boolean; sensitive?: boolean; options?: unknown;
}

const CUSTOM_FIRST_POSITION = 1000;
const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Names already used on the object by a field (active or retired) or a table column. */
async function nameTaken(c: AdminCtx, obj: ObjectDef, apiName: string): Promise<boolean> {
  const lower = apiName.toLowerCase();
  if (obj.fields.some((f) => f.apiName.toLowerCase() === lower)) return true;
  const table = obj.isCustom ? 'custom_records' : obj.table;
  const cols = await sql<{ c: string }>`select column_name as c from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}`.execute(c.trx);
  return cols.rows.some((r) => camel(r.c).toLowerCase() === lower || r.c.toLowerCase() === lower);
}

/** Flags that do not fit the type: computed values are never required, uniqueness only where it means something. */
function checkFlags(type: FieldType, flags: { required?: boolean; unique?: boolean }, issues: FieldIssue[]): void {
  if (flags.required && FIELD_TYPE_SPECS[type].computed) issues.push({ field: 'required', code: 'metadata.computedRequired', params: { type } });
  if (flags.unique && !UNIQUE_TYPES.includes(type)) issues.push({ field: 'unique', code: 'metadata.uniqueType', params: { type } });
}

/** Relation fields are filterable (indexed) unless told otherwise: related lists query by them. */
const defaultFilterable = (type: FieldType) => type === 'relation';

function activeField(obj: ObjectDef, apiName: string): FieldDef {
  const f = obj.fields.find((x) => x.apiName === apiName && x.status === 'active');
  if (!f) throw new AppError(404, 'metadata.unknownField', { object: obj.apiName, field: apiName });
  return f;
}

export async function createField(c: AdminCtx, objectName: string, body: FieldBody) {
  const obj = activeObject(c.md, objectName);
  const issues: FieldIssue[] = [];
  const apiName = checkApiName(body.apiName, 'apiName', issues);
  if (apiName && RESERVED_FIELD_NAMES.some((n) => n.toLowerCase() === apiName.toLowerCase())) {
    issues.push({ field: 'apiName', code: 'metadata.apiName.reserved', params: { name: apiName } });
  }
  const type = FIELD_TYPES.includes(body.type as FieldType) ? (body.type as FieldType) : undefined;
  if (!type) issues.push({ field: 'type', code: 'metadata.type.unknown', params: { allowed: FIELD_TYPES.join(', ') } });
  const label = checkLabel(body.label, 'label', issues);
  if (type) checkFlags(type, body, issues);
  const options = type && apiName ? checkOptions(type, body.options, issues, { md: c.md, obj, apiName }) : {};
  if (issues.length) throw invalid(issues);
  if (await nameTaken(c, obj, apiName!)) {
    throw new AppError(409, 'metadata.fieldExists', { object: objectName, field: apiName }, [{ field: 'apiName', code: 'metadata.fieldExists', params: { object: objectName, field: apiName } }]);
  }
  const position = Math.max(CUSTOM_FIRST_POSITION - 1, ...obj.fields.map((f) => f.position)) + 1;
  const def: FieldDef = {
    id: newId(), apiName: apiName!, column: null, type: type!, label: label!, required: !!body.required, unique: !!body.unique,
    filterable: body.filterable ?? defaultFilterable(type!), sensitive: !!body.sensitive, readonly: false, system: false, isCustom: true,
    status: 'active', position, options,
  };
  // The index first: it takes the table lock before this transaction queues for any other lock.
  await syncFieldIndexes(c.trx, c.workspaceId, obj, { ...def, id: def.id! });
  await c.trx.insertInto('fields').values({
    workspace_id: c.workspaceId, id: def.id, object_id: obj.id, api_name: def.apiName, label: JSON.stringify(def.label),
    type: def.type, column_name: null, is_custom: true, required: def.required, is_unique: def.unique, filterable: def.filterable,
    sensitive: def.sensitive, readonly: false, options: JSON.stringify(options), position,
  }).execute();
  if (def.type === 'formula') await backfillFormula(c.trx, c.workspaceId, { ...obj, fields: [...obj.fields, def] }, def);
  await finishChange(c, 'metadata.fieldCreated', { object: objectName, field: def.apiName, type: def.type, unique: def.unique, filterable: def.filterable });
  return describeField(obj, def, c.auth.access);
}

/** Standard fields: labels, and the option list of selects (kept as overrides over the code's). */
async function updateStandardField(c: AdminCtx, obj: ObjectDef, f: FieldDef, body: FieldBody): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const key of ['required', 'unique', 'filterable', 'sensitive'] as const) {
    if (body[key] !== undefined && body[key] !== !!f[key] && !(key === 'filterable' && body[key])) issues.push({ field: key, code: 'metadata.standardFieldLocked', params: { property: key } });
  }
  const label = body.label === undefined ? undefined : checkLabel(body.label, 'label', issues, true);
  let options: unknown;
  if (body.options !== undefined) {
    if (f.type !== 'select' && f.type !== 'multiSelect') issues.push({ field: 'options', code: 'metadata.standardFieldLocked', params: { property: 'options' } });
    else options = checkOptions(f.type, body.options, issues, { md: c.md, obj, existing: f, apiName: f.apiName }).options;
  }
  if (issues.length) throw invalid(issues);
  const row = await c.trx.selectFrom('fields').select('overrides').where('workspace_id', '=', c.workspaceId).where('id', '=', f.id!).executeTakeFirstOrThrow();
  const ov: Overrides = row.overrides ?? {};
  const next: Overrides = { ...ov, ...(label ? { label: { ...ov.label, ...label } } : {}), ...(options ? { options: options as Overrides['options'] } : {}) };
  await c.trx.updateTable('fields').set({ overrides: JSON.stringify(next), updated_at: new Date() })
    .where('workspace_id', '=', c.workspaceId).where('id', '=', f.id!).execute();
}

async function updateCustomField(c: AdminCtx, obj: ObjectDef, f: FieldDef, body: FieldBody): Promise<FieldDef> {
  const issues: FieldIssue[] = [];
  const label = body.label === undefined ? undefined : checkLabel(body.label, 'label', issues, true);
  const next: FieldDef = {
    ...f, label: { ...f.label, ...label },
    required: body.required ?? f.required, unique: body.unique ?? f.unique, filterable: body.filterable ?? f.filterable,
    sensitive: body.sensitive ?? f.sensitive,
  };
  checkFlags(f.type, { required: body.required, unique: body.unique }, issues);
  if (body.options !== undefined) next.options = checkOptions(f.type, body.options, issues, { md: c.md, obj, existing: f, apiName: f.apiName });
  if (issues.length) throw invalid(issues);
  await syncFieldIndexes(c.trx, c.workspaceId, obj, { ...next, id: f.id! }, { ...f, id: f.id! });
  await c.trx.updateTable('fields').set({
    label: JSON.stringify(next.label), required: !!next.required, is_unique: !!next.unique, filterable: !!next.filterable,
    sensitive: !!next.sensitive, options: JSON.stringify(next.options ?? {}), updated_at: new Date(),
  }).where('workspace_id', '=', c.workspaceId).where('id', '=', f.id!).execute();
  if (f.type === 'formula' && body.options !== undefined) {
    await backfillFormula(c.trx, c.workspaceId, { ...obj, fields: obj.fields.map((x) => (x.id === f.id ? next : x)) }, next);
  }
  return next;
}

export async function updateField(c: AdminCtx, objectName: string, fieldName: string, body: FieldBody) {
  const obj = activeObject(c.md, objectName);
  const f = activeField(obj, fieldName);
  if (body.type !== undefined && body.type !== f.type) {
    throw new AppError(422, 'metadata.typeChange', { field: fieldName, from: f.type, to: String(body.type) }, [{ field: 'type', code: 'metadata.typeChange', params: { field: fieldName, from: f.type, to: String(body.type) } }]);
  }
  if (body.apiName !== undefined && body.apiName !== f.apiName) invalidRename();
  if (f.isCustom) await updateCustomField(c, obj, f, body);
  else await updateStandardField(c, obj, f, body);
  const changes = Object.keys(body).filter((k) => k !== 'apiName' && k !== 'type');
  await finishChange(c, 'metadata.fieldUpdated', { object: objectName, field: fieldName, changes });
  const fresh = await reloadObject(c, objectName);
  return describeField(fresh, fresh.fields.find((x) => x.id === f.id)!, c.auth.access);
}

function invalidRename(): never {
  throw invalid([{ field: 'apiName', code: 'metadata.apiNameChange' }]);
}

/** The field disappears from the API; its values stay in the custom column and its name stays taken. */
export async function retireField(c: AdminCtx, objectName: string, fieldName: string): Promise<void> {
  const obj = activeObject(c.md, objectName);
  const f = activeField(obj, fieldName);
  if (!f.isCustom) throw new AppError(422, 'metadata.standardFieldRetire', { field: fieldName });
  const users = obj.fields.filter((x) => x.status === 'active' && x.type === 'formula' && x.apiName !== fieldName)
    .filter((x) => { try { return formulaRefs(parseFormula(String(x.options?.expression ?? ''))).includes(fieldName); } catch { return false; } });
  if (users.length > 0) throw new AppError(409, 'metadata.fieldInUse', { field: fieldName, by: users.map((x) => x.apiName).join(', ') });
  await syncFieldIndexes(c.trx, c.workspaceId, obj, undefined, { ...f, id: f.id! });
  await c.trx.updateTable('fields').set({ status: 'retired', updated_at: new Date() })
    .where('workspace_id', '=', c.workspaceId).where('id', '=', f.id!).execute();
  await finishChange(c, 'metadata.fieldRetired', { object: objectName, field: fieldName });
}
