import { registerJob } from '../jobs/job-registry.js';

/** Dispatched events are kept this long: well past the last webhook retry (about 7.5 hours after the first). */
export const OUTBOX_KEEP_DAYS = 14;

registerJob({
  name: 'outbox-cleanup',
  cron: '10 3 * * *',
  expireInSeconds: 3600,
  async handler(_data, ctx) {
    const res = await ctx.db.executeSql(`delete from outbox_events where dispatched_at is not null
      and dispatched_at < now() - make_interval(days => $1)`, [OUTBOX_KEEP_DAYS]);
    if (res.rowCount > 0) ctx.log.info({ deleted: res.rowCount }, 'outbox clean-up');
  },
});
