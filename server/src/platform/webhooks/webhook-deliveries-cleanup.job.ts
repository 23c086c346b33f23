import { registerJob } from '../jobs/job-registry.js';

/** Delivery log rows are kept this long. */
export const DELIVERY_LOG_KEEP_DAYS = 30;

registerJob({
  name: 'webhook-deliveries-cleanup',
  cron: '20 3 * * *',
  expireInSeconds: 3600,
  async handler(_data, ctx) {
    const res = await ctx.db.executeSql(`delete from webhook_deliveries where created_at < now() - make_interval(days => $1)`, [DELIVERY_LOG_KEEP_DAYS]);
    if (res.rowCount > 0) ctx.log.info({ deleted: res.rowCount }, 'webhook delivery log clean-up');
  },
});
