import type { JobContext } from './jobs.js';

export interface JobDefinition<T = Record<string, unknown>> {
  /** Queue name: letters, digits, '-' and '_'. */
  name: string;
  /** Cron expression (UTC) for a recurring job; pg-boss makes sure one node sends it per tick. */
  cron?: string;
  handler(data: T, ctx: JobContext, job: { id: string }): Promise<void>;
  /** Workers polling this queue in each worker process. Default 1. */
  concurrency?: number;
  /** A job still running after this long is failed (and retried while retries remain). Default 15 min. */
  expireInSeconds?: number;
  /** Retries after a handler throws or the process dies mid-job. Default 2. */
  retryLimit?: number;
  retryDelaySeconds?: number;
}

const registry = new Map<string, JobDefinition<any>>();

/**
 * Modules declare their background jobs at import time, like hooks; startJobs creates the queues, starts
 * the workers and installs the schedules of everything registered by then.
 */
export function registerJob<T = Record<string, unknown>>(def: JobDefinition<T>): void {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(def.name)) throw new Error(`invalid job name ${def.name}`);
  registry.set(def.name, def as JobDefinition<any>);
}

export function registeredJobs(): JobDefinition<any>[] {
  return [...registry.values()];
}
