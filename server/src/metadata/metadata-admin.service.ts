import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { withTenant, type Trx } from '../db/tenant.js';
import type { AuthContext } from '../platform/access.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import { AppError, forbidden, invalid, type FieldIssue } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { syncFieldIndexes } from './field-index.service.js';
import { checkApiName, checkLabel } from './labels.js';
import { bumpConfigVersion, loadMetadata, upsertStandardFields } from './metadata.service.js';
import { describeObject } from './metadata-view.js';
import { isReservedObjectName } from './reserved-names.js';
import { COMMON_FIELDS } from './standard-objects.js';
import type { Label, ObjectDef, Overrides, WorkspaceMetadata } from './types.js';

/** One metadata change: the caller, its tenant transaction and the metadata as committed right now. */
export interface AdminCtx {
  trx: Trx;
  auth: AuthContext;
  md: WorkspaceMetadata;
  workspaceId: string;
}

/**
 * Runs a metadata change for an administrator. Changes of one workspace are serialised by an advisory lock,
 * and the metadata is read fresh after taking it (not from the cache), so checks such as "name not taken"
 * hold until commit.
 */
export async function runMetadataChange<T>(db: Database, auth: AuthContext | null, fn: (c: AdminCtx) => Promise<T>): Promise<T> {
  if (!auth) throw new AppError(401, 'error.unauthenticated');
  if (!auth.access.isAdmin) throw forbidden('metadata.adminOnly');
  return withTenant(db, auth.workspaceId, async (trx, version) => {
    await sql`select pg_advisory_xact_lock(hashtext(${'metadata:' + auth.workspaceId}))`.execute(trx);
    const md = await loadMetadata(trx, auth.workspaceId, version);
    return fn({ trx, auth, md, workspaceId: auth.workspaceId });
  });
}

/** Every change is audited and bumps the configuration version, so every node reloads on its next request. */
export async function finishChange(c: AdminCtx, event: string, detail: Record<string, unknown>): Promise<void> {
  await recordAudit(c.trx, { workspaceId: c.workspaceId, actorId: c.auth.userId, event, ip: c.auth.ip, detail });
  await bumpConfigVersion(c.trx, c.workspaceId);
}

export function activeObject(md: WorkspaceMetadata, apiName: string): ObjectDef {
  const obj = md.objects.get(apiName);
  if (!obj || obj.status !== 'active') throw new AppError(404, 'error.unknownObject', { object: apiName });
  return obj;
}

/** The object as it stands after this transaction's changes. */
export async function reloadObject(c: AdminCtx, apiName: string): Promise<ObjectDef> {
  const md = await loadMetadata(c.trx, c.workspaceId, c.md.version);
  return md.objects.get(apiName)!;
}

export interface NewObject { apiName: unknown; label: unknown; pluralLabel?: unknown }

export async function createObject(c: AdminCtx, body: NewObject) {
  const issues: FieldIssue[] = [];
  const apiName = checkApiName(body.apiName, 'apiName', issues);
  const label = checkLabel(body.label, 'label', issues);
  const pluralLabel = body.pluralLabel === undefined ? label : checkLabel(body.pluralLabel, 'pluralLabel', issues);
  if (apiName && isReservedObjectName(apiName)) issues.push({ field: 'apiName', code: 'metadata.apiName.reserved', params: { name: apiName } });
  if (issues.length) throw invalid(issues);
  const taken = [...c.md.objects.keys()].find((n) => n.toLowerCase() === apiName!.toLowerCase());
  if (taken) throw new AppError(409, 'metadata.objectExists', { name: taken }, [{ field: 'apiName', code: 'metadata.objectExists', params: { name: taken } }]);
  const id = newId();
  await c.trx.insertInto('objects').values({
    workspace_id: c.workspaceId, id, api_name: apiName, label: JSON.stringify(label), plural_label: JSON.stringify(pluralLabel),
    is_custom: true, table_name: 'custom_records',
  }).execute();
  await upsertStandardFields(c.trx, c.workspaceId, id, COMMON_FIELDS);
  await finishChange(c, 'metadata.objectCreated', { object: apiName, label });
  return describeObject(await reloadObject(c, apiName!), c.auth.access);
}

/** Labels only. A standard object's new labels are kept as overrides, so the code's own stay underneath. */
export async function updateObject(c: AdminCtx, apiName: string, body: { label?: unknown; pluralLabel?: unknown }) {
  const obj = activeObject(c.md, apiName);
  const issues: FieldIssue[] = [];
  const label = body.label === undefined ? undefined : checkLabel(body.label, 'label', issues, true);
  const pluralLabel = body.pluralLabel === undefined ? undefined : checkLabel(body.pluralLabel, 'pluralLabel', issues, true);
  if (issues.length) throw invalid(issues);
  const row = await c.trx.selectFrom('objects').select(['label', 'plural_label', 'overrides']).where('workspace_id', '=', c.workspaceId).where('id', '=', obj.id).executeTakeFirstOrThrow();
  const merge = (a: Label, b: Label | undefined) => JSON.stringify({ ...a, ...b });
  if (obj.isCustom) {
    await c.trx.updateTable('objects').set({ label: merge(row.label, label), plural_label: merge(row.plural_label, pluralLabel), updated_at: new Date() })
      .where('workspace_id', '=', c.workspaceId).where('id', '=', obj.id).execute();
  } else {
    const ov: Overrides = row.overrides ?? {};
    const next: Overrides = { ...ov, ...(label ? { label: { ...ov.label, ...label } } : {}), ...(pluralLabel ? { pluralLabel: { ...ov.pluralLabel, ...pluralLabel } } : {}) };
    await c.trx.updateTable('objects').set({ overrides: JSON.stringify(next), updated_at: new Date() })
      .where('workspace_id', '=', c.workspaceId).where('id', '=', obj.id).execute();
  }
  await finishChange(c, 'metadata.objectUpdated', { object: apiName, label, pluralLabel });
  return describeObject(await reloadObject(c, apiName), c.auth.access);
}

/**
 * Retires a custom object: the records API answers 404 for it from now on, its rows stay in custom_records
 * and its name stays taken. Refused while a relation field of another object still points at it.
 */
export async function retireObject(c: AdminCtx, apiName: string): Promise<void> {
  const obj = activeObject(c.md, apiName);
  if (!obj.isCustom) throw new AppError(422, 'metadata.standardObjectRetire', { object: apiName });
  const links = [...c.md.objects.values()].filter((o) => o.status === 'active' && o.apiName !== apiName)
    .flatMap((o) => o.fields.filter((f) => f.status === 'active' && f.type === 'relation' && f.options?.target === apiName).map((f) => `${o.apiName}.${f.apiName}`));
  if (links.length > 0) throw new AppError(409, 'metadata.objectInUse', { object: apiName, fields: links.join(', ') });
  for (const f of obj.fields) if (f.id && f.isCustom) await syncFieldIndexes(c.trx, c.workspaceId, obj, undefined, { ...f, id: f.id });
  await c.trx.updateTable('objects').set({ status: 'retired', updated_at: new Date() })
    .where('workspace_id', '=', c.workspaceId).where('id', '=', obj.id).execute();
  await finishChange(c, 'metadata.objectRetired', { object: apiName });
}
