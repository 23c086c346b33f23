import { sql } from 'kysely';
import type { Trx } from '../db/tenant.js';
import { newId } from '../platform/ids.js';
import { forgetSessions } from '../platform/auth/session-cache.js';
import { COMMON_FIELDS, standardObjects } from './standard-objects.js';
import type { FieldDef, ObjectDef, Overrides, SelectOption, WorkspaceMetadata } from './types.js';
import './computed-fields.hook.js';

const cache = new Map<string, WorkspaceMetadata>();

type F = (typeof COMMON_FIELDS)[number];

/** Writes the fields of one object (standard fields of standard objects, or the common ones of a custom object). */
export async function upsertStandardFields(trx: Trx, workspaceId: string, objectId: string, fields: readonly F[]): Promise<void> {
  for (const [i, f] of fields.entries()) {
    const options = { ...(f.options ?? {}), ...(f.system ? { system: true } : {}) };
    await trx.insertInto('fields')
      .values({
        workspace_id: workspaceId, id: newId(), object_id: objectId, api_name: f.apiName, label: JSON.stringify(f.label),
        type: f.type, column_name: f.column, is_custom: false, required: !!f.required, readonly: !!f.readonly,
        sensitive: !!f.sensitive, options: JSON.stringify(options), position: i,
      })
      // A custom field that took this name first keeps it: the code-declared field is not added over it.
      .onConflict((oc) => oc.columns(['workspace_id', 'object_id', 'api_name']).doUpdateSet({
        label: JSON.stringify(f.label), type: f.type, column_name: f.column, required: !!f.required,
        readonly: !!f.readonly, options: JSON.stringify(options), position: i,
      }).where('fields.is_custom', '=', false))
      .execute();
  }
}

/** Writes the code-declared standard objects and fields into this workspace's metadata tables. */
export async function syncStandardObjects(trx: Trx, workspaceId: string): Promise<void> {
  for (const obj of standardObjects()) {
    const row = await trx.insertInto('objects')
      .values({
        workspace_id: workspaceId, id: newId(), api_name: obj.apiName, label: JSON.stringify(obj.label),
        plural_label: JSON.stringify(obj.pluralLabel), is_custom: false, table_name: obj.table,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'api_name']).doUpdateSet({
        label: JSON.stringify(obj.label), plural_label: JSON.stringify(obj.pluralLabel), table_name: obj.table,
      }).where('objects.is_custom', '=', false))
      .returning('id').executeTakeFirst();
    // No row: a custom object of this workspace already has the name; it stays, the standard one is skipped.
    if (!row) continue;
    await upsertStandardFields(trx, workspaceId, row.id, [...COMMON_FIELDS, ...obj.fields]);
  }
  await bumpConfigVersion(trx, workspaceId);
}

/** Any change to metadata, roles or the org tree: every node reloads its cached copy on its next request. */
export async function bumpConfigVersion(trx: Trx, workspaceId: string): Promise<void> {
  forgetSessions(workspaceId);
  await trx.updateTable('workspaces').set({ metadata_version: sql`metadata_version + 1` }).where('id', '=', workspaceId).execute();
}

export async function getMetadata(trx: Trx, workspaceId: string, version: number): Promise<WorkspaceMetadata> {
  const hit = cache.get(workspaceId);
  if (hit && hit.version === version) return hit;
  const md = await loadMetadata(trx, workspaceId, version);
  cache.set(workspaceId, md);
  return md;
}

/** The admin's option list first (order, labels, disabled), then options the code added since. */
function mergeOptions(code: SelectOption[] | undefined, admin: SelectOption[] | undefined): SelectOption[] | undefined {
  if (!admin) return code;
  const seen = new Set(admin.map((o) => o.value));
  return [...admin, ...(code ?? []).filter((o) => !seen.has(o.value))];
}

/** Reads metadata fresh, without the cache: for changes made inside the current transaction. */
export async function loadMetadata(trx: Trx, workspaceId: string, version: number): Promise<WorkspaceMetadata> {
  const objects = await trx.selectFrom('objects').selectAll().where('workspace_id', '=', workspaceId).execute();
  const fields = await trx.selectFrom('fields').selectAll().where('workspace_id', '=', workspaceId)
    .orderBy('position').orderBy('created_at').execute();
  const map = new Map<string, ObjectDef>();
  const byId = new Map<string, ObjectDef>();
  for (const o of objects) {
    const ov: Overrides = o.overrides ?? {};
    const def: ObjectDef = {
      id: o.id, apiName: o.api_name, table: o.table_name, label: { ...o.label, ...ov.label },
      pluralLabel: { ...o.plural_label, ...ov.pluralLabel }, isCustom: o.is_custom, status: o.status, fields: [],
    };
    map.set(def.apiName, def);
    byId.set(def.id, def);
  }
  for (const f of fields) {
    const obj = byId.get(f.object_id);
    if (!obj) continue;
    const ov: Overrides = f.overrides ?? {};
    const { system, ...options } = f.options ?? {};
    if (ov.options) options.options = mergeOptions(options.options, ov.options);
    obj.fields.push({
      id: f.id, apiName: f.api_name, column: f.column_name, type: f.type, label: { ...f.label, ...ov.label }, required: f.required,
      unique: f.is_unique, filterable: f.filterable, sensitive: f.sensitive, readonly: f.readonly || !!system,
      system: !!system, isCustom: f.is_custom, status: f.status, position: f.position, options,
    } satisfies FieldDef);
  }
  return { version, objects: map };
}

export function activeFields(obj: ObjectDef): FieldDef[] {
  return obj.fields.filter((f) => f.status === 'active');
}
