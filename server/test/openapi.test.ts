import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, startTestApp, type TestEnv } from './helpers.js';

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
  });

  it('answers unknown API routes with a localised problem', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v2/nothing', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toContain('没有这个地址');
  });
});
