import { expect } from 'vitest';
import { request, type APIRequestContext } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server-harness';

export type Row = Record<string, unknown> & { id: string };

/**
 * The HTTP API as an integration would use it, signed in as someone: specs use it to set up records a test is
 * not about and to check what the server stored, never in place of the screens under test.
 */
export interface ApiClient {
  raw: APIRequestContext;
  get<T = Row>(path: string, params?: Record<string, string | number>): Promise<T>;
  post<T = Row>(path: string, data?: unknown): Promise<T>;
  patch<T = Row>(path: string, data: unknown, headers?: Record<string, string>): Promise<T>;
  put<T = Row>(path: string, data: unknown): Promise<T>;
  /** The first record of an object whose quick search matches. */
  find(object: string, q: string): Promise<Row>;
  dispose(): Promise<void>;
}

export async function apiClient(baseUrl: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<ApiClient> {
  const raw = await request.newContext({ baseURL: baseUrl, extraHTTPHeaders: { 'Accept-Language': 'en-US' } });
  const login = await raw.post('/api/v1/auth/login', { data: { email, password } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  const check = async <T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    expect(res.status(), `${res.url()}: ${(await res.text()).slice(0, 600)}`).toBeLessThan(300);
    return (res.status() === 204 ? undefined : await res.json()) as T;
  };
  const client: ApiClient = {
    raw,
    get: async (path, params) => check(await raw.get(`/api/v1${path}`, { params })),
    post: async (path, data) => check(await raw.post(`/api/v1${path}`, { data: data ?? {}, headers })),
    patch: async (path, data, extra) => check(await raw.patch(`/api/v1${path}`, { data, headers: { ...headers, ...extra } })),
    put: async (path, data) => check(await raw.put(`/api/v1${path}`, { data, headers })),
    async find(object, q) {
      const page = await client.get<{ data: Row[] }>(`/${object}`, { q, limit: 5 });
      expect(page.data.length, `no ${object} matching "${q}"`).toBeGreaterThan(0);
      return page.data[0];
    },
    dispose: () => raw.dispose(),
  };
  return client;
}
