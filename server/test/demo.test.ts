import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../src/platform/workspace.service.js';
import { DEMO_PASSWORD, seedDemo } from '../src/platform/demo/demo.seed.js';
import { SKIP, startTestApp, signIn, uniqueEmail, PASSWORD, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('demo workspace', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('seeds a bilingual org with customers and deals that demo users can sign in to', async () => {
    const adminEmail = uniqueEmail('demo-admin');
    const ws = await createWorkspace(env.db, { name: 'Rapport 演示公司', adminEmail, adminPassword: PASSWORD });
    await seedDemo(env.db, ws.workspaceId);
    const admin = await signIn(env.app, adminEmail);
    const users = (await admin.get('/api/v1/users?limit=50')).json().data.map((u: any) => u.name);
    expect(users).toEqual(expect.arrayContaining(['张伟', '王芳', 'Emily Carter', 'James Miller']));
    const accounts = (await admin.get('/api/v1/accounts?limit=200')).json().data;
    expect(accounts.some((a: any) => /[\u4e00-\u9fff]/.test(a.name))).toBe(true);
    expect(accounts.some((a: any) => /^[A-Za-z]/.test(a.name))).toBe(true);
    expect((await admin.get('/api/v1/opportunities?limit=200')).json().data.length).toBeGreaterThan(3);
    expect((await admin.get('/api/v1/activities?limit=200')).json().data.length).toBeGreaterThan(3);
    // Each run has a fresh database, so the demo e-mails are free.
    const rep = await signIn(env.app, 'zhangwei@demo.rapport.local', DEMO_PASSWORD);
    const own = (await rep.get('/api/v1/accounts?limit=200')).json().data;
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(accounts.length);
  });
});
