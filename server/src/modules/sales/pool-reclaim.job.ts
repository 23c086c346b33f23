import { registerJob } from '../../platform/jobs/job-registry.js';
import { runPoolReclaim, runPoolReclaimAll } from './pool-reclaim.service.js';

export const POOL_RECLAIM_JOB = 'sales-pool-reclaim';

// Nightly at 02:00 China time (18:00 UTC), when nobody is working their customers. Sent by hand with a
// workspaceId, it runs for that workspace only.
registerJob<{ workspaceId?: string }>({
  name: POOL_RECLAIM_JOB,
  cron: '0 18 * * *',
  expireInSeconds: 3600,
  async handler(data, ctx) {
    const now = new Date();
    const n = typeof data?.workspaceId === 'string'
      ? (await runPoolReclaim(ctx.db, data.workspaceId, now)).reclaimed.length
      : await runPoolReclaimAll(ctx.db, now);
    ctx.log.info({ reclaimed: n }, 'pool reclaim');
  },
});
