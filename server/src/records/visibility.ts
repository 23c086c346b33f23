import { sql, type RawBuilder } from 'kysely';
import type { ObjectDef } from '../metadata/types.js';
import { scopeFor, type Action } from '../platform/access.js';
import { ownersInScope } from '../platform/org.service.js';
import type { RecordCtx } from './record-context.js';

type Extension = (ctx: RecordCtx, obj: ObjectDef, action: Action, alias: string) => RawBuilder<boolean> | null;
const extensions = new Map<string, Extension[]>();

/** Domain modules widen visibility for their objects here (e.g. pool members see pool customers). */
export function registerVisibilityExtension(object: string, ext: Extension): void {
  extensions.set(object, [...(extensions.get(object) ?? []), ext]);
}

/**
 * The one predicate that decides which rows a user may reach for an action. Every read path — list, get,
 * related lists, timeline, export, search — and every write path filters through it.
 */
export function visibilitySql(ctx: RecordCtx, obj: ObjectDef, action: Action, alias = 't'): RawBuilder<boolean> {
  const scope = scopeFor(ctx.auth.access, obj.apiName, action);
  if (scope === 'all') return sql<boolean>`true`;
  const owners = ownersInScope(ctx.org, ctx.auth.userId, scope);
  const parts: RawBuilder<boolean>[] = [];
  if (owners !== 'all' && owners.length > 0) {
    parts.push(sql<boolean>`${sql.ref(`${alias}.owner_id`)} = any(${owners}::uuid[])`);
  }
  const shareAccess = action === 'read' || action === 'export' ? ['read', 'edit'] : action === 'update' ? ['edit'] : [];
  if (shareAccess.length > 0) {
    // The records shared with the user, as an array computed once per query: unlike a correlated EXISTS
    // it is an index condition (primary key), so with the owner test it can be a BitmapOr of two indexes.
    parts.push(sql<boolean>`${sql.ref(`${alias}.id`)} = any(array(select s.record_id from record_shares s
      where s.workspace_id = ${ctx.auth.workspaceId}::uuid and s.object = ${obj.apiName} and s.user_id = ${ctx.auth.userId}::uuid
      and s.access = any(${shareAccess}::text[]) and (s.expires_at is null or s.expires_at > now())))`);
  }
  for (const ext of extensions.get(obj.apiName) ?? []) {
    const extra = ext(ctx, obj, action, alias);
    if (extra) parts.push(extra);
  }
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
