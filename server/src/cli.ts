/**
 * Operator commands, run with `npm run cli -- <command>` against the same database as the server
 * (DATABASE_URL, else the embedded database under DATA_DIR — stop the server first in that case: the
 * embedded database admits one process at a time).
 */
import crypto from 'node:crypto';
import { loadConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { withTenant } from './db/tenant.js';
import { recordAudit } from './platform/audit/audit.service.js';
import { verifyAllAuditChains } from './platform/audit/audit-verify-all.js';
import { checkPasswordPolicy, hashPassword } from './platform/auth/passwords.js';
import { AppError } from './platform/errors.js';
import { pickLocale, t } from './platform/i18n/i18n.js';
import { rebuildSearchIndex } from './platform/search/search-rebuild.js';

const locale = pickLocale((process.env.LC_ALL || process.env.LANG || '').replace(/_/g, '-').split('.')[0], 'en-US');
const say = (key: string, params: Record<string, unknown> = {}) => t(locale, key, params);

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function auditVerify(db: Database, args: string[]): Promise<number> {
  const only = option(args, '--workspace');
  const verdicts = await verifyAllAuditChains(db, only);
  if (!verdicts) {
    console.error(say('cli.workspaceNotFound', { workspace: only }));
    return 2;
  }
  let bad = 0;
  let rows = 0;
  for (const v of verdicts) {
    rows += v.checked;
    if (v.ok) console.log(say('cli.auditOk', { workspace: v.workspaceId, name: v.name, count: v.checked }));
    else {
      bad++;
      console.log(say('cli.auditTampered', { workspace: v.workspaceId, name: v.name, seq: v.firstBad!.seq, reason: v.firstBad!.reason }));
    }
  }
  console.log(say('cli.auditSummary', { workspaces: verdicts.length, count: rows, bad }));
  return bad > 0 ? 1 : 0;
}

async function resetPassword(db: Database, args: string[]): Promise<number> {
  const email = (args[0] ?? '').trim().toLowerCase();
  const dir = await db.executeSql('select workspace_id, user_id from login_directory where email = $1', [email]);
  const entry = dir.rows[0];
  if (!email || !entry) {
    console.error(say('cli.userNotFound', { email }));
    return 2;
  }
  const given = option(args, '--password');
  const password = given ? checkPasswordPolicy(given) : `${crypto.randomBytes(9).toString('base64url')}7a`;
  const hash = await hashPassword(password);
  await withTenant(db, entry.workspace_id, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date(), failed_logins: 0, locked_until: null, updated_at: new Date() })
      .where('workspace_id', '=', entry.workspace_id).where('id', '=', entry.user_id).execute();
    await trx.deleteFrom('sessions').where('workspace_id', '=', entry.workspace_id).where('user_id', '=', entry.user_id).execute();
    await recordAudit(trx, { workspaceId: entry.workspace_id, actorId: null, event: 'auth.passwordReset', detail: { userId: entry.user_id, by: 'cli' } });
  });
  console.log(say('cli.passwordReset', { email, password: given ? '********' : password }));
  return 0;
}

async function run(args: string[]): Promise<number> {
  const [cmd, sub, ...rest] = args;
  const known = cmd === 'migrate' || (cmd === 'audit' && sub === 'verify') || (cmd === 'users' && sub === 'reset-password') || (cmd === 'search' && sub === 'rebuild');
  if (!known) {
    if (cmd && cmd !== 'help' && cmd !== '--help') console.error(say('cli.unknownCommand', { command: args.join(' ') }));
    console.log(say('cli.usage'));
    console.log(say('cli.usageSearch'));
    return cmd && cmd !== 'help' && cmd !== '--help' ? 2 : 0;
  }
  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    if (cmd === 'migrate') {
      console.log(say('cli.migrated', { count: (await migrate(db)).length }));
      return 0;
    }
    if (cmd === 'audit') return await auditVerify(db, rest);
    if (cmd === 'search') {
      const r = await rebuildSearchIndex(db, option(rest, '--workspace'));
      console.log(say('cli.searchRebuilt', { ...r }));
      return 0;
    }
    return await resetPassword(db, rest);
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
  if (err instanceof AppError) {
    console.error([say(err.code, err.params), ...err.errors.map((e) => `  ${e.field}: ${say(e.code, e.params)}`)].join('\n'));
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exitCode = 2;
});
