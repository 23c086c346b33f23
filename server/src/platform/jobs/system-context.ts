import type { Database } from '../../db/database.js';
import type { RecordCtx } from '../../records/record-context.js';
import { runRecords } from '../../records/run.js';
import type { AuthContext } from '../access.js';
import type { Locale } from '../i18n/i18n.js';

/** The actor id background maintenance acts as; no user row has it. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * An administrator-equivalent caller for background work in one workspace (recycle-bin retention, the pool
 * and overdue jobs, reminders, web-form leads), so such work goes through the records pipeline and its
 * tenant transaction like any request. Its user id matches no user: records it creates must be given a
 * real owner (owner_id has a foreign key to users). History rows and outbox events it writes carry
 * SYSTEM_USER_ID as the actor; domain logs that name a user (the pool's owner log) record null for it.
 */
export function systemContext(workspaceId: string, actorId: string = SYSTEM_USER_ID): AuthContext {
  return {
    workspaceId,
    userId: actorId,
    locale: 'en-US',
    timeZone: 'UTC',
    access: { isAdmin: true, scopes: {}, fields: {}, canUnmask: false },
  };
}

export interface SystemRunOptions {
  /** The clock the work runs at (jobs run under a simulated clock in tests). Default: now. */
  now?: Date;
  /** Act as this real user with full access instead of the system (demo data authored by a person). */
  actorId?: string;
}

/** True when the context is the system rather than a person. */
export function isSystemActor(ctx: Pick<RecordCtx, 'auth'>): boolean {
  return ctx.auth.userId === SYSTEM_USER_ID;
}

/**
 * runRecords as the system for one workspace, in the workspace's own time zone and language, so dates
 * (due today, overdue since) follow the company's calendar whoever triggered the work.
 */
export function runAsSystem<T>(db: Database, workspaceId: string, fn: (ctx: RecordCtx) => Promise<T>, opts: SystemRunOptions = {}): Promise<T> {
  return runRecords(db, systemContext(workspaceId, opts.actorId), async (ctx) => {
    const ws = await ctx.trx.selectFrom('workspaces').select(['time_zone', 'locale']).where('id', '=', workspaceId).executeTakeFirst();
    const auth = { ...ctx.auth, timeZone: ws?.time_zone ?? 'Asia/Shanghai', locale: (ws?.locale === 'zh-CN' ? 'zh-CN' : 'en-US') as Locale };
    return fn({ ...ctx, auth, now: opts.now ?? ctx.now });
  });
}
