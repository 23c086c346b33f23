/**
 * npx tsx bench/roundtrips.ts [--quick]        (SESSION_CACHE_TTL_MS=0 to see it without the session cache)
 * Database round trips and server CPU per request for the hot requests, in process (app.inject, no HTTP,
 * no load generator): "statements" are what the code sends through Kysely (each was one round trip before
 * deferred-begin.ts), "round trips" what reaches the wire. Deterministic, so it shows what each change
 * saves even while other work makes the machine's timings noisy. PRINT_SQL=1 N=1 ONLY=GET prints what is sent.
 */
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/database.js';
import { ensureDataSet } from './lib/dataset.js';
import { prepareFixtures } from './lib/fixtures.js';
import { parseFlags } from './lib/options.js';
import { LIST_VARIANTS, SEARCHES, listPath } from './lib/queries.js';
import { cleanup } from './lib/housekeeping.js';

const flags = parseFlags();
const ds = await ensureDataSet(flags, (m) => console.log(m));
const fx = await prepareFixtures(ds, { reps: 2, managers: 1 });
const started = new Date();
const db = await openDatabase({ url: ds.url, dataDir: ds.dataDir, poolSize: 20 });
const app = await buildApp({ config: { ...loadConfig(), logLevel: 'warn' }, db, logger: false });
await app.ready();

let wire = 0;
let statements = 0;
const proto = pg.Client.prototype as any;
const orig = proto.query;
const printing = process.env.PRINT_SQL === '1';
proto.query = function (...args: unknown[]) {
  wire++;
  if (printing) console.log('  >', String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text ?? '(stream)').replace(/\s+/g, ' ').slice(0, 400));
  if (typeof args[0] === 'string') statements += (args[0] as string).startsWith('begin;\n') ? 2 : 1;
  else statements++;
  return orig.apply(this, args);
};

const rep = fx.reps[0];
const c = rep.contacts[0];
const all: Array<[string, () => { method: string; url: string; payload?: string }]> = [
  ['record GET', () => ({ method: 'GET', url: `/api/v1/contacts/${c.id}` })],
  ...LIST_VARIANTS.map((v) => [`list ${v.id}`, () => ({ method: 'GET', url: listPath(v) })] as [string, () => { method: string; url: string }]),
  ...SEARCHES.map((s) => [s.id, () => ({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(s.q)}` })] as [string, () => { method: string; url: string }]),
  ['PATCH contact', () => ({ method: 'PATCH', url: `/api/v1/contacts/${c.id}`, payload: JSON.stringify({ title: `t${Date.now()}` }) })],
  ['POST follow-up', () => ({ method: 'POST', url: '/api/v1/activities', payload: JSON.stringify({ name: 'bench', type: 'call', contactId: c.id }) })],
];
const only = process.env.ONLY;
const kinds = all.filter(([name]) => !only || name.includes(only));
const N = Number(process.env.N ?? 200);
console.log(`\nsession cache TTL ${process.env.SESSION_CACHE_TTL_MS ?? 'default'}; ${N} requests each, sequential, as ${rep.role} ${rep.key}\n`);
console.log('| request | statements / req | round trips / req | server CPU ms / req |\n|---|---|---|---|');
for (const [name, make] of kinds) {
  for (let i = 0; i < 5; i++) await app.inject({ ...make(), headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrf, 'content-type': 'application/json' } });
  wire = 0;
  statements = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const res = await app.inject({ ...make(), headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrf, 'content-type': 'application/json' } });
    if (res.statusCode >= 300) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(`| ${name} | ${(statements / N).toFixed(2)} | ${(wire / N).toFixed(2)} | ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} |`);
}
proto.query = orig;
await app.close();
await db.close();
await cleanup(ds, fx, started);
