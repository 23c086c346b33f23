import { sql } from 'kysely';
import type { ObjectDef } from '../../metadata/types.js';
import { fieldSql, tableOf } from '../../records/columns.js';
import { createMany } from '../../records/record-batch.service.js';
import type { RecordCtx } from '../../records/record-context.js';
import { visibilitySql } from '../../records/visibility.js';
import type { CompiledEntry, Prepared } from './transform.js';

/** Users and departments of the workspace, loaded once per import run. */
export interface Lookups {
  users: { id: string; email: string; name: string; active: boolean }[];
  departments: { id: string; name: string }[];
}

export async function loadLookups(ctx: RecordCtx): Promise<Lookups> {
  const users = await ctx.trx.selectFrom('users').select(['id', 'email', 'name', 'status']).where('workspace_id', '=', ctx.auth.workspaceId).execute();
  const departments = await ctx.trx.selectFrom('departments').select(['id', 'name']).where('workspace_id', '=', ctx.auth.workspaceId).execute();
  return { users: users.map((u) => ({ id: u.id, email: u.email, name: u.name, active: u.status === 'active' })), departments };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const low = (s: string) => s.trim().toLowerCase();

/** Found records by their lower-cased key (callers look cells up lower-cased too). */
function group(rows: { k: string; id: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const k = low(r.k);
    out.set(k, [...new Set([...(out.get(k) ?? []), r.id])]);
  }
  return out;
}

/** Records of the target the importer may read, by id, external id, name or another field (case-insensitive). */
async function findRecords(ctx: RecordCtx, target: ObjectDef, match: string, values: string[]): Promise<Map<string, string[]>> {
  const base = sql`t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null
    ${target.isCustom ? sql`and t.object_id = ${target.id}::uuid` : sql``} and ${visibilitySql(ctx, target, 'read')}`;
  const table = sql.table(tableOf(target));
  if (match === 'id') {
    const ids = values.filter((v) => UUID.test(v)).map(low);
    const r = await sql<{ k: string; id: string }>`select t.id::text as k, t.id from ${table} t where ${base} and t.id = any(${ids}::uuid[])`.execute(ctx.trx);
    return group(r.rows);
  }
  if (match === 'externalId') {
    const r = await sql<{ k: string; id: string }>`select e.external_id as k, t.id from external_ids e join ${table} t
      on t.workspace_id = e.workspace_id and t.id = e.record_id where e.workspace_id = ${ctx.auth.workspaceId}::uuid
      and e.object = ${target.apiName} and e.external_id = any(${values}::text[]) and ${base}`.execute(ctx.trx);
    return group(r.rows);
  }
  const f = target.fields.find((x) => x.apiName === match);
  const expr = f ? fieldSql(f) : sql.ref('t.name');
  // Exact first, which the name index serves; then the rest case-insensitively.
  const exact = await sql<{ k: string; id: string }>`select ${expr}::text as k, t.id from ${table} t where ${base} and ${expr} = any(${values}::text[])`.execute(ctx.trx);
  const found = group(exact.rows);
  const rest = [...new Set(values.map(low).filter((v) => !found.has(v)))];
  if (rest.length) {
    const r = await sql<{ k: string; id: string }>`select lower(${expr}::text) as k, t.id from ${table} t where ${base} and lower(${expr}::text) = any(${rest}::text[])`.execute(ctx.trx);
    for (const [k, ids] of group(r.rows)) found.set(k, ids);
  }
  return found;
}

function findPeople(lookups: Lookups, e: CompiledEntry, values: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const list: { id: string; name: string; email?: string }[] = e.f!.type === 'user' ? lookups.users.filter((u) => u.active) : lookups.departments;
  const by = e.match ?? (e.f!.type === 'user' ? 'email' : 'name');
  for (const v of values) {
    const ids = list.filter((x) => low(by === 'id' ? x.id : by === 'email' ? x.email ?? '' : x.name) === low(v)).map((x) => x.id);
    if (ids.length) out.set(low(v), ids);
  }
  return out;
}

/** Target records missing by name, created in the same transaction (onMissing: 'create'). */
async function createMissing(ctx: RecordCtx, target: ObjectDef, names: string[]): Promise<Map<string, string[]>> {
  const res = await createMany(ctx, target.apiName, names.map((name, index) => ({ index, body: { name } })));
  return new Map(res.created.map((c) => [low(names[c.index]), [c.id]]));
}

/** A related record an import created because a row named it and it did not exist (undone with the import). */
export interface CreatedRef { object: string; id: string }

/**
 * Puts the ids of related records, users and departments into the rows' bodies, one query per mapped
 * field and batch. A name matching no record fails the row, is left out with a warning, or creates it
 * (the records so created are added to `created`).
 */
export async function resolveRefs(ctx: RecordCtx, entries: CompiledEntry[], rows: Prepared[], lookups: Lookups, created: CreatedRef[] = []): Promise<void> {
  for (const e of entries) {
    const uses = rows.filter((r) => r.issues.every((i) => i.severity === 'warning')).flatMap((r) => r.refs.filter((x) => x.entry.field === e.field).map((x) => ({ r, x })));
    if (uses.length === 0) continue;
    const values = [...new Set(uses.flatMap((u) => u.x.candidates))];
    const target = e.f!.type === 'relation' ? ctx.md.objects.get(e.f!.options?.target) : undefined;
    let found = target ? await findRecords(ctx, target, e.match ?? 'name', values) : findPeople(lookups, e, values);
    const missing = [...new Set(uses.filter((u) => !u.x.candidates.some((c) => found.has(low(c)))).map((u) => u.x.candidates[0]))];
    if (e.onMissing === 'create' && target && missing.length) {
      const made = await createMissing(ctx, target, missing);
      for (const [id] of made.values()) created.push({ object: target.apiName, id });
      found = new Map([...found, ...made]);
    }
    for (const { r, x } of uses) {
      const ids = x.candidates.map((c) => found.get(low(c))).find((v) => v && v.length);
      const issue = { row: r.row, column: e.label, field: e.f!.apiName, value: x.candidates.join(', ') };
      if (ids?.length === 1) r.body[e.f!.apiName] = ids[0];
      else if (ids && ids.length > 1) r.issues.push({ ...issue, code: 'import.ambiguousReference', params: { count: ids.length }, severity: e.onMissing === 'ignore' ? 'warning' : 'error' });
      else r.issues.push({ ...issue, code: e.onMissing === 'ignore' ? 'import.referenceNotFound' : 'field.notFound', severity: e.onMissing === 'ignore' ? 'warning' : 'error' });
    }
  }
}
