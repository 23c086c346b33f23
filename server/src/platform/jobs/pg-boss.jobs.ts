import PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { DispatchedEvent } from '../events/event-bus.js';
import { createLiveBus } from '../events/live-bus.js';
import { startDispatcher } from '../events/outbox-dispatcher.js';
import '../events/outbox-cleanup.job.js';
import { webhookFanOut } from '../webhooks/webhook-delivery.job.js';
import '../webhooks/webhook-deliveries-cleanup.job.js';
import { registeredJobs, type JobDefinition } from './job-registry.js';
import type { JobContext, JobLog, Jobs, JobsOptions, SendOptions } from './jobs.js';
import './recycle-bin.job.js';

const consoleLog: JobLog = {
  info: (obj, msg) => console.log(JSON.stringify({ level: 'info', msg, ...obj })),
  error: (obj, msg) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
};

/**
 * pg-boss on either engine. PostgreSQL: its own small pool on DATABASE_URL. PGlite: our executeSql, which
 * runs multi-statement SQL through exec under the single-session mutex; a failed multi-statement call is
 * rolled back in the same turn of the mutex, so no other caller ever finds the session inside pg-boss's
 * aborted transaction.
 */
function bossFor(db: Database, config: Config, schema: string, pollIntervalMs: number, worker: boolean): PgBoss {
  const common = {
    schema, supervise: worker, schedule: worker, migrate: true,
    pollingIntervalSeconds: Math.max(pollIntervalMs, 500) / 1000,
    maintenanceIntervalSeconds: 300,
  };
  if (db.engine === 'postgres' && config.databaseUrl) {
    return new PgBoss({ ...common, connectionString: config.databaseUrl, max: 4, application_name: 'rapport-jobs' });
  }
  const executeSql = (text: string, values?: unknown[]) => db.session(async (exec) => {
    try {
      return await exec(text, values);
    } catch (err) {
      if (!values?.length && /\bBEGIN\b/i.test(text)) await exec('rollback').catch(() => {});
      throw err;
    }
  });
  return new PgBoss({ ...common, db: { executeSql: executeSql as any } });
}

/** Starts the job system: always able to send; workers, schedules and the outbox dispatcher only on a worker. */
export async function startJobs(db: Database, config: Config, options: JobsOptions = {}): Promise<Jobs> {
  const log = options.log ?? consoleLog;
  const opts: JobContext['options'] = {
    pollIntervalMs: options.pollIntervalMs ?? 2000,
    cronPollIntervalMs: options.cronPollIntervalMs ?? 30_000,
    dispatchIntervalMs: options.dispatchIntervalMs ?? 1000,
    webhookRetryBaseSeconds: options.webhookRetryBaseSeconds ?? 30,
    webhookMaxAttempts: options.webhookMaxAttempts ?? 6,
    schema: options.schema ?? 'pgboss',
    workspaceScope: options.workspaceScope,
  };
  const worker = config.roles.worker;
  const boss = bossFor(db, config, opts.schema, opts.pollIntervalMs, worker);
  boss.on('error', (err: Error) => log.error({ err: err.message }, 'job system error'));
  await boss.start();
  const defs = registeredJobs();
  for (const def of defs) await boss.createQueue(def.name, queueOptions(def));

  const jobs: Jobs = {
    working: worker,
    async send(name, data, so: SendOptions = {}) {
      return boss.send(name, data, {
        ...(so.id ? { id: so.id } : {}),
        ...(so.singletonKey ? { singletonKey: so.singletonKey } : {}),
        ...(so.startAfterSeconds ? { startAfter: Math.max(1, Math.ceil(so.startAfterSeconds)) } : {}),
      });
    },
    stop: async () => {},
  };
  if (!worker) {
    jobs.stop = async ({ timeoutMs = 25_000 } = {}) => { await boss.stop({ graceful: true, wait: true, timeout: timeoutMs }); };
    return jobs;
  }

  const ctx: JobContext = { db, config, jobs, options: opts, log };
  for (const def of defs) await startWorkers(boss, def, ctx);
  for (const def of defs.filter((d) => d.cron)) await boss.schedule(def.name, def.cron!, {}, { tz: 'UTC' });

  const live = createLiveBus(config.redisUrl);
  const handlers = [
    { name: 'webhooks', handler: webhookFanOut(db, jobs) },
    // Live updates are best effort: a Redis outage must not hold back webhooks and the other consumers.
    { name: 'live', handler: (e: DispatchedEvent) => live.publish({ id: e.id, workspaceId: e.workspaceId, object: e.object, recordId: e.recordId, event: e.event })
      .catch((err) => log.error({ err: (err as Error).message }, 'live update not published')) },
  ];
  const dispatcher = startDispatcher(db, { intervalMs: opts.dispatchIntervalMs, workspaceScope: opts.workspaceScope, handlers, log });

  let stopping: Promise<void> | null = null;
  jobs.stop = ({ timeoutMs = 25_000 } = {}) => (stopping ??= (async () => {
    // Finish the batch of events in hand first: its fan-out still needs pg-boss to enqueue deliveries.
    await dispatcher.stop();
    await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    await live.close();
  })());
  return jobs;
}

function queueOptions(def: JobDefinition): PgBoss.Queue {
  return {
    name: def.name,
    policy: 'standard',
    retryLimit: def.retryLimit ?? 2,
    retryDelay: def.retryDelaySeconds ?? 30,
    expireInSeconds: def.expireInSeconds ?? 900,
  } as PgBoss.Queue;
}

async function startWorkers(boss: PgBoss, def: JobDefinition, ctx: JobContext): Promise<void> {
  const pollMs = def.cron ? ctx.options.cronPollIntervalMs : ctx.options.pollIntervalMs;
  for (let i = 0; i < (def.concurrency ?? 1); i++) {
    await boss.work<Record<string, unknown>>(def.name, { batchSize: 1, pollingIntervalSeconds: Math.max(pollMs, 500) / 1000 }, async ([job]) => {
      try {
        await def.handler(job.data ?? {}, ctx, { id: job.id });
      } catch (err) {
        ctx.log.error({ job: def.name, jobId: job.id, err: (err as Error).message }, 'job failed');
        throw err;
      }
    });
  }
}
