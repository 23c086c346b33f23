import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createWorkspace } from '../src/platform/workspace.service.js';

export const ENGINE = (process.env.TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';
export const PG_URL = ENGINE === 'postgres' ? inject('pgUrl') : '';
/** True when the postgres project has no server to run on (local runs only; CI requires one). */
export const SKIP = ENGINE === 'postgres' && !PG_URL;

export interface TestEnv {
  db: Database;
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<Database> {
  if (ENGINE === 'postgres') return openDatabase({ url: PG_URL, poolSize: 10 });
  const db = await openDatabase({ url: null, memory: true });
  await migrate(db);
  return db;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' } as any, []), logLevel: 'warn', ...overrides };
}

export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const db = await openTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  return { db, app, config, async close() { await app.close(); await db.close(); } };
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${process.pid}.${Date.now().toString(36)}.${++counter}@example.test`;
}

export const PASSWORD = 'correct-horse-42';

/** A signed-in caller: cookie + CSRF token, JSON in and out, zh-CN or en-US. */
export class Client {
  constructor(readonly app: FastifyInstance, readonly cookie: string, readonly csrf: string, public lang = 'en-US') {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method, url,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'accept-language': this.lang, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  }
  get(url: string, headers?: Record<string, string>) { return this.request('GET', url, undefined, headers); }
  post(url: string, body?: unknown, headers?: Record<string, string>) { return this.request('POST', url, body ?? {}, headers); }
  patch(url: string, body: unknown, headers?: Record<string, string>) { return this.request('PATCH', url, body, headers); }
  delete(url: string, headers?: Record<string, string>) { return this.request('DELETE', url, undefined, headers); }
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c: { name: string; value: string }) => `${c.name}=${c.value}`).join('; ');
  return new Client(app, cookie, res.json().csrfToken);
}

/** A fresh workspace with its admin signed in. */
export async function newWorkspace(env: TestEnv, name = 'Test Co') {
  const adminEmail = uniqueEmail('admin');
  const ws = await createWorkspace(env.db, { name, adminEmail, adminPassword: PASSWORD, locale: 'en-US' });
  const admin = await signIn(env.app, adminEmail);
  return { ...ws, adminEmail, admin };
}

export type TestWorkspace = Awaited<ReturnType<typeof newWorkspace>>;

export interface CreateUserOptions {
  /** Default-role keys ('admin' | 'manager' | 'rep'), resolved through ws.roleIds. */
  roleKeys?: string[];
  /** Role ids (e.g. of roles a test created); used together with roleKeys if both are given. */
  roleIds?: string[];
  /** Defaults to the workspace's top department. */
  departmentId?: string;
  managerId?: string | null;
  isAdmin?: boolean;
  name?: string;
  locale?: 'zh-CN' | 'en-US';
  /** Defaults to a fresh unique address. */
  email?: string;
}

/**
 * A user created through the admin API (POST /api/v1/users, as ws.admin) and signed in with PASSWORD.
 * With neither roleKeys nor roleIds the user gets the 'rep' role; pass roleKeys: [] for a user with no role.
 * Returns { client, id, email }: client is the user's signed-in Client (en-US; set client.lang to switch).
 * Throws with the response body when creation or sign-in fails, so a broken setup is never mistaken for a
 * permission result. Sign-in is rate limited per account (10/min — every call uses a new e-mail) and per
 * client address (100/min, shared by all sign-ins of a test file's app).
 */
export async function createUser(env: TestEnv, ws: TestWorkspace, opts: CreateUserOptions = {}): Promise<{ client: Client; id: string; email: string }> {
  const keys = opts.roleKeys ?? (opts.roleIds ? [] : ['rep']);
  const unknown = keys.filter((k) => !ws.roleIds[k]);
  if (unknown.length) throw new Error(`createUser: unknown role keys ${unknown.join(', ')} (have ${Object.keys(ws.roleIds).join(', ')})`);
  const email = opts.email ?? uniqueEmail('member');
  const body = {
    email, name: opts.name ?? email.split('@')[0], password: PASSWORD, roleIds: [...keys.map((k) => ws.roleIds[k]), ...(opts.roleIds ?? [])],
    ...(opts.departmentId !== undefined ? { departmentId: opts.departmentId } : {}),
    ...(opts.managerId !== undefined ? { managerId: opts.managerId } : {}),
    ...(opts.isAdmin !== undefined ? { isAdmin: opts.isAdmin } : {}),
    ...(opts.locale ? { locale: opts.locale } : {}),
  };
  const res = await ws.admin.post('/api/v1/users', body);
  if (res.statusCode !== 201) throw new Error(`createUser failed: ${res.statusCode} ${res.body}`);
  const client = await signIn(env.app, email);
  return { client, id: res.json().id as string, email };
}
