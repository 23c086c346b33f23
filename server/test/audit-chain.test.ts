import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { isUuid, withTenant } from '../src/db/tenant.js';
import { recordAudit } from '../src/platform/audit/audit.service.js';
import { verifyAllAuditChains } from '../src/platform/audit/audit-verify-all.js';
import { createWorkspace } from '../src/platform/workspace.service.js';
import { ENGINE, newWorkspace, PASSWORD, PG_URL, SKIP, startTestApp, uniqueEmail, type TestEnv } from './helpers.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Rewrites one audit row behind the append-only trigger's back, as an attacker with the owner role could. */
async function tamper(db: Database, workspaceId: string, seq: number): Promise<void> {
  if (!isUuid(workspaceId) || !Number.isInteger(seq)) throw new Error('bad arguments');
  await db.executeSql(`begin;
    alter table audit_log disable trigger audit_log_append_only;
    update audit_log set detail = '{"tampered": true}'::jsonb where workspace_id = '${workspaceId}' and seq = ${seq};
    alter table audit_log enable trigger audit_log_append_only;
    commit;`);
}

async function writeAudit(db: Database, workspaceId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await withTenant(db, workspaceId, (trx) => recordAudit(trx, { workspaceId, actorId: null, event: 'test.event', detail: { i, text: '审计 ✓' } }));
  }
}

/** The command-line program as an operator runs it, in a child process. */
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

describe.skipIf(SKIP)('audit chain', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('reports exactly the row that was tampered with', async () => {
    const { workspaceId } = await newWorkspace(env);
    await writeAudit(env.db, workspaceId, 4);
    const clean = (await verifyAllAuditChains(env.db, workspaceId))!;
    expect(clean[0]).toMatchObject({ ok: true, workspaceId });
    const total = clean[0].checked;
    expect(total).toBeGreaterThanOrEqual(4);
    await tamper(env.db, workspaceId, 3);
    const bad = (await verifyAllAuditChains(env.db, workspaceId))!;
    expect(bad[0]).toMatchObject({ ok: false, checked: 2, firstBad: { seq: 3, reason: 'content does not match its hash' } });
    // The trigger is back: nobody else can rewrite history.
    await expect(env.db.executeSql(`update audit_log set event = 'x' where workspace_id = $1 and seq = 1`, [workspaceId])).rejects.toThrow(/append-only/);
  });

  it('lists the log for administrators with filters and keyset pages', async () => {
    const { workspaceId, admin, adminId } = await newWorkspace(env);
    await writeAudit(env.db, workspaceId, 3);
    await admin.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/' });
    const all = (await admin.get('/api/v1/audit?limit=500')).json();
    const seqs = all.data.map((r: any) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => b - a));
    const tests = (await admin.get('/api/v1/audit?event=test.event&limit=2')).json();
    expect(tests.data.map((r: any) => r.detail.i)).toEqual([2, 1]);
    const rest = (await admin.get(`/api/v1/audit?event=test.event&limit=2&cursor=${tests.nextCursor}`)).json();
    expect(rest.data.map((r: any) => r.detail.i)).toEqual([0]);
    const byActor = (await admin.get(`/api/v1/audit?actorId=${adminId}`)).json();
    expect(byActor.data.length).toBeGreaterThan(0);
    expect(byActor.data.every((r: any) => r.actorId === adminId)).toBe(true);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await admin.get(`/api/v1/audit?from=${encodeURIComponent(future)}`)).json().data).toEqual([]);
    expect((await admin.get(`/api/v1/audit?to=${encodeURIComponent(future)}`)).json().data.length).toBe(all.data.length);
    expect((await admin.get('/api/v1/audit?from=yesterday')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/audit?cursor=zzz')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/audit?actorId=nobody')).json().data).toEqual([]);
  });

  it.skipIf(ENGINE !== 'postgres')('verifies from the command line against PostgreSQL (DATABASE_URL)', async () => {
    const { workspaceId } = await newWorkspace(env);
    await writeAudit(env.db, workspaceId, 2);
    const ok = await cli(['audit', 'verify', '--workspace', workspaceId], { DATABASE_URL: PG_URL });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(new RegExp(`OK  workspace ${workspaceId} .*: \\d+ audit rows verified`));
    await tamper(env.db, workspaceId, 2);
    const bad = await cli(['audit', 'verify', '--workspace', workspaceId], { DATABASE_URL: PG_URL });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`TAMPERED  workspace ${workspaceId}`);
    expect(bad.out).toContain('row seq 2: content does not match its hash');
    const missing = await cli(['audit', 'verify', '--workspace', '00000000-0000-0000-0000-000000000001'], { DATABASE_URL: PG_URL });
    expect(missing.code).toBe(2);
  });
});

describe.skipIf(ENGINE !== 'pglite')('command line on the embedded database', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-')); });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('migrates, verifies every workspace, finds tampering and resets a password', async () => {
    const migrated = await cli(['migrate'], { DATA_DIR: dir });
    expect(migrated.code, migrated.err).toBe(0);
    expect(migrated.out).toMatch(/Migrations done; \d+ file\(s\) applied/);
    const email = uniqueEmail('cli');
    let db = await openDatabase({ url: null, dataDir: dir });
    const a = await createWorkspace(db, { name: 'Alpha', adminEmail: email, adminPassword: PASSWORD, locale: 'en-US' });
    const b = await createWorkspace(db, { name: 'Beta', adminEmail: uniqueEmail('cli'), adminPassword: PASSWORD, locale: 'en-US' });
    await writeAudit(db, a.workspaceId, 3);
    await writeAudit(db, b.workspaceId, 2);
    await db.close();

    const ok = await cli(['audit', 'verify'], { DATA_DIR: dir });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain(`OK  workspace ${a.workspaceId} (Alpha): 3 audit rows verified`);
    expect(ok.out).toContain(`OK  workspace ${b.workspaceId} (Beta): 2 audit rows verified`);

    db = await openDatabase({ url: null, dataDir: dir });
    await tamper(db, b.workspaceId, 2);
    await db.close();
    const bad = await cli(['audit', 'verify'], { DATA_DIR: dir });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`OK  workspace ${a.workspaceId}`);
    expect(bad.out).toContain(`TAMPERED  workspace ${b.workspaceId} (Beta): row seq 2: content does not match its hash`);
    expect(bad.out).toContain('2 workspace(s), 4 row(s), 1 workspace(s) with a tampered chain.');

    const reset = await cli(['users', 'reset-password', email], { DATA_DIR: dir });
    expect(reset.code, reset.err).toBe(0);
    const pw = /New password: (\S+)/.exec(reset.out)?.[1];
    expect(pw).toBeTruthy();
    const unknown = await cli(['users', 'reset-password', 'nobody@example.test'], { DATA_DIR: dir });
    expect(unknown.code).toBe(2);
    expect((await cli(['frobnicate'], { DATA_DIR: dir })).code).toBe(2);

    // The new password signs in; the old one no longer does.
    const app = await startTestAppOn(dir);
    try {
      const login = (password: string) => app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      expect((await login(pw!)).statusCode).toBe(200);
      expect((await login(PASSWORD)).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  }, 300_000); // an on-disk embedded database is slow to create on a busy machine
});

async function startTestAppOn(dataDir: string) {
  const db = await openDatabase({ url: null, dataDir });
  await migrate(db);
  const { buildApp } = await import('../src/app.js');
  const { testConfig } = await import('./helpers.js');
  const app = await buildApp({ config: testConfig(), db, logger: false });
  await app.ready();
  return { app, async close() { await app.close(); await db.close(); } };
}
