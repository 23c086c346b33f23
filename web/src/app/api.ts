import i18n from './i18n';
import { readableTimes } from './readable-times';

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: Array<{ field: string; message: string }>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /**
   * Per-field messages keyed by field name, for showing beside form inputs. Accepts `email`, `/email`
   * and `body.email` alike, since validators differ in how they name the offending property.
   */
  get fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const { field, message } of this.problem.errors ?? []) {
      const name = String(field ?? '').replace(/^\//, '').replace(/^body[./]/, '');
      (out[name] ??= []).push(message);
    }
    return out;
  }
}

export const BASE = '/api/v1';

// Held in memory only: keeping it out of storage means injected scripts on other tabs cannot lift it,
// and /auth/me hands out a fresh one after a reload.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();
/** Lets the auth layer drop back to sign-in when any call finds the session gone. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  const url = `${BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = { title: res.statusText || i18n.t('errors.unknown'), status: res.status };
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await res.json()) as Partial<Problem>;
    const human = (text: string | undefined) => (text ? readableTimes(text, i18n.language) : text);
    return {
      ...fallback, ...body, status: body.status ?? res.status, title: human(body.title) || fallback.title, detail: human(body.detail),
      errors: body.errors?.map((e) => ({ ...e, message: human(e.message) ?? '' })),
    };
  } catch {
    return fallback;
  }
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language,
    ...options.headers,
  };
  // Files go as multipart form data, which the browser labels itself (with its boundary).
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ title: i18n.t('errors.network'), status: 0, code: 'network' });
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !path.startsWith('/auth/')) unauthorizedListeners.forEach((l) => l());
    throw new ApiError(problem);
  }
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  return (await res.json()) as T;
}

/** The message to show a person for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail || err.problem.title;
  return i18n.t('errors.unknown');
}
