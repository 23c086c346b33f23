import { sql, type RawBuilder } from 'kysely';
import { FIELD_TYPE_SPECS } from '../metadata/field-types.js';
import type { ObjectDef } from '../metadata/types.js';
import { AppError, forbidden, notFound } from '../platform/errors.js';
import { fieldAccess, type Action } from '../platform/access.js';
import { fieldByName, fieldSql, tableOf } from './columns.js';
import { afterCursor, decodeListCursor, encodeListCursor, type SortKey } from './cursor.js';
import { escapeLike, filterSql, filterText } from './filter.js';
import { presentRecord, type PresentOptions } from './present.js';
import { objectOf, type RecordCtx } from './record-context.js';
import { visibilitySql } from './visibility.js';

const NEVER_NULL = new Set(['id', 'createdAt', 'updatedAt']);

export interface ListParams {
  filter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  q?: string;
  /** List the recycle bin instead of live records. */
  deleted?: boolean;
  action?: Action;
}

type QuerySearch = (ctx: RecordCtx, obj: ObjectDef, q: string) => RawBuilder<boolean>;
let querySearch: QuerySearch = (_ctx, _obj, q) => sql<boolean>`t.name ilike ${'%' + escapeLike(q) + '%'}`;

/** The search module replaces the plain name match of `q` with its index. */
export function setQuerySearch(fn: QuerySearch): void {
  querySearch = fn;
}

/**
 * The rows of an object a user may reach for an action, as a WHERE clause on alias t. Every action stays
 * inside the read scope: a role that may export or delete "all" but read only "own" reaches its own rows.
 */
export function baseWhere(ctx: RecordCtx, obj: ObjectDef, action: Action, deleted = false): RawBuilder<boolean> {
  const parts = [
    sql<boolean>`t.workspace_id = ${ctx.auth.workspaceId}::uuid`,
    deleted ? sql<boolean>`t.deleted_at is not null` : sql<boolean>`t.deleted_at is null`,
    visibilitySql(ctx, obj, 'read'),
  ];
  if (action !== 'read') parts.push(visibilitySql(ctx, obj, action));
  if (obj.isCustom) parts.push(sql<boolean>`t.object_id = ${obj.id}::uuid`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

function sortKeys(ctx: RecordCtx, obj: ObjectDef, sort: string | undefined): SortKey[] {
  const keys: SortKey[] = [];
  for (const raw of (sort || '-createdAt').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 4)) {
    const desc = raw.startsWith('-');
    const name = desc ? raw.slice(1) : raw;
    const field = fieldByName(obj, name);
    const cast = field ? FIELD_TYPE_SPECS[field.type].cast : 'text';
    const hidden = field && fieldAccess(ctx.auth.access, obj.apiName, field.apiName) === 'hidden';
    if (!field || hidden || cast === 'jsonb' || name === 'id') throw new AppError(400, 'error.badSort', { field: name });
    keys.push({ expr: fieldSql(field), key: name, desc, cast, notNull: NEVER_NULL.has(name) });
  }
  keys.push({ expr: sql.ref('t.id'), key: 'id', desc: keys[0]?.desc ?? true, cast: 'uuid', notNull: true });
  return keys;
}

export async function listRecords(ctx: RecordCtx, object: string, p: ListParams, present: PresentOptions = {}) {
  const obj = objectOf(ctx, object);
  const limit = Math.min(Math.max(p.limit ?? 50, 1), 1000);
  const keys = sortKeys(ctx, obj, p.sort);
  const where: RawBuilder<boolean>[] = [baseWhere(ctx, obj, p.action ?? 'read', p.deleted)];
  if (p.filter !== undefined && p.filter !== null) where.push(filterSql(ctx, obj, p.filter));
  if (p.q && p.q.trim()) where.push(querySearch(ctx, obj, filterText('q', p.q.trim())));
  if (p.cursor) where.push(afterCursor(keys, decodeListCursor(p.cursor, keys)));
  // These are never NULL: sorted without "nulls last" they match the list indexes ("created_at desc, id desc"
  // keeps NULLS FIRST), so a page newest first reads an index in order instead of sorting the whole table.
  const order = sql.join(keys.map((k) => sql`${k.expr} ${sql.raw(k.desc ? 'desc' : 'asc')}${sql.raw(NEVER_NULL.has(k.key) ? '' : ' nulls last')}`));
  const sortCols = sql.join(keys.map((k, i) => sql`(${k.expr})::text as ${sql.ref(`__k${i}`)}`));
  const rows = await sql<Record<string, any>>`select t.*, ${sortCols} from ${sql.table(tableOf(obj))} t
    where ${sql.join(where, sql` and `)} order by ${order} limit ${limit + 1}`.execute(ctx.trx);
  const page = rows.rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.rows.length > limit && last ? encodeListCursor(keys, keys.map((_, i) => last[`__k${i}`] ?? null)) : null;
  return { data: page.map((r) => presentRecord(ctx, obj, r, { ...present, fields: p.fields })), nextCursor };
}

/**
 * One row the user may reach for an action: 404 when it is outside their read scope (never telling whether
 * it exists for someone else), 403 when they may read it but not act on it.
 */
export async function loadRow(ctx: RecordCtx, obj: ObjectDef, id: string, action: Action, opts: { deleted?: boolean; forUpdate?: boolean } = {}) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound();
  const lock = opts.forUpdate ? sql` for update of t` : sql``;
  const allowed = action === 'read' ? sql<boolean>`true` : visibilitySql(ctx, obj, action);
  const res = await sql<Record<string, any>>`select t.*, ${allowed} as __allowed from ${sql.table(tableOf(obj))} t
    where ${baseWhere(ctx, obj, 'read', opts.deleted)} and t.id = ${id}::uuid${lock}`.execute(ctx.trx);
  if (!res.rows[0]) throw notFound();
  const { __allowed, ...row } = res.rows[0];
  if (!__allowed) throw forbidden();
  return row;
}

export async function getRecord(ctx: RecordCtx, object: string, id: string, present: PresentOptions = {}) {
  const obj = objectOf(ctx, object);
  return presentRecord(ctx, obj, await loadRow(ctx, obj, id, 'read'), present);
}

/** Records of another object that point at this one through a relation field, through the same list path. */
export async function listRelated(ctx: RecordCtx, object: string, id: string, related: string, p: ListParams) {
  const obj = objectOf(ctx, object);
  await loadRow(ctx, obj, id, 'read');
  const rel = objectOf(ctx, related);
  const links = rel.fields.filter((f) => f.status === 'active' && f.type === 'relation' && f.options?.target === object);
  if (links.length === 0) throw new AppError(400, 'error.badField', { field: `${related}→${object}` });
  const via = { or: links.map((f) => ({ field: f.apiName, op: 'eq', value: id })) };
  return listRecords(ctx, related, { ...p, filter: p.filter ? { and: [via, p.filter] } : via });
}
