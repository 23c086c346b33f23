import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import { withTenant } from '../../server/src/db/tenant.js';
import { getMetadata } from '../../server/src/metadata/metadata.service.js';
import type { ObjectDef } from '../../server/src/metadata/types.js';
import { loadAccess } from '../../server/src/platform/access.service.js';
import type { AuthContext } from '../../server/src/platform/access.js';
import '../../server/src/platform/search/index.js';
import { createRecord } from '../../server/src/records/record-write.service.js';
import { runRecords } from '../../server/src/records/run.js';
import { generateAccounts, generateActivities, generateContacts, generateOpportunities, type GenContext, type Refs } from './generate.js';
import { createIndexes, dropIndexes, LOADED_TABLES, secondaryIndexes } from './indexes.js';
import { targetOf, type DataSpec, type Flags } from './options.js';
import { createBenchOrg, type BenchOrg } from './org.js';
import { pgliteSink, postgresSink, type Sink } from './sink.js';

export interface DataSetMeta {
  spec: DataSpec;
  workspaceId: string;
  pipelineId: string;
  generatedAt: string;
  seconds: number;
  counts: Record<string, number>;
}

export interface DataSet { reused: boolean; target: string; spec: DataSpec; meta: DataSetMeta; url: string | null; dataDir: string }

async function adminQuery(flags: Flags, sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: flags.url });
  await c.connect();
  try { return await c.query(sql); } finally { await c.end(); }
}

/** An empty database (or PGlite directory) for the data set, dropping what was there. */
async function resetTarget(flags: Flags): Promise<void> {
  const t = targetOf(flags);
  if (!t.url) { fs.rmSync(t.dataDir, { recursive: true, force: true }); return; }
  await adminQuery(flags, `drop database if exists ${t.name} with (force)`);
  await adminQuery(flags, `create database ${t.name}`);
}

async function openTarget(flags: Flags): Promise<Database> {
  const t = targetOf(flags);
  if (t.url) {
    const exists = await adminQuery(flags, `select 1 from pg_database where datname = '${t.name}'`);
    if (exists.rowCount === 0) await adminQuery(flags, `create database ${t.name}`);
  } else fs.mkdirSync(t.dataDir, { recursive: true });
  const db = await openDatabase({ url: t.url, dataDir: t.dataDir, poolSize: 4 });
  await migrate(db);
  await db.executeSql('create table if not exists bench_meta (key text primary key, value jsonb not null)');
  return db;
}

async function readMeta(db: Database): Promise<DataSetMeta | null> {
  const res = await db.executeSql("select value from bench_meta where key = 'dataset'");
  return res.rows[0]?.value ?? null;
}

export async function authAs(db: Database, workspaceId: string, userId: string, isAdmin: boolean): Promise<AuthContext> {
  return withTenant(db, workspaceId, async (trx, version) => ({
    workspaceId, userId, locale: 'zh-CN', timeZone: 'Asia/Shanghai', access: await loadAccess(trx, workspaceId, userId, isAdmin, version),
  }));
}

/** One opportunity through the real pipeline: it makes the default sales pipeline, whose id the bulk rows use. */
async function seedThroughPipeline(db: Database, org: BenchOrg): Promise<string> {
  const auth = await authAs(db, org.workspaceId, org.adminId, true);
  return runRecords(db, auth, async (ctx) => {
    const acc = await createRecord(ctx, 'accounts', { name: '基准测试种子客户 Bench seed account' });
    const opp = await createRecord(ctx, 'opportunities', { name: '基准测试种子商机', accountId: acc.id, amount: '1000.00' });
    return String(opp.pipelineId);
  });
}

async function bulkLoad(sink: Sink, ctx: GenContext): Promise<void> {
  const indexes = await secondaryIndexes(sink);
  ctx.log(`dropping ${indexes.length} secondary indexes for the load`);
  await dropIndexes(sink, indexes);
  const refs: Refs = {
    owners: ctx.org.users.filter((u) => u.role !== 'admin').map((u) => u.id), accountIds: [],
    accountOwner: new Int32Array(ctx.spec.accounts), accountCreated: new Float64Array(ctx.spec.accounts),
    accountContact: new Int32Array(ctx.spec.accounts).fill(-1), accountOpp: new Int32Array(ctx.spec.accounts).fill(-1),
    contactIds: [], contactAccount: new Int32Array(ctx.spec.contacts), oppIds: [],
  };
  for (const [name, fn] of [['accounts', generateAccounts], ['contacts', generateContacts], ['opportunities', generateOpportunities], ['activities', generateActivities]] as const) {
    const t0 = Date.now();
    await fn(ctx, refs);
    ctx.log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  ctx.log('building indexes');
  await createIndexes(sink, indexes, ctx.log);
  ctx.log('vacuum analyze');
  for (const t of LOADED_TABLES) await sink.exec(`vacuum analyze ${t}`);
}

async function generate(flags: Flags, db: Database, log: (m: string) => void): Promise<DataSetMeta> {
  const t = targetOf(flags);
  const started = Date.now();
  const org = await createBenchOrg(db, t.spec);
  const pipelineId = await seedThroughPipeline(db, org);
  const objects: Map<string, ObjectDef> = await withTenant(db, org.workspaceId, async (trx, v) => (await getMetadata(trx, org.workspaceId, v)).objects);
  await db.close();
  const sink = t.url ? await postgresSink(t.url) : await pgliteSink(path.join(t.dataDir, 'pglite'));
  try {
    await bulkLoad(sink, { spec: t.spec, org, objects, pipelineId, sink, now: Date.now(), log });
    const counts: Record<string, number> = {};
    for (const tb of LOADED_TABLES) counts[tb] = Number((await sink.exec(`select count(*)::int as n from ${tb}`)).rows[0].n);
    const meta: DataSetMeta = { spec: t.spec, workspaceId: org.workspaceId, pipelineId, generatedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), counts };
    await sink.exec("insert into bench_meta (key, value) values ('dataset', $1::jsonb) on conflict (key) do update set value = excluded.value", [JSON.stringify(meta)]);
    return meta;
  } finally {
    await sink.close();
  }
}

// jsonb keeps its own key order: compare field by field.
const sameSpec = (a: DataSpec, b: DataSpec) => (Object.keys(b) as (keyof DataSpec)[]).every((k) => a[k] === b[k]);

/** The data set of the flags' size: reused when complete and of the same spec, else generated afresh. */
export async function ensureDataSet(flags: Flags, log: (m: string) => void): Promise<DataSet> {
  const t = targetOf(flags);
  const target = t.url ? `postgres ${t.name}` : `pglite ${t.dataDir}`;
  if (flags.fresh) await resetTarget(flags);
  let db = await openTarget(flags);
  const meta = await readMeta(db);
  if (meta && sameSpec(meta.spec, t.spec)) {
    await db.close();
    return { reused: true, target, spec: t.spec, meta, url: t.url, dataDir: t.dataDir };
  }
  const ws = await db.executeSql('select count(*)::int as n from workspaces');
  if (meta || ws.rows[0].n > 0) {
    log(`${target} holds another or an incomplete data set: starting again`);
    await db.close();
    await resetTarget(flags);
    db = await openTarget(flags);
  }
  log(`generating the ${t.spec.label} data set in ${target}`);
  const fresh = await generate(flags, db, log);
  return { reused: false, target, spec: t.spec, meta: fresh, url: t.url, dataDir: t.dataDir };
}
