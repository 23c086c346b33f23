import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { registerJob } from '../../platform/jobs/job-registry.js';
import { objectOf } from '../../records/record-context.js';
import { applyUpdate } from '../../records/record-write.service.js';
import { runAsSystem } from '../../platform/jobs/system-context.js';
import { isoDay } from './finance-time.js';

/**
 * Daily job: instalments past their due date and not paid in full become overdue, and running contracts
 * past their end date expire. Each change goes through the records pipeline (history, outbox, hooks).
 * Returns how many records changed.
 */
export async function markOverdue(db: Database, workspaceId: string, now: Date): Promise<{ plans: number; contracts: number }> {
  return runAsSystem(db, workspaceId, async (ctx) => {
    const today = isoDay(now, ctx.auth.timeZone);
    const plans = await sql<Record<string, any>>`select * from payment_plans where workspace_id = ${workspaceId}::uuid
      and deleted_at is null and status in ('pending', 'partial') and due_date < ${today}::date order by id for update`.execute(ctx.trx);
    const planObj = objectOf(ctx, 'paymentPlans');
    for (const p of plans.rows) {
      await applyUpdate(ctx, planObj, p, { columns: { status: 'overdue' }, custom: {}, byField: { status: 'overdue' } });
    }
    const contracts = await sql<Record<string, any>>`select * from contracts where workspace_id = ${workspaceId}::uuid
      and deleted_at is null and status = 'active' and end_date < ${today}::date order by id for update`.execute(ctx.trx);
    const contractObj = objectOf(ctx, 'contracts');
    for (const c of contracts.rows) {
      await applyUpdate(ctx, contractObj, c, { columns: { status: 'expired' }, custom: {}, byField: { status: 'expired' } });
    }
    return { plans: plans.rows.length, contracts: contracts.rows.length };
  }, { now });
}

export const FINANCE_OVERDUE_JOB = 'finance-overdue';

// Daily at 00:30 China time (16:30 UTC), just after the day turns for most workspaces.
registerJob<{ workspaceId?: string }>({
  name: FINANCE_OVERDUE_JOB,
  cron: '30 16 * * *',
  expireInSeconds: 3600,
  async handler(data, ctx) {
    const only = typeof data?.workspaceId === 'string' ? data.workspaceId : undefined;
    const res = await ctx.db.executeSql(only ? 'select id from workspaces where id = $1' : 'select id from workspaces order by id', only ? [only] : []);
    const now = new Date();
    for (const ws of res.rows) {
      const n = await markOverdue(ctx.db, ws.id, now);
      if (n.plans + n.contracts > 0) ctx.log.info({ workspaceId: ws.id, ...n }, 'instalments overdue, contracts expired');
    }
  },
});
