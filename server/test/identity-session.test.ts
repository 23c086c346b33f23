import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { parseToken, sha256 } from '../src/platform/auth/tokens.js';
import { createUser, newWorkspace, PASSWORD, signIn, SKIP, startTestApp, testConfig, type TestEnv } from './helpers.js';

/** Sessions behind HttpOnly, SameSite cookies, stored in the database by hash; argon2id; CSRF on cookie writes. */
describe.skipIf(SKIP)('sessions, cookies and CSRF', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  const rows = async (text: string, values: unknown[]) => (await env.db.executeSql(text, values)).rows;
  const login = (app = env.app, email: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });

  it('sets an HttpOnly, SameSite session cookie whose secret the database only holds hashed; passwords are argon2id', async () => {
    const ws = await newWorkspace(env);
    const { email, id: userId } = await createUser(env, ws);
    const res = await login(env.app, email);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'rapport_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const days = (new Date(cookie.expires!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const { secret, workspaceId } = parseToken(cookie.value, 'ses')!;
    expect(workspaceId).toBe(ws.workspaceId);
    const sessions = await rows('select id, csrf_token from sessions where workspace_id = $1 and user_id = $2', [ws.workspaceId, userId]);
    expect(sessions.map((s) => s.id)).toContain(sha256(secret));
    expect(JSON.stringify(sessions)).not.toContain(secret);
    const [user] = await rows('select password_hash from users where workspace_id = $1 and id = $2', [ws.workspaceId, userId]);
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(user.password_hash).not.toContain(PASSWORD);

    // Behind HTTPS (SECURE_COOKIES) the cookie is Secure as well.
    const secureApp = await buildApp({ config: testConfig({ secureCookies: true }), db: env.db, logger: false });
    try {
      const secure = (await login(secureApp, email)).cookies.find((c) => c.name === 'rapport_session')!;
      expect(secure).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });
    } finally {
      await secureApp.close();
    }
  });

  it('signs out: the session row is gone and the cookie no longer works', async () => {
    const ws = await newWorkspace(env);
    const { email, id: userId } = await createUser(env, ws);
    const client = await signIn(env.app, email);
    const count = async () => (await rows('select count(*)::int as n from sessions where workspace_id = $1 and user_id = $2', [ws.workspaceId, userId]))[0].n;
    expect(await count()).toBe(2);
    const out = await client.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'rapport_session')?.value).toBe('');
    expect(await count()).toBe(1);
    const after = await client.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses cookie-authenticated writes without the session\'s CSRF token with a localised 403, and writes nothing', async () => {
    const ws = await newWorkspace(env);
    const other = await newWorkspace(env);
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'CSRF Co' })).json();
    const send = (method: string, url: string, token: string | undefined, body?: unknown) => env.app.inject({
      method: method as 'POST', url,
      headers: { cookie: ws.admin.cookie, 'accept-language': 'zh-CN', ...(token !== undefined ? { 'x-csrf-token': token } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    for (const token of [undefined, '', 'x'.repeat(43), other.admin.csrf]) {
      for (const [method, url, body] of [
        ['POST', '/api/v1/accounts', { name: 'forged' }],
        ['PATCH', `/api/v1/accounts/${acc.id}`, { name: 'forged' }],
        ['DELETE', `/api/v1/accounts/${acc.id}`, undefined],
        ['POST', '/api/v1/accounts/bulk', { op: 'create', records: [{ name: 'forged' }] }],
      ] as const) {
        const res = await send(method, url, token, body);
        expect(res.statusCode, `${method} ${url} with ${String(token).slice(0, 8)}`).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ status: 403, code: 'error.csrf', title: '安全令牌缺失或无效，请刷新页面后重试。' });
      }
    }
    const list = await send('GET', '/api/v1/accounts', undefined);
    expect(list.statusCode, 'reads need no token').toBe(200);
    expect(list.json().data.map((r: { name: string }) => r.name)).toEqual(['CSRF Co']);
    expect((await ws.admin.get(`/api/v1/accounts/${acc.id}`)).json()).toMatchObject({ name: 'CSRF Co', version: 1 });
    expect((await send('PATCH', `/api/v1/accounts/${acc.id}`, ws.admin.csrf, { name: 'Genuine' })).statusCode).toBe(200);
  });
});
