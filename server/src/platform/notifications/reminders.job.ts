import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { RecordCtx } from '../../records/record-context.js';
import { scopeFor, type Access } from '../access.js';
import { loadAccess } from '../access.service.js';
import { registerJob } from '../jobs/job-registry.js';
import { runAsSystem } from '../jobs/system-context.js';
import { deleteOldNotifications, notify, type NotificationInput } from './notifications.service.js';

export const REMINDERS_JOB = 'notification-reminders';

/** A reminder a domain module wants sent: to the owner of a record the recipient may read. */
export type ReminderCandidate = NotificationInput & { object: string; recordId: string };

/** Finds what is due as of ctx.now (the workspace's calendar is ctx.auth.timeZone); runs as the system. */
export type ReminderSource = (ctx: RecordCtx) => Promise<ReminderCandidate[]>;

const sources = new Map<string, ReminderSource>();

/** Domain modules add their reminders here at import time (follow-ups due, contracts expiring, …). */
export function registerReminderSource(name: string, fn: ReminderSource): void {
  sources.set(name, fn);
}

/**
 * Sends reminders in the system's transaction, each at most once per dedupe key, and only to active users
 * whose roles still let them read that kind of record: a reminder names the record, so it is a read.
 * Returns the keys of the notifications created.
 */
export async function deliverReminders(ctx: RecordCtx, candidates: ReminderCandidate[]): Promise<ReminderCandidate[]> {
  if (candidates.length === 0) return [];
  const ws = ctx.auth.workspaceId;
  const ids = [...new Set(candidates.map((c) => c.userId))];
  const users = await sql<{ id: string; is_admin: boolean; metadata_version: number }>`select u.id, u.is_admin, w.metadata_version from users u
    join workspaces w on w.id = u.workspace_id where u.workspace_id = ${ws}::uuid and u.id = any(${ids}::uuid[]) and u.status = 'active'`.execute(ctx.trx);
  const access = new Map<string, Access>();
  for (const u of users.rows) access.set(u.id, await loadAccess(ctx.trx, ws, u.id, u.is_admin, u.metadata_version ?? 0));
  const sent: ReminderCandidate[] = [];
  for (const c of candidates) {
    const a = access.get(c.userId);
    if (!a || !ctx.org.users.get(c.userId)?.active || scopeFor(a, c.object, 'read') === 'none') continue;
    if (await notify(ctx.trx, ws, ctx.now, c)) sent.push(c);
  }
  return sent;
}

/**
 * One pass for one workspace as of `now` (tests pass a simulated clock): every registered source's due
 * reminders, delivered idempotently, then notifications past retention removed.
 */
export async function runReminders(db: Database, workspaceId: string, now: Date): Promise<{ created: Record<string, number> }> {
  return runAsSystem(db, workspaceId, async (ctx) => {
    const created: Record<string, number> = {};
    for (const fn of sources.values()) {
      for (const c of await deliverReminders(ctx, await fn(ctx))) created[c.kind] = (created[c.kind] ?? 0) + 1;
    }
    await deleteOldNotifications(ctx.trx, workspaceId, now);
    return { created };
  }, { now });
}

registerJob<{ workspaceId?: string }>({
  name: REMINDERS_JOB,
  // Every quarter of an hour: next-contact times are to the minute; date-based reminders are keyed by date.
  cron: '*/15 * * * *',
  expireInSeconds: 1800,
  async handler(data, ctx) {
    const only = typeof data?.workspaceId === 'string' ? data.workspaceId : undefined;
    const res = await ctx.db.executeSql(only ? 'select id from workspaces where id = $1' : 'select id from workspaces order by id', only ? [only] : []);
    const now = new Date();
    let n = 0;
    for (const ws of res.rows) {
      const { created } = await runReminders(ctx.db, ws.id, now);
      n += Object.values(created).reduce((a, b) => a + b, 0);
    }
    if (n > 0) ctx.log.info({ created: n }, 'reminders sent');
  },
});
