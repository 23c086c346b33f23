import type { Database } from '../../db/database.js';
import { isUuid, withTenant } from '../../db/tenant.js';
import { escapeLike } from '../../records/filter.js';
import { decodeCursor, encodeCursor } from '../../records/cursor.js';
import type { AuthContext } from '../access.js';
import { AppError } from '../errors.js';

export interface AuditQuery {
  /** Exact event name, or a prefix ending in '*' ('auth.*'). */
  event?: string;
  actorId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface AuditRowOut {
  seq: number; id: string; at: string; actorId: string | null; event: string; ip: string | null; detail: Record<string, unknown>;
}

/** The workspace's audit log, newest first, keyset-paged on seq. Read only: nothing here can change it. */
export async function listAudit(db: Database, auth: AuthContext, q: AuditQuery): Promise<{ data: AuditRowOut[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const before = q.cursor ? decodeCursor(q.cursor, 1)[0] : null;
  if (before !== null && !Number.isSafeInteger(before)) throw new AppError(400, 'error.badCursor');
  if (q.actorId !== undefined && !isUuid(q.actorId)) return { data: [], nextCursor: null };
  return withTenant(db, auth.workspaceId, async (trx) => {
    let sel = trx.selectFrom('audit_log').selectAll().where('workspace_id', '=', auth.workspaceId);
    if (q.event?.endsWith('*')) sel = sel.where('event', 'like', `${escapeLike(q.event.slice(0, -1))}%`);
    else if (q.event) sel = sel.where('event', '=', q.event);
    if (q.actorId) sel = sel.where('actor_id', '=', q.actorId);
    if (q.from) sel = sel.where('at', '>=', new Date(q.from));
    if (q.to) sel = sel.where('at', '<', new Date(q.to));
    if (before !== null) sel = sel.where('seq', '<', before as number);
    const rows = await sel.orderBy('seq', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    return {
      data: page.map((r) => ({
        seq: Number(r.seq), id: r.id, at: new Date(r.at).toISOString(), actorId: r.actor_id, event: r.event, ip: r.ip, detail: r.detail ?? {},
      })),
      nextCursor: rows.length > limit ? encodeCursor([Number(page[page.length - 1].seq)]) : null,
    };
  });
}
