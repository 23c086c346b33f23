import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Jobs } from '../platform/jobs/jobs.js';

/** What route modules need, passed explicitly rather than hung on the Fastify instance. */
export interface Deps {
  config: Config;
  db: Database;
  jobs: Jobs | null;
}
