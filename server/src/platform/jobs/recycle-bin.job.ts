import { purgeExpired } from '../../records/record-write.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { retentionDays } from '../workspace-settings.service.js';
import { registerJob } from './job-registry.js';
import type { JobContext } from './jobs.js';
import { runAsSystem } from './system-context.js';

export const RECYCLE_BIN_JOB = 'recycle-bin-purge';

/** Purges, workspace by workspace, every record that has sat in the recycle bin past its retention. */
export async function purgeRecycleBins(ctx: JobContext, only?: string): Promise<number> {
  const res = await ctx.db.executeSql(
    only ? 'select id, settings from workspaces where id = $1' : 'select id, settings from workspaces order by id',
    only ? [only] : [],
  );
  let total = 0;
  for (const ws of res.rows) {
    const days = retentionDays(ws.settings, ctx.config.recycleBinDays);
    const n = await runAsSystem(ctx.db, ws.id, async (rc) => {
      const byObject = await purgeExpired(rc, days);
      const purged = Object.values(byObject).reduce((a, b) => a + b, 0);
      if (purged > 0) {
        await recordAudit(rc.trx, { workspaceId: ws.id, actorId: null, event: 'recycleBin.purged', detail: { count: purged, days, objects: byObject } });
      }
      return purged;
    });
    if (n > 0) ctx.log.info({ workspaceId: ws.id, purged: n, days }, 'recycle bin retention');
    total += n;
  }
  return total;
}

registerJob<{ workspaceId?: string }>({
  name: RECYCLE_BIN_JOB,
  cron: '30 3 * * *',
  expireInSeconds: 3600,
  async handler(data, ctx) {
    await purgeRecycleBins(ctx, typeof data?.workspaceId === 'string' ? data.workspaceId : undefined);
  },
});
