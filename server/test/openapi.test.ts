import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { upload } from './dataio-fixtures.js';

/**
 * The API and operations routes the app registered, as `METHOD /path/{param}`, read from Fastify's route
 * tree (each line is a path segment, indented four characters per level, with its methods).
 */
function registeredRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ]{4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = [...m[1]].length / 4;
    stack[depth] = (depth > 0 ? stack[depth - 1] : '') + m[2];
    stack.length = depth + 1;
    const path = stack[depth].replace(/:(\w+)/g, '{$1}');
    if (!/^\/(api\/v1\/|healthz$|readyz$|metrics$)/.test(path)) continue;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD' && x !== 'OPTIONS')) out.push(`${method} ${path}`);
  }
  return out.sort();
}

describe.skipIf(SKIP)('OpenAPI document', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('is OpenAPI 3.1 and covers every route with request and response schemas', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const missing: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        if (!op.summary) missing.push(`${where}: summary`);
        if (!op.tags?.length) missing.push(`${where}: tags`);
        const ok = Object.entries<any>(op.responses ?? {}).filter(([code]) => /^2/.test(code));
        if (ok.length === 0) missing.push(`${where}: 2xx response`);
        for (const [code, r] of ok) if (code !== '204' && !r.content) missing.push(`${where}: ${code} schema`);
        if (['put', 'patch'].includes(method) && !op.requestBody) missing.push(`${where}: request body`);
        if (!op.responses?.['400'] && !op.responses?.['401'] && !op.responses?.['404'] && !op.responses?.['422'] && !path.match(/^\/(healthz|readyz|metrics)$/)) {
          missing.push(`${where}: error responses`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(operations).toBeGreaterThan(10);

    // Every route the server answers is in the document: none registered without a schema or hidden.
    const documented = new Set(Object.entries<any>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)));
    const registered = registeredRoutes(env.app);
    expect(registered).toEqual(expect.arrayContaining(['GET /healthz', 'POST /api/v1/auth/login', 'POST /api/v1/auth/mfa/enroll',
      'GET /api/v1/{object}', 'PATCH /api/v1/{object}/{id}', 'DELETE /api/v1/{object}/{id}/shares/{userId}', 'GET /api/v1/imports/{id}/errors.csv']));
    const undocumented = registered.filter((r) => !documented.has(r));
    expect(undocumented).toEqual([]);
  });

  it('documents the import upload as a multipart form, which uploads as before', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/v1/imports'].post.requestBody;
    expect(Object.keys(body?.content ?? {})).toEqual(['multipart/form-data']);
    const form = body.content['multipart/form-data'].schema;
    expect(form).toMatchObject({ type: 'object', required: ['object', 'file'], properties: {
      object: { type: 'string' }, encoding: { type: 'string' }, delimiter: { type: 'string' }, file: { type: 'string', format: 'binary' },
    } });
    // Documentation only: Fastify itself validates no body here, so the streamed upload is not refused.
    const { admin } = await newWorkspace(env);
    const res = await upload(admin, 'contacts', 'people.csv', Buffer.from('name,mobile\n张伟,13812345678\n'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().columns).toEqual(['name', 'mobile']);
  });

  it('answers unknown API routes with a localised problem', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v2/nothing', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toContain('没有这个地址');
  });
});
