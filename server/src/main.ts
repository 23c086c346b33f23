import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './app.js';
import { bootstrap } from './platform/bootstrap.js';
import { startJobs } from './platform/jobs/pg-boss.jobs.js';

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await migrate(db);
const boot = await bootstrap(db, config);
if (config.demo && boot.created) {
  const { seedDemo, DEMO_PASSWORD } = await import('./platform/demo/demo.seed.js');
  await seedDemo(db, boot.workspaceId);
  console.log(`  Demo workspace ready: users such as zhangwei@demo.rapport.local sign in with ${DEMO_PASSWORD}`);
}
// Every role can enqueue jobs; workers, schedules and the outbox dispatcher run only with the worker role.
const jobs = await startJobs(db, config);
const app = await buildApp({ config, db, jobs });
await app.listen({ port: config.port, host: config.host });

const where = config.publicUrl;
if (boot.created) {
  const pw = boot.generatedPassword ? `password ${boot.generatedPassword}  (shown once — change it after signing in)` : 'the password in ADMIN_PASSWORD';
  console.log(`\n  Rapport is running at ${where}\n  Sign in as ${boot.adminEmail} with ${pw}\n  Rapport 已启动：${where}  管理员账号 ${boot.adminEmail}\n`);
} else {
  console.log(`\n  Rapport is running at ${where} (${db.engine}). Sign in as ${boot.adminEmail}.\n`);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: draining requests and jobs');
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  await app.close();
  await jobs?.stop();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
