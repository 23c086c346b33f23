import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { Client, createUser, newWorkspace, PASSWORD, SKIP, startTestApp, type TestEnv } from './helpers.js';

/** A code for the next 30-second step: the server accepts one step of drift but never the same step twice. */
const nextCode = (secret: string) => authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);

describe.skipIf(SKIP)('two-factor sign-in', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  /** Password step only: a Client holding the session that waits for its second factor. */
  async function passwordStep(email: string): Promise<Client> {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toEqual({ mfaRequired: true, csrfToken: expect.any(String) });
    return new Client(env.app, res.cookies.map((c: { name: string; value: string }) => `${c.name}=${c.value}`).join('; '), body.csrfToken);
  }

  function cookieOf(res: { cookies: { name: string; value: string }[] }): string {
    return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async function events(workspaceId: string): Promise<string[]> {
    return withTenant(env.db, workspaceId, async (trx) => (await trx.selectFrom('audit_log').select('event')
      .where('workspace_id', '=', workspaceId).orderBy('seq').execute()).map((r) => r.event));
  }

  /** A signed-in user with two-factor on; returns the secret and the recovery codes. */
  async function userWithMfa() {
    const ws = await newWorkspace(env);
    const u = await createUser(env, ws);
    const enrolled = await u.client.post('/api/v1/auth/mfa/enroll');
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    const { secret } = enrolled.json();
    const activated = await u.client.post('/api/v1/auth/mfa/activate', { code: authenticator.generate(secret) });
    expect(activated.statusCode, activated.body).toBe(200);
    return { ws, ...u, secret, recoveryCodes: activated.json().recoveryCodes as string[] };
  }

  it('enrols, activates and signs in with a TOTP code; the waiting session can do nothing else', async () => {
    const ws = await newWorkspace(env);
    const { client, email, id } = await createUser(env, ws);
    const enrolled = (await client.post('/api/v1/auth/mfa/enroll')).json();
    expect(enrolled.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolled.otpauthUri).toContain(`secret=${enrolled.secret}`);
    expect(enrolled.otpauthUri).toMatch(/^otpauth:\/\/totp\/Rapport:.*issuer=Rapport/);
    const wrong = await client.post('/api/v1/auth/mfa/activate', { code: '000000' === authenticator.generate(enrolled.secret) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'code', code: 'auth.mfaInvalid' });
    const activated = await client.post('/api/v1/auth/mfa/activate', { code: authenticator.generate(enrolled.secret) });
    expect(activated.statusCode, activated.body).toBe(200);
    const codes: string[] = activated.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await client.get('/api/v1/me/profile')).json().mfaEnabled).toBe(true);
    // Recovery codes are stored hashed, never in clear.
    const stored = await withTenant(env.db, ws.workspaceId, (trx) => trx.selectFrom('users').select('recovery_codes')
      .where('workspace_id', '=', ws.workspaceId).where('id', '=', id).executeTakeFirstOrThrow());
    expect(JSON.stringify(stored.recovery_codes)).not.toContain(codes[0].replace('-', ''));
    expect((await client.post('/api/v1/auth/mfa/enroll')).statusCode).toBe(409);

    const pending = await passwordStep(email);
    const blocked = await pending.get('/api/v1/accounts');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('auth.mfaRequired');
    expect((await pending.get('/api/v1/auth/me')).statusCode).toBe(401);
    const bad = await pending.post('/api/v1/auth/mfa', { code: '12345' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('auth.mfaInvalid');
    const done = await pending.post('/api/v1/auth/mfa', { code: nextCode(enrolled.secret) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ user: { id, email }, csrfToken: expect.any(String), recoveryCodesLeft: 10 });
    // The waiting session is replaced: its token gains nothing.
    expect((await pending.get('/api/v1/auth/me')).statusCode).toBe(401);
    const signedIn = new Client(env.app, cookieOf(done), done.json().csrfToken);
    expect((await signedIn.get('/api/v1/auth/me')).json().user.id).toBe(id);
    expect((await signedIn.post('/api/v1/auth/mfa', { code: '123456' })).statusCode).toBe(409);
    // The same code cannot be used twice.
    const again = await passwordStep(email);
    expect((await again.post('/api/v1/auth/mfa', { code: nextCode(enrolled.secret) })).statusCode).toBe(401);
    const ev = await events(ws.workspaceId);
    for (const e of ['auth.mfaEnrollStarted', 'auth.mfaEnabled', 'auth.passwordAccepted', 'auth.login']) expect(ev).toContain(e);
    expect(ev.filter((e) => e === 'auth.loginFailed').length).toBeGreaterThanOrEqual(3);
  });

  it('signs in with a recovery code, which then is used up', async () => {
    const { ws, email, recoveryCodes } = await userWithMfa();
    const pending = await passwordStep(email);
    const typed = ` ${recoveryCodes[3].toUpperCase().replace('-', ' - ')} `;
    const done = await pending.post('/api/v1/auth/mfa', { code: typed });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().recoveryCodesLeft).toBe(9);
    const again = await passwordStep(email);
    const reused = await again.post('/api/v1/auth/mfa', { code: recoveryCodes[3] });
    expect(reused.statusCode).toBe(401);
    expect((await again.post('/api/v1/auth/mfa', { code: recoveryCodes[4] })).json().recoveryCodesLeft).toBe(8);
    expect(await events(ws.workspaceId)).toContain('auth.recoveryCodeUsed');
  });

  it('counts wrong codes toward the lockout', async () => {
    const { email, secret } = await userWithMfa();
    const pending = await passwordStep(email);
    for (let i = 0; i < 4; i++) expect((await pending.post('/api/v1/auth/mfa', { code: 'zzzzz-zzzzz' })).statusCode).toBe(401);
    const fifth = await pending.post('/api/v1/auth/mfa', { code: '999999' === authenticator.generate(secret) ? '999998' : '999999' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('auth.locked');
    // The waiting session is gone and the password alone no longer gets in.
    expect((await pending.post('/api/v1/auth/mfa', { code: nextCode(secret) })).statusCode).toBe(401);
    const relogin = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    expect(relogin.statusCode).toBe(423);
  });

  it('turns two-factor off with the password; administrators can reset it', async () => {
    const { ws, client, email, id } = await userWithMfa();
    const wrong = await client.post('/api/v1/auth/mfa/disable', { password: 'not-my-password-1' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'password', code: 'auth.passwordWrong' });
    expect((await client.post('/api/v1/auth/mfa/disable', { password: PASSWORD })).statusCode).toBe(204);
    expect((await client.post('/api/v1/auth/mfa/disable', { password: PASSWORD })).json().code).toBe('identity.mfaNotEnabled');
    const plain = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    expect(plain.json().user.id).toBe(id);
    expect((await client.post('/api/v1/auth/mfa/activate', { code: '123456' })).json().code).toBe('auth.mfaNotEnrolled');
    // Turned on again, then reset by an administrator.
    const { secret } = (await client.post('/api/v1/auth/mfa/enroll')).json();
    expect((await client.post('/api/v1/auth/mfa/activate', { code: nextCode(secret) })).statusCode).toBe(200);
    const reset = await ws.admin.patch(`/api/v1/users/${id}`, { mfaEnabled: false });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().mfaEnabled).toBe(false);
    expect((await ws.admin.patch(`/api/v1/users/${id}`, { mfaEnabled: true })).statusCode).toBe(422);
    const after = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    expect(after.json().user.id).toBe(id);
    const ev = await events(ws.workspaceId);
    expect(ev).toContain('auth.mfaDisabled');
    expect(ev).toContain('user.mfaReset');
  });

  it('refuses two-factor changes made with an API key and requests without the CSRF token', async () => {
    const ws = await newWorkspace(env);
    const { client } = await createUser(env, ws);
    const key = (await client.post('/api/v1/api-keys', { name: 'robot' })).json().token;
    const viaKey = await env.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enroll', headers: { authorization: `Bearer ${key}` }, payload: {} });
    expect(viaKey.statusCode).toBe(403);
    expect(viaKey.json().code).toBe('identity.sessionOnly');
    const noCsrf = await env.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enroll', headers: { cookie: client.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('error.csrf');
    expect((await client.post('/api/v1/auth/mfa/activate', { code: 'x'.repeat(41) })).statusCode).toBe(422);
  });
});
