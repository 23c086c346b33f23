import { withTenant } from '../src/db/tenant.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { newId } from '../src/platform/ids.js';
import { ENGINE, PASSWORD, PG_URL, signIn, uniqueEmail, type Client, type TestEnv } from './helpers.js';
import { startJobs } from '../src/platform/jobs/pg-boss.jobs.js';
import type { Jobs, JobsOptions } from '../src/platform/jobs/jobs.js';

let n = 0;

export interface TestJobs { jobs: Jobs; scope: Set<string>; errors: string[]; stop(): Promise<void> }

/**
 * The job system on the test's database with short intervals. On PostgreSQL, test files share one database,
 * so each gets a pg-boss schema of its own and its dispatcher serves only the workspaces put in `scope`.
 */
export async function startTestJobs(env: TestEnv, overrides: JobsOptions = {}): Promise<TestJobs> {
  const scope = overrides.workspaceScope ?? new Set<string>();
  const schema = overrides.schema ?? (ENGINE === 'postgres' ? `pgboss_t${process.pid}_${Date.now().toString(36)}_${++n}` : 'pgboss');
  const config = ENGINE === 'postgres' ? { ...env.config, databaseUrl: PG_URL } : env.config;
  const errors: string[] = [];
  const jobs = await startJobs(env.db, config, {
    pollIntervalMs: 500, cronPollIntervalMs: 500, dispatchIntervalMs: 100, webhookRetryBaseSeconds: 1, schema, workspaceScope: scope,
    log: { info: () => {}, error: (obj, msg) => { errors.push(`${msg} ${JSON.stringify(obj)}`); } },
    ...overrides,
  });
  return {
    jobs, scope, errors,
    async stop() {
      await jobs.stop({ timeoutMs: 5000 });
      if (ENGINE === 'postgres') await env.db.executeSql(`drop schema if exists ${schema} cascade`);
    },
  };
}

/** Polls until fn returns something truthy (or throws after timeoutMs). */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** One more signed-in member of a workspace holding one of its roles (plain SQL: the identity API is another area's). */
export async function addMember(env: TestEnv, workspaceId: string, roleId: string, departmentId: string): Promise<{ id: string; client: Client }> {
  const id = newId();
  const email = uniqueEmail('member');
  const hash = await hashPassword(PASSWORD);
  await env.db.kysely.insertInto('login_directory').values({ email, workspace_id: workspaceId, user_id: id }).execute();
  await withTenant(env.db, workspaceId, async (trx) => {
    await trx.insertInto('users').values({ workspace_id: workspaceId, id, email, name: 'Member', password_hash: hash, locale: 'en-US', time_zone: 'UTC', department_id: departmentId }).execute();
    await trx.insertInto('user_roles').values({ workspace_id: workspaceId, user_id: id, role_id: roleId }).execute();
  });
  return { id, client: await signIn(env.app, email) };
}
