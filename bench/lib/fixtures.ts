import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { listParams } from '../../server/src/api/records.routes.js';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { withTenant } from '../../server/src/db/tenant.js';
import { createSession } from '../../server/src/platform/auth/sessions.js';
import { getRecord, listRecords } from '../../server/src/records/record-read.service.js';
import { runRecords } from '../../server/src/records/run.js';
import { authAs, type DataSet } from './dataset.js';
import { LIST_VARIANTS } from './queries.js';
import { loadBenchOrg, type BenchUser } from './org.js';
import { RESULTS_DIR } from './options.js';

export interface Captured { text: string; values: unknown[] }
export interface FxUser {
  key: string;
  id: string;
  role: BenchUser['role'];
  cookie: string;
  csrf: string;
  /** Contacts the user may read, with their accounts. */
  contacts: Array<{ id: string; accountId: string | null }>;
  /** The SQL of the pipeline's record GET (with the index of the id parameter) and of each list page. */
  sql: { get: Captured & { idIndex: number }; lists: Record<string, Captured> };
}
export interface Fixtures { workspaceId: string; users: FxUser[]; reps: FxUser[]; admin: FxUser; sessionIds: string[]; baselineFile: string }

/** Records the SQL the pipeline sends (text and values), to hand the bare handler the very same SELECT. */
export async function capture<T>(match: (text: string) => boolean, fn: () => Promise<T>): Promise<Captured> {
  const proto = pg.Client.prototype as any;
  const orig = proto.query;
  let hit: Captured | null = null;
  proto.query = function (text: unknown, values: unknown, ...rest: unknown[]) {
    if (typeof text === 'string' && match(text)) hit = { text, values: Array.isArray(values) ? [...values] : [] };
    return orig.call(this, text, values, ...rest);
  };
  try { await fn(); } finally { proto.query = orig; }
  if (!hit) throw new Error('bench: could not capture the pipeline SQL');
  return hit;
}

/** Reps across the ranking (the top owner, the middle, the tail) and a few managers. */
async function pickUsers(db: Database, ws: string, users: BenchUser[], reps: number, managers: number): Promise<BenchUser[]> {
  const counts = await db.executeSql('select owner_id, count(*)::int as n from accounts where workspace_id = $1 group by owner_id order by n desc', [ws]);
  const ranked = counts.rows.map((r) => users.find((u) => u.id === r.owner_id)).filter((u): u is BenchUser => !!u && u.role === 'rep');
  const step = Math.max(1, Math.floor(ranked.length / reps));
  const chosen = ranked.filter((_, i) => i % step === 0).slice(0, reps);
  return [...chosen, ...users.filter((u) => u.role === 'manager').slice(0, managers), users.find((u) => u.role === 'admin')!];
}

function scopeOwners(u: BenchUser, all: BenchUser[]): string[] {
  if (u.role === 'rep') return [u.id];
  if (u.role === 'manager') return all.filter((x) => x.departmentId === u.departmentId).map((x) => x.id);
  return all.map((x) => x.id);
}

async function prepareUser(db: Database, ds: DataSet, u: BenchUser, all: BenchUser[], key: string): Promise<FxUser & { sessionId: string }> {
  const ws = ds.meta.workspaceId;
  const s = await withTenant(db, ws, (trx) => createSession(trx, ws, u.id, { ip: '127.0.0.1', userAgent: 'rapport-bench', ttlHours: 24, mfaPending: false }));
  const rows = await db.executeSql(`select id, account_id from contacts where workspace_id = $1 and owner_id = any($2::uuid[])
    and deleted_at is null limit 3000`, [ws, scopeOwners(u, all)]);
  const contacts = rows.rows.map((r) => ({ id: r.id as string, accountId: r.account_id as string | null }));
  if (contacts.length === 0) throw new Error(`bench: user ${u.email} owns no contacts`);
  const auth = await authAs(db, ws, u.id, u.role === 'admin');
  const get = await capture((t) => t.includes('from "contacts" t') && t.includes('t.id = $'),
    () => runRecords(db, auth, (ctx) => getRecord(ctx, 'contacts', contacts[0].id)));
  const idIndex = get.values.findIndex((v) => v === contacts[0].id);
  const lists: Record<string, Captured> = {};
  for (const v of LIST_VARIANTS) {
    lists[v.id] = await capture((t) => t.includes(`from "${v.object}" t`) && t.includes(' limit $'),
      () => runRecords(db, auth, (ctx) => listRecords(ctx, v.object, listParams(v.query))));
  }
  return { key, id: u.id, role: u.role, cookie: `rapport_session=${s.token}`, csrf: s.csrfToken, contacts, sql: { get: { ...get, idIndex }, lists }, sessionId: s.id };
}

/** Signed-in users with the records they may reach, and the bare handler's SQL, prepared before the server starts. */
export async function prepareFixtures(ds: DataSet, opts: { reps: number; managers: number }): Promise<Fixtures> {
  const db = await openDatabase({ url: ds.url, dataDir: ds.dataDir, poolSize: 4 });
  try {
    const org = await loadBenchOrg(db, ds.meta.workspaceId);
    const chosen = await pickUsers(db, org.workspaceId, org.users, opts.reps, opts.managers);
    const users: Array<FxUser & { sessionId: string }> = [];
    for (const [i, u] of chosen.entries()) users.push(await prepareUser(db, ds, u, org.users, `u${i}`));
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const baselineFile = path.join(RESULTS_DIR, '.baseline-fixture.json');
    fs.writeFileSync(baselineFile, JSON.stringify(Object.fromEntries(users.map((u) => [u.key, u.sql]))));
    return {
      workspaceId: org.workspaceId, users, reps: users.filter((u) => u.role === 'rep'), admin: users.find((u) => u.role === 'admin')!,
      sessionIds: users.map((u) => u.sessionId), baselineFile,
    };
  } finally {
    await db.close();
  }
}
