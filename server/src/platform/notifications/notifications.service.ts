import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { isUuid } from '../../db/tenant.js';
import { decodeCursor, encodeCursor } from '../../records/cursor.js';
import type { AuthContext } from '../access.js';
import { AppError, notFound } from '../errors.js';
import { addOutboxEvent } from '../events/outbox.js';
import { t } from '../i18n/i18n.js';
import { newId } from '../ids.js';

export const NOTIFICATIONS_TOPIC = 'notifications';

export interface NotificationInput {
  userId: string;
  /** Namespaced kind ('sales.followUpDue'); its text is the messages `notification.{kind}.title` and `.body`. */
  kind: string;
  object?: string | null;
  recordId?: string | null;
  /** Message parameters; keys ending in `At` hold instants, shown in the reader's time zone. */
  params?: Record<string, unknown>;
  /** One notification per user and key, ever: the producer puts the thing and its date in it. */
  dedupeKey: string;
}

export interface NotificationOut {
  id: string; kind: string; object: string | null; recordId: string | null; title: string; body: string;
  params: Record<string, unknown>; createdAt: string; readAt: string | null;
}

/**
 * Adds a notification unless the user already has one with the same key, in the caller's transaction,
 * with a `notifications.created` outbox event that live streams push to the recipient. Returns the new id,
 * or null when it existed already.
 */
export async function notify(trx: Trx, workspaceId: string, now: Date, n: NotificationInput): Promise<string | null> {
  const res = await sql<{ id: string }>`insert into notifications (workspace_id, id, user_id, kind, object, record_id, params, dedupe_key, created_at)
    values (${workspaceId}::uuid, ${newId()}::uuid, ${n.userId}::uuid, ${n.kind}, ${n.object ?? null}, ${n.recordId ?? null}::uuid,
      ${JSON.stringify(n.params ?? {})}::jsonb, ${n.dedupeKey}, ${now}::timestamptz)
    on conflict (workspace_id, user_id, dedupe_key) do nothing returning id`.execute(trx);
  const id = res.rows[0]?.id;
  if (!id) return null;
  await addOutboxEvent(trx, {
    workspaceId, object: NOTIFICATIONS_TOPIC, recordId: id, event: `${NOTIFICATIONS_TOPIC}.created`,
    payload: { userId: n.userId, kind: n.kind, object: n.object ?? null, recordId: n.recordId ?? null }, actorId: null,
  });
  return id;
}

/** An instant as the reader's wall-clock time, YYYY-MM-DD HH:mm. */
function localTime(v: unknown, timeZone: string): unknown {
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) return v;
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function render(auth: AuthContext, r: Record<string, any>): NotificationOut {
  const params = (typeof r.params === 'string' ? JSON.parse(r.params) : r.params ?? {}) as Record<string, unknown>;
  const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k.endsWith('At') && v ? localTime(v, auth.timeZone) : v]));
  return {
    id: r.id, kind: r.kind, object: r.object, recordId: r.record_id,
    title: t(auth.locale, `notification.${r.kind}.title`, shown), body: t(auth.locale, `notification.${r.kind}.body`, shown),
    params, createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

export interface NotificationQuery { limit?: number; cursor?: string; unread?: boolean }

async function unreadCount(trx: Trx, auth: AuthContext): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from notifications
    where workspace_id = ${auth.workspaceId}::uuid and user_id = ${auth.userId}::uuid and read_at is null`.execute(trx);
  return r.rows[0].n;
}

/** The caller's own notifications, newest first, keyset-paged on id, with the unread count for the badge. */
export async function listNotifications(trx: Trx, auth: AuthContext, q: NotificationQuery) {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
  const before = q.cursor ? decodeCursor(q.cursor, 1)[0] : null;
  if (before !== null && !isUuid(before)) throw new AppError(400, 'error.badCursor');
  const rows = await sql<Record<string, any>>`select * from notifications
    where workspace_id = ${auth.workspaceId}::uuid and user_id = ${auth.userId}::uuid
      ${q.unread ? sql`and read_at is null` : sql``} ${before ? sql`and id < ${before}::uuid` : sql``}
    order by id desc limit ${limit + 1}`.execute(trx);
  const page = rows.rows.slice(0, limit);
  return {
    data: page.map((r) => render(auth, r)),
    nextCursor: rows.rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null,
    unreadCount: await unreadCount(trx, auth),
  };
}

export async function countUnread(trx: Trx, auth: AuthContext): Promise<{ unreadCount: number }> {
  return { unreadCount: await unreadCount(trx, auth) };
}

/** Marks one of the caller's notifications read (or unread again); someone else's is not found. */
export async function markNotification(trx: Trx, auth: AuthContext, id: string, read: boolean): Promise<NotificationOut> {
  if (!isUuid(id)) throw notFound();
  const r = await sql<Record<string, any>>`update notifications set read_at = ${read ? sql`coalesce(read_at, now())` : sql`null`}
    where workspace_id = ${auth.workspaceId}::uuid and user_id = ${auth.userId}::uuid and id = ${id}::uuid returning *`.execute(trx);
  if (!r.rows[0]) throw notFound();
  return render(auth, r.rows[0]);
}

/** Marks all of the caller's unread notifications read; returns how many changed. */
export async function markAllRead(trx: Trx, auth: AuthContext): Promise<{ updated: number }> {
  const r = await sql`update notifications set read_at = now()
    where workspace_id = ${auth.workspaceId}::uuid and user_id = ${auth.userId}::uuid and read_at is null`.execute(trx);
  return { updated: Number(r.numAffectedRows ?? 0) };
}

/** Whether a live event about a notification is for this user (its recipient only). */
export async function isRecipient(trx: Trx, auth: AuthContext, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const r = await sql`select 1 from notifications where workspace_id = ${auth.workspaceId}::uuid and id = ${id}::uuid
    and user_id = ${auth.userId}::uuid`.execute(trx);
  return r.rows.length > 0;
}

/** Notifications older than this many days are deleted by the reminders job, read or not. */
export const NOTIFICATION_RETENTION_DAYS = 180;

export async function deleteOldNotifications(trx: Trx, workspaceId: string, now: Date): Promise<number> {
  const r = await sql`delete from notifications where workspace_id = ${workspaceId}::uuid
    and created_at < ${now}::timestamptz - make_interval(days => ${NOTIFICATION_RETENTION_DAYS})`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
