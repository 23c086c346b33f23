import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { createUser, newWorkspace, PASSWORD, signIn, SKIP, startTestApp, type TestEnv } from './helpers.js';

const BLNS: string[] = JSON.parse(fs.readFileSync(new URL('../../../shared/fixtures/naughty-strings/blns.json', import.meta.url), 'utf8'));

describe.skipIf(SKIP)('profile and password', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('reads and changes name, language and time zone', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws, { name: 'Li Lei' });
    const before = (await u.client.get('/api/v1/me/profile')).json();
    expect(before).toMatchObject({ id: u.id, email: u.email, name: 'Li Lei', locale: 'en-US', mfaEnabled: false, departmentId: ws.rootDepartmentId });
    const changed = await u.client.patch('/api/v1/me/profile', { name: '李雷', locale: 'zh-CN', timeZone: 'europe/berlin' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: '李雷', locale: 'zh-CN', timeZone: 'Europe/Berlin' });
    expect((await u.client.get('/api/v1/auth/me')).json().user).toMatchObject({ name: '李雷', locale: 'zh-CN', timeZone: 'Europe/Berlin' });
    u.client.lang = 'zh-CN';
    const bad = await u.client.patch('/api/v1/me/profile', { name: '', locale: 'de-DE', timeZone: '+08:00' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string; message: string }) => `${e.field}:${e.message}`).sort()).toEqual([
      'locale:语言只能是 zh-CN 或 en-US。', 'name:此项为必填。', 'timeZone:请填写有效的时区，例如 Asia/Shanghai 或 Europe/Berlin。',
    ]);
    for (const timeZone of ['Mars/Olympus', 'UTC; drop table users', 'x'.repeat(65)]) {
      expect((await u.client.patch('/api/v1/me/profile', { timeZone })).statusCode, timeZone).toBe(422);
    }
    expect((await u.client.patch('/api/v1/me/profile', { email: 'new@example.test' })).statusCode).toBe(422);
    expect((await u.client.get('/api/v1/me/profile')).json()).toMatchObject({ name: '李雷', timeZone: 'Europe/Berlin', email: u.email });
  });

  it('keeps every naughty string as a name, or refuses it with a 422', async () => {
    const ws = await newWorkspace(env);
    const dept = (await ws.admin.post('/api/v1/departments', { name: 'Renamed', parentId: ws.rootDepartmentId })).json();
    for (const s of BLNS) {
      const trimmed = s.trim();
      const ok = trimmed !== '' && [...trimmed].length <= 100;
      const profile = await ws.admin.patch('/api/v1/me/profile', { name: s });
      expect(profile.statusCode, JSON.stringify(s)).toBe(ok ? 200 : 422);
      if (ok) expect(profile.json().name).toBe(trimmed);
      const d = await ws.admin.patch(`/api/v1/departments/${dept.id}`, { name: s });
      expect(d.statusCode, JSON.stringify(s)).toBe(ok ? 200 : 422);
      if (ok) expect(d.json().name).toBe(trimmed);
    }
  });

  it('changes the password, ending the other sessions', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    const elsewhere = await signIn(env.app, u.email);
    const wrong = await u.client.post('/api/v1/me/password', { currentPassword: 'nope-nope-1', newPassword: 'fresh-password-2' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'currentPassword', code: 'auth.passwordWrong' });
    const weak = await u.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short1' });
    expect(weak.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'auth.passwordPolicy', message: 'The password must be at least 10 characters and contain letters and digits.' });
    expect((await u.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD })).json().errors[0].code).toBe('identity.passwordReused');
    expect((await elsewhere.get('/api/v1/auth/me')).statusCode).toBe(200);
    const done = await u.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'fresh-password-2' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().sessionsEnded).toBe(1);
    expect((await elsewhere.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
    await expect(signIn(env.app, u.email)).rejects.toThrow(/401/);
    expect((await signIn(env.app, u.email, 'fresh-password-2').then((c) => c.get('/api/v1/me/profile'))).json().passwordChangedAt).not.toBeNull();
    const ev = await withTenant(env.db, ws.workspaceId, async (trx) => (await trx.selectFrom('audit_log').select('event').where('workspace_id', '=', ws.workspaceId).execute()).map((r) => r.event));
    expect(ev).toContain('auth.passwordChanged');
  });

  it('counts wrong current passwords toward the lockout and refuses API keys', async () => {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    for (let i = 0; i < 4; i++) expect((await u.client.post('/api/v1/me/password', { currentPassword: `guess-${i}-password`, newPassword: 'fresh-password-2' })).statusCode).toBe(422);
    expect((await u.client.post('/api/v1/me/password', { currentPassword: 'guess-5-password', newPassword: 'fresh-password-2' })).statusCode).toBe(423);
    expect((await u.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'fresh-password-2' })).statusCode).toBe(423);
    const key = (await ws.admin.post('/api/v1/api-keys', { name: 'k' })).json().token;
    const viaKey = await env.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { authorization: `Bearer ${key}` }, payload: { currentPassword: PASSWORD, newPassword: 'fresh-password-2' } });
    expect(viaKey.statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/me/profile', headers: { authorization: `Bearer ${key}` } })).json().id).toBe(ws.adminId);
  });
});
