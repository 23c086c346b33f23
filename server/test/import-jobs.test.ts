import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { newWorkspace, SKIP, signIn, startTestApp, type TestEnv } from './helpers.js';
import { startTestJobs, waitFor, type TestJobs } from './jobs-helpers.js';
import { listAll, upload } from './dataio-fixtures.js';

/** With a job runner, imports, their undo and duplicate scans run as pg-boss jobs instead of in process. */
describe.skipIf(SKIP)('import on the job runner', () => {
  let env: TestEnv;
  let jobs: TestJobs;
  let app: FastifyInstance;
  beforeAll(async () => {
    env = await startTestApp();
    jobs = await startTestJobs(env);
    app = await buildApp({ config: env.config, db: env.db, jobs: jobs.jobs, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await jobs?.stop();
    await env?.close();
  });

  it('runs an import and its undo as jobs', async () => {
    const ws = await newWorkspace(env);
    jobs.scope.add(ws.workspaceId);
    const admin = await signIn(app, ws.adminEmail);
    const up = (await upload(admin, 'contacts', 'c.csv', Buffer.from('姓名,手机\n张伟,13812345678\n李娜,13900001111\n'))).json();
    expect((await admin.post(`/api/v1/imports/${up.id}/start`, { mapping: up.suggestedMapping })).statusCode).toBe(202);
    const done = await waitFor(async () => { const s = (await admin.get(`/api/v1/imports/${up.id}`)).json(); return s.status === 'done' ? s : null; }, 60_000, 200);
    expect(done).toMatchObject({ created: 2 });
    expect((await listAll(admin, 'contacts')).map((c) => c.name).sort()).toEqual(['张伟', '李娜']);
    expect((await admin.post(`/api/v1/imports/${up.id}/undo`)).statusCode).toBe(202);
    await waitFor(async () => (await admin.get(`/api/v1/imports/${up.id}`)).json().status === 'undone', 60_000, 200);
    expect(await listAll(admin, 'contacts')).toEqual([]);
  }, 120_000);
});
