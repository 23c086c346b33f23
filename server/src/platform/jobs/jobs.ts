import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';

export interface SendOptions {
  startAfterSeconds?: number;
  singletonKey?: string;
  /** A deterministic job id makes the send idempotent: a second send with the same id is dropped. */
  id?: string;
}

/** The job runner's face to the rest of the code; the pg-boss implementation lives beside it. */
export interface Jobs {
  send(name: string, data: Record<string, unknown>, opts?: SendOptions): Promise<string | null>;
  /** True when this process runs workers, the outbox dispatcher and schedules (config.roles.worker). */
  readonly working: boolean;
  /** Stops taking work and waits for running jobs (at most timeoutMs) before returning. */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
}

export interface JobLog {
  info(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** What a job handler gets besides its data. */
export interface JobContext {
  db: Database;
  config: Config;
  jobs: Jobs;
  options: Required<Omit<JobsOptions, 'workspaceScope' | 'log'>> & Pick<JobsOptions, 'workspaceScope'>;
  log: JobLog;
}

/** Tuning knobs; production takes the defaults, tests shorten the intervals. */
export interface JobsOptions {
  /** How often idle job workers look for work (pg-boss allows 500 ms at least). Default 2000. */
  pollIntervalMs?: number;
  /** The same for queues of scheduled (cron) jobs, which only get work a few times a day. Default 30000. */
  cronPollIntervalMs?: number;
  /** How often the outbox dispatcher looks for new events when idle. Default 1000. */
  dispatchIntervalMs?: number;
  /** First webhook retry delay; later ones are 4×, 20×, 120× and 720× it (30 s → 2 min, 10 min, 1 h, 6 h). Default 30. */
  webhookRetryBaseSeconds?: number;
  /** Webhook attempts in all, the first included. Default 6. */
  webhookMaxAttempts?: number;
  /** The database schema pg-boss keeps its tables in. Default 'pgboss'. */
  schema?: string;
  /**
   * Only dispatch outbox events of these workspaces. For tests that share one PostgreSQL database between
   * test files running at once; production leaves it unset and dispatches every workspace.
   */
  workspaceScope?: Set<string>;
  log?: JobLog;
}
