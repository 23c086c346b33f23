/**
 * npx tsx bench/explain.ts [--quick] [--embedded] [--query=<title part>]   (EXPLAIN_JIT=on: with JIT compilation;
 *   EXPLAIN_SET='max_parallel_workers_per_gather=0;…': settings to try)
 * EXPLAIN (ANALYZE, BUFFERS) of the hot queries on the bench data set, for a rep and a manager: each query is
 * the SQL the pipeline itself generates (captured in process), run the way the server runs it (inside
 * withTenant: rapport_app, row-level security, the same session settings). docs/performance.md quotes it.
 */
import { CompiledQuery } from 'kysely';
import { listParams } from '../server/src/api/records.routes.js';
import { openDatabase } from '../server/src/db/database.js';
import { withTenant } from '../server/src/db/tenant.js';
import { globalSearch } from '../server/src/platform/search/index.js';
import { getRecord, listRecords } from '../server/src/records/record-read.service.js';
import { runRecords } from '../server/src/records/run.js';
import { authAs, ensureDataSet } from './lib/dataset.js';
import { capture } from './lib/fixtures.js';
import { loadBenchOrg } from './lib/org.js';
import { parseFlags } from './lib/options.js';
import { LIST_VARIANTS, SEARCHES } from './lib/queries.js';
import { forecastReport, funnelReport } from '../server/src/modules/sales/reports.service.js';

const flags = parseFlags();
const ds = await ensureDataSet(flags, (m) => console.log(m));
const db = await openDatabase({ url: ds.url, dataDir: ds.dataDir, poolSize: 2 });
const ws = ds.meta.workspaceId;
const org = await loadBenchOrg(db, ws);
const only = process.argv.find((a) => a.startsWith('--query='))?.slice(8);
const counts = await db.executeSql('select owner_id, count(*)::int as n from contacts where workspace_id = $1 group by 1 order by 2 desc', [ws]);
const reps = counts.rows.map((r) => org.users.find((u) => u.id === r.owner_id)).filter((u) => u?.role === 'rep');
// Owners follow a Zipf law: the department of the top owner holds about half of every table.
const deptSize = new Map<string, number>();
for (const r of counts.rows) {
  const u = org.users.find((x) => x.id === r.owner_id);
  if (u) deptSize.set(u.departmentId, (deptSize.get(u.departmentId) ?? 0) + Number(r.n));
}
const managers = org.users.filter((u) => u.role === 'manager').sort((a, b) => (deptSize.get(a.departmentId) ?? 0) - (deptSize.get(b.departmentId) ?? 0));
const who = [
  { label: 'rep (median owner)', user: reps[Math.floor(reps.length / 2)]! },
  { label: 'manager (department tree)', user: org.users.find((u) => u.role === 'manager')! },
  { label: 'manager (largest department)', user: managers[managers.length - 1] },
].filter((w) => !process.env.EXPLAIN_WHO || w.label.includes(process.env.EXPLAIN_WHO));

// What globalSearch sets for its transaction (platform/search/search.service.ts) before its one query.
const SEARCH_SETTINGS = 'enable_seqscan=off;enable_indexscan=off;max_parallel_workers_per_gather=0';

async function explain(title: string, run: () => Promise<unknown>, match: (t: string) => boolean, settings = ''): Promise<void> {
  if (only && !title.includes(only)) return;
  const q = await capture(match, run);
  const plan = await withTenant(db, ws, async (trx) => {
    // EXPLAIN_JIT=on shows what the server's "jit off" (db/tenant.ts) saves.
    if (process.env.EXPLAIN_JIT === 'on') await trx.executeQuery(CompiledQuery.raw('set local jit = on'));
    // EXPLAIN_SET="name=value;…": settings to try on the captured query.
    for (const kv of `${settings};${process.env.EXPLAIN_SET ?? ''}`.split(';').filter(Boolean)) {
      const [name, value] = kv.split('=');
      await trx.executeQuery(CompiledQuery.raw('select set_config($1, $2, true)', [name.trim(), value.trim()]));
    }
    return (await trx.executeQuery(CompiledQuery.raw(`explain (analyze, buffers) ${q.text}`, q.values))).rows;
  });
  console.log(`\n### ${title}\n\n\`\`\`sql\n${q.text.replace(/\n\s+/g, '\n  ')}\n\`\`\`\n\n\`\`\`\n${plan.map((r: any) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
}

for (const { label, user } of who) {
  const auth = await authAs(db, ws, user.id, false);
  const sample = await db.executeSql('select id from contacts where workspace_id = $1 and owner_id = $2 limit 1', [ws, user.id]);
  const id = sample.rows[0]?.id;
  if (id) await explain(`record GET, ${label}`, () => runRecords(db, auth, (ctx) => getRecord(ctx, 'contacts', id)), (t) => t.includes('from "contacts" t') && t.includes('t.id = $'));
  for (const v of LIST_VARIANTS) {
    await explain(`list ${v.id}, ${label}`, () => runRecords(db, auth, (ctx) => listRecords(ctx, v.object, listParams(v.query))), (t) => t.includes(`from "${v.object}" t`) && t.includes(' limit $'));
  }
  const board = { filter: JSON.stringify({ field: 'pipelineId', op: 'eq', value: ds.meta.pipelineId }), sort: '-amount', limit: 200, fields: 'name,amount,stage' };
  await explain(`kanban board, ${label}`, () => runRecords(db, auth, (ctx) => listRecords(ctx, 'opportunities', listParams(board))), (t) => t.includes('from "opportunities" t') && t.includes(' limit $'));
  await explain(`funnel, ${label}`, () => runRecords(db, auth, (ctx) => funnelReport(ctx, { pipelineId: ds.meta.pipelineId })), (t) => t.includes('group by t.stage'));
  await explain(`forecast, ${label}`, () => runRecords(db, auth, (ctx) => forecastReport(ctx, {})), (t) => t.includes('to_char(t.expected_close_date'));
  for (const s of SEARCHES) {
    await explain(`${s.id} "${s.q}", ${label}`, () => runRecords(db, auth, (ctx) => globalSearch(ctx, s.q, undefined, 20)), (t) => t.includes('union all'), SEARCH_SETTINGS);
  }
}
await db.close();
