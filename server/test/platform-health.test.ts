import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { migrate } from '../src/db/migrate.js';
import { emptyDatabase } from './empty-database.js';
import { ENGINE, newWorkspace, SKIP, startTestApp, testConfig, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('health, readiness and metrics', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('answers /healthz and /readyz without a session, naming the engine', async () => {
    const live = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await env.app.inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready', engine: ENGINE }]);
  });

  it('serves Prometheus metrics with request durations by route and status', async () => {
    const { admin } = await newWorkspace(env);
    expect((await admin.get('/api/v1/accounts')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/accounts/not-a-uuid')).statusCode).toBe(404);
    const res = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/^# HELP rapport_http_request_duration_seconds /m);
    expect(res.body).toMatch(/^rapport_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/:object",status="200"\} [1-9]/m);
    expect(res.body).toMatch(/^rapport_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/:object\/:id",status="404"\} [1-9]/m);
    expect(res.body).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('is not ready until every migration is applied, nor when the database is gone', async () => {
    const { db, drop } = await emptyDatabase('health');
    const app = await buildApp({ config: testConfig(), db, logger: false });
    try {
      await app.ready();
      const readyz = async () => {
        const res = await app.inject({ method: 'GET', url: '/readyz' });
        return [res.statusCode, res.json().status];
      };
      expect(await readyz()).toEqual([503, 'not ready']);
      await migrate(db, { upTo: '0003_security.sql' }); // the first release's set: later files are pending
      expect(await readyz()).toEqual([503, 'not ready']);
      await migrate(db);
      expect(await readyz()).toEqual([200, 'ready']);
      // Liveness does not depend on the database: a node whose database went away is alive, not ready.
      await db.close();
      expect(await readyz()).toEqual([503, 'not ready']);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await drop();
    }
  }, 120_000);
});
