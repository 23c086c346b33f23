import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP } from '../src/api/auth.routes.js';
import { createUser, newWorkspace, PASSWORD, SKIP, startTestApp, uniqueEmail, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('sign-in: lockout and rate limits', () => {
  let env: TestEnv;
  // X-Forwarded-For names the client, as behind a proxy.
  beforeAll(async () => { env = await startTestApp({ trustProxy: true }); });
  afterAll(async () => { await env?.close(); });

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers: { 'accept-language': 'en-US', ...headers } });

  async function auditEvents(workspaceId: string): Promise<string[]> {
    return withTenant(env.db, workspaceId, async (trx) => (await trx.selectFrom('audit_log').select('event').where('workspace_id', '=', workspaceId).orderBy('seq').execute()).map((r) => r.event));
  }

  it('locks the account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
    const ws = await newWorkspace(env);
    const { email, id } = await createUser(env, ws);
    for (let i = 1; i <= 4; i++) {
      const r = await login(email, 'wrong-password-1');
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe('auth.invalidCredentials');
    }
    const fifth = await login(email, 'wrong-password-1', { 'accept-language': 'zh-CN' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.headers['content-type']).toContain('application/problem+json');
    expect(fifth.json()).toMatchObject({ code: 'auth.locked', title: '失败次数过多，账号已锁定 15 分钟。' });
    const right = await login(email, PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.cookies).toHaveLength(0);
    // The administrator sees the lock; once it has passed, the right password works again.
    const seen = (await ws.admin.get(`/api/v1/users/${id}`)).json();
    expect(new Date(seen.lockedUntil).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    await withTenant(env.db, ws.workspaceId, (trx) => trx.updateTable('users').set({ locked_until: new Date(Date.now() - 1000) })
      .where('workspace_id', '=', ws.workspaceId).where('id', '=', id).execute());
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
    const events = await auditEvents(ws.workspaceId);
    expect(events.filter((e) => e === 'auth.loginFailed').length).toBe(6);
    expect(events).toContain('auth.lockedOut');
  });

  it('resets the failure count after a successful sign-in', async () => {
    const ws = await newWorkspace(env);
    const { email, id } = await createUser(env, ws);
    for (let i = 0; i < 4; i++) expect((await login(email, 'wrong-password-1')).statusCode).toBe(401);
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
    // Without the reset the 5th failure in a row would lock; the last attempt stays within the per-account limit.
    for (let i = 0; i < 4; i++) expect((await login(email, 'wrong-password-1')).statusCode).toBe(401);
    expect((await ws.admin.get(`/api/v1/users/${id}`)).json().lockedUntil).toBeNull();
  });

  it('lets an administrator lift a lockout by setting a new password', async () => {
    const ws = await newWorkspace(env);
    const { email, id } = await createUser(env, ws);
    for (let i = 0; i < 5; i++) await login(email, 'wrong-password-1');
    expect((await login(email, PASSWORD)).statusCode).toBe(423);
    const reset = await ws.admin.post(`/api/v1/users/${id}/password`, { password: 'brand-new-pass-7' });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await login(email, 'brand-new-pass-7')).statusCode).toBe(200);
  });

  it('limits sign-in attempts per account: 429 problem+json, localised, with Retry-After', async () => {
    const email = uniqueEmail('nobody');
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) {
      const r = await login(email, 'whatever-password-1', { 'x-forwarded-for': `198.51.100.${i + 1}` });
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await login(email, 'whatever-password-1', { 'x-forwarded-for': '198.51.100.200', 'accept-language': 'zh-CN' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({ status: 429, code: 'error.rateLimited', title: `请求过于频繁，请在 ${retry} 秒后重试。` });
    // Same address spelled differently is the same account; another account is unaffected.
    expect((await login(` ${email.toUpperCase()} `, 'x-password-1', { 'x-forwarded-for': '198.51.100.201' })).statusCode).toBe(429);
    expect((await login(uniqueEmail('other'), 'x-password-1', { 'x-forwarded-for': '198.51.100.202' })).statusCode).toBe(401);
  });

  it('limits sign-in attempts per client address', async () => {
    const ip = '203.0.113.77';
    const attempts = await Promise.all(Array.from({ length: LOGIN_LIMIT_PER_IP }, (_, i) =>
      login(`probe${i}.${uniqueEmail('ip')}`, 'whatever-password-1', { 'x-forwarded-for': ip })));
    const codes = attempts.map((r) => r.statusCode);
    expect(codes.filter((s) => s !== 401), JSON.stringify(attempts.find((r) => r.statusCode !== 401)?.json())).toEqual([]);
    const limited = await login(uniqueEmail('ip'), 'whatever-password-1', { 'x-forwarded-for': ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('error.rateLimited');
    expect(limited.json().title).toMatch(/^Too many requests\. Try again in \d+ seconds\.$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(uniqueEmail('ip'), 'whatever-password-1', { 'x-forwarded-for': '203.0.113.78' })).statusCode).toBe(401);
  });
});
