import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { withTenant } from '../src/db/tenant.js';
import { backfillSearchIndex, rebuildSearchIndex } from '../src/platform/search/index.js';
import { createWorkspace } from '../src/platform/workspace.service.js';
import { ENGINE, newWorkspace, PASSWORD, PG_URL, signIn, SKIP, startTestApp, testConfig, uniqueEmail, type Client, type TestEnv } from './helpers.js';
import { addCustomObject, addUser } from './dataio-fixtures.js';

async function create(c: Client, object: string, body: Record<string, unknown>): Promise<string> {
  const res = await c.post(`/api/v1/${object}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function search(c: Client, q: string, objects?: string) {
  const res = await c.get(`/api/v1/search?q=${encodeURIComponent(q)}${objects ? `&objects=${objects}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { object: string; id: string; name: string; match: string }[];
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm run cli -- …` as an operator runs it, in a child process. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(REPO, 'node_modules/.bin/tsx'), [path.join(REPO, 'server/src/cli.ts'), ...args], {
      cwd: REPO, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LANG: 'C', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(SKIP)('search', () => {
  let env: TestEnv;
  let ws: Awaited<ReturnType<typeof newWorkspace>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await startTestApp();
    ws = await newWorkspace(env);
    const a = ws.admin;
    ids.acme = await create(a, 'accounts', { name: 'Acme Inc.', website: 'https://www.acme.com' });
    ids.acmeHoldings = await create(a, 'accounts', { name: 'Acme Holdings Co., Ltd.' });
    ids.weiye = await create(a, 'accounts', { name: '伟业科技有限公司' });
    ids.xingchen = await create(a, 'accounts', { name: '上海星辰科技有限公司', phone: '02161234567' });
    ids.zhangwei = await create(a, 'contacts', { name: '张伟', mobile: '13812345678', email: 'z.wei@xingchen-tech.cn', accountId: ids.xingchen });
    ids.zhangweiming = await create(a, 'contacts', { name: '张伟明', mobile: '13987654321', email: 'zwm@acme.com' });
    ids.wangwei = await create(a, 'contacts', { name: '王伟', mobile: '13700001111', email: 'wang@example.com' });
    ids.crede = await create(a, 'contacts', { name: 'Zoë Crédito', email: 'zoe@acme.com' });
    ids.liuyang = await create(a, 'contacts', { name: '刘洋', email: 'sunny.liu@example.org' });
    ids.yuanjing = await create(a, 'accounts', { name: '北京远景贸易有限公司', phone: '+86 10 8888 6666' });
  });
  afterAll(async () => { await env?.close(); });

  it.each([
    ['张伟', 'zhangwei'],
    ['伟', 'weiye'],
    ['zhangwei', 'zhangwei'],
    ['zw', 'zhangwei'],
    ['zhang wei', 'zhangwei'],
    ['acme', 'acme'],
    ['ACME', 'acme'],
    ['1234 5678', 'zhangwei'],
    ['5678', 'zhangwei'],
    ['138123', 'zhangwei'],
    ['xingchen-tech.cn', 'zhangwei'],
    ['星辰', 'xingchen'],
    ['xingchen', 'xingchen'],
    ['credito', 'crede'],
    ['ＡＣＭＥ', 'acme'],
    ['61234567', 'xingchen'],
    // The local part of an e-mail address, and a number stored with +86 found as dialled at home.
    ['sunny', 'liuyang'],
    ['sunny.liu@example.org', 'liuyang'],
    ['010 8888', 'yuanjing'],
    ['010-88886666', 'yuanjing'],
  ])('%s finds the right record first', async (q, key) => {
    const hits = await search(ws.admin, q);
    expect(hits.length, q).toBeGreaterThan(0);
    expect(hits[0].id, `${q} → ${JSON.stringify(hits.slice(0, 3))}`).toBe(ids[key]);
  });

  it('ranks exact names, then prefixes, then the rest', async () => {
    const hits = await search(ws.admin, 'zw', 'contacts');
    expect(hits.map((h) => h.id)).toEqual([ids.zhangwei, ids.zhangweiming]);
    expect(hits.map((h) => h.match)).toEqual(['exact', 'prefix']);
    const acme = await search(ws.admin, 'acme');
    expect(acme.slice(0, 2).map((h) => h.id)).toEqual([ids.acme, ids.acmeHoldings]);
    expect(acme.map((h) => h.id)).toEqual(expect.arrayContaining([ids.zhangweiming, ids.crede]));
  });

  it('uses the index for the q of lists, and follows edits', async () => {
    const list = await ws.admin.get(`/api/v1/contacts?q=${encodeURIComponent('zw')}`);
    expect(list.json().data.map((r: any) => r.id).sort()).toEqual([ids.zhangwei, ids.zhangweiming].sort());
    const upd = await ws.admin.patch(`/api/v1/contacts/${ids.wangwei}`, { name: '李娜' });
    expect(upd.statusCode).toBe(200);
    expect((await search(ws.admin, '王伟')).map((h) => h.id)).not.toContain(ids.wangwei);
    expect((await search(ws.admin, 'lina'))[0].id).toBe(ids.wangwei);
    await ws.admin.delete(`/api/v1/contacts/${ids.wangwei}`);
    expect((await search(ws.admin, 'lina')).map((h) => h.id)).not.toContain(ids.wangwei);
    await ws.admin.post(`/api/v1/contacts/${ids.wangwei}/restore`);
    expect((await search(ws.admin, 'lina'))[0].id).toBe(ids.wangwei);
  });

  it('serves the q of every object\'s list, custom objects included, from the index', async () => {
    await addCustomObject(env, ws.workspaceId, 'projects', 'Project');
    const park = await create(ws.admin, 'projects', { name: '智慧园区一期' });
    await create(ws.admin, 'projects', { name: 'ERP 升级' });
    const lead = await create(ws.admin, 'leads', { name: '赵敏', company: 'Acme', mobile: '13655556666' });
    const opp = await create(ws.admin, 'opportunities', { name: '星辰 CRM 采购', accountId: ids.xingchen });
    // Pinyin, initials, phone tails and e-mail domains: no substring match of the name finds these.
    const cases: [string, string, string[]][] = [
      ['projects', 'zhihuiyuanqu', [park]], ['projects', 'zhyq', [park]], ['leads', 'zm', [lead]], ['leads', '556666', [lead]],
      ['accounts', 'xingchen', [ids.xingchen]], ['contacts', 'xingchen-tech.cn', [ids.zhangwei]], ['opportunities', 'xingchen', [opp]],
      ['contacts', 'zw', [ids.zhangwei, ids.zhangweiming]],
    ];
    for (const [object, q, want] of cases) {
      const res = await ws.admin.get(`/api/v1/${object}?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data.map((r: any) => r.id).sort(), `${object}?q=${q}`).toEqual([...want].sort());
    }
    const exported = await ws.admin.get('/api/v1/projects/export?q=zhyq&fields=name');
    expect(exported.body.replace(/^\uFEFF/, '').trim().split('\n')).toEqual(['name', '智慧园区一期']);
  });

  it('never shows a record outside the user\'s scope, nor spells out masked numbers', async () => {
    const rep = await addUser(env, ws, 'rep', { name: 'Rep One' });
    const mine = await create(rep.client, 'contacts', { name: '张伟', mobile: '13811112222' });
    const hits = await search(rep.client, '张伟');
    expect(hits.map((h) => h.id)).toEqual([mine]);
    for (const q of ['zhangwei', 'zw', 'acme', '5678', '星辰', 'xingchen-tech.cn']) {
      const ids2 = (await search(rep.client, q)).map((h) => h.id);
      expect(ids2.every((id) => id === mine), q).toBe(true);
    }
    const list = await rep.client.get('/api/v1/contacts?q=zw');
    expect(list.json().data.map((r: any) => r.id)).toEqual([mine]);
    // Own records: partial numbers match. Shared records the rep cannot unmask: only the whole number.
    expect((await search(rep.client, '1381111')).map((h) => h.id)).toEqual([mine]);
    await withTenant(env.db, ws.workspaceId, (trx) => sql`insert into record_shares (workspace_id, object, record_id, user_id, access)
      values (${ws.workspaceId}::uuid, 'contacts', ${ids.zhangwei}::uuid, ${rep.id}::uuid, 'read')`.execute(trx));
    expect((await search(rep.client, '1381234')).map((h) => h.id)).toEqual([]);
    expect((await search(rep.client, '13812345678')).map((h) => h.id)).toEqual([ids.zhangwei]);
    expect((await search(rep.client, '5678')).map((h) => h.id)).toEqual([ids.zhangwei]);
    expect((await search(ws.admin, '1381234')).map((h) => h.id)).toEqual([ids.zhangwei]);
  });

  it('rejects bad queries with a localised 4xx and survives odd input', async () => {
    ws.admin.lang = 'zh-CN';
    const bad = await ws.admin.get('/api/v1/search?q=x&objects=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().title).toContain('nope');
    ws.admin.lang = 'en-US';
    expect((await ws.admin.get('/api/v1/search')).statusCode).toBe(400);
    for (const q of ["'", "\\", "':*|&!()", '%_', '----', '‮', '🙂', ' ']) {
      const res = await ws.admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
    }
  });

  it.skipIf(ENGINE !== 'postgres')('rebuilds the index from the command line (DATABASE_URL)', async () => {
    await withTenant(env.db, ws.workspaceId, (trx) => sql`delete from search_index where workspace_id = ${ws.workspaceId}::uuid`.execute(trx));
    expect(await search(ws.admin, 'zw', 'contacts')).toEqual([]);
    const res = await cli(['search', 'rebuild', '--workspace', ws.workspaceId], { DATABASE_URL: PG_URL });
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/Search index rebuilt: 1 workspace\(s\), \d+ record\(s\), 0 stale row\(s\) removed\./);
    expect((await search(ws.admin, 'zw', 'contacts'))[0].id).toBe(ids.zhangwei);
  });

  it('rebuilds the index from the records', async () => {
    await withTenant(env.db, ws.workspaceId, (trx) => sql`delete from search_index where workspace_id = ${ws.workspaceId}::uuid`.execute(trx));
    expect(await search(ws.admin, '张伟')).toEqual([]);
    // A workspace with records but no index rows (written before the index existed) is filled at start-up.
    expect(await backfillSearchIndex(env.db)).toBeGreaterThanOrEqual(1);
    expect((await search(ws.admin, 'zw', 'contacts'))[0].id).toBe(ids.zhangwei);
    const r = await rebuildSearchIndex(env.db, ws.workspaceId);
    expect(r.records).toBeGreaterThanOrEqual(8);
    expect((await search(ws.admin, '伟', 'accounts'))[0].id).toBe(ids.weiye);
  });
});

describe.skipIf(ENGINE !== 'pglite')('search index rebuild on the embedded database', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-search-cli-')); });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('npm run cli -- search rebuild fills the index of every workspace', async () => {
    expect((await cli(['migrate'], { DATA_DIR: dir })).code).toBe(0);
    const open = async () => {
      const db = await openDatabase({ url: null, dataDir: dir });
      const app = await buildApp({ config: testConfig(), db, logger: false });
      await app.ready();
      return { db, app, close: async () => { await app.close(); await db.close(); } };
    };
    const env = await open();
    const email = uniqueEmail('cli');
    const { workspaceId } = await createWorkspace(env.db, { name: 'Cli', adminEmail: email, adminPassword: PASSWORD, locale: 'en-US' });
    const admin = await signIn(env.app, email);
    const id = (await admin.post('/api/v1/contacts', { name: '张伟', mobile: '13812345678' })).json().id;
    await withTenant(env.db, workspaceId, (trx) => sql`delete from search_index where workspace_id = ${workspaceId}::uuid`.execute(trx));
    await env.close();
    const res = await cli(['search', 'rebuild'], { DATA_DIR: dir });
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/Search index rebuilt: 1 workspace\(s\), [1-9]\d* record\(s\)/);
    // Read the index itself: a server starting on this database would fill an empty index on its own.
    const db = await openDatabase({ url: null, dataDir: dir });
    const rows = await withTenant(db, workspaceId, (trx) => sql<{ record_id: string }>`select record_id from search_index
      where workspace_id = ${workspaceId}::uuid and tokens @@ '''zhangwei'''::tsquery`.execute(trx));
    expect(rows.rows.map((r) => r.record_id)).toEqual([id]);
    await db.close();
  }, 120_000);
});
