import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { startTestJobs, waitFor, type TestJobs } from './jobs-helpers.js';
import { registerJob } from '../src/platform/jobs/job-registry.js';
import { RECYCLE_BIN_JOB } from '../src/platform/jobs/recycle-bin.job.js';

const progress: string[] = [];
registerJob<{ tag: string }>({
  name: 'test-slow',
  async handler(data) {
    progress.push(`start ${data.tag}`);
    await new Promise((r) => setTimeout(r, 1500));
    progress.push(`end ${data.tag}`);
  },
});

describe.skipIf(SKIP)('job runner', () => {
  let env: TestEnv;
  let tj: TestJobs;
  beforeAll(async () => {
    env = await startTestApp();
    tj = await startTestJobs(env);
  });
  afterAll(async () => { await tj?.stop(); await env?.close(); });

  it('purges records deleted longer ago than the workspace keeps them (set through the API), and only those', async () => {
    const { workspaceId, admin } = await newWorkspace(env);
    // The server default (30 days) would keep every one of them: only the workspace's 5 purges the oldest.
    expect(env.config.recycleBinDays).toBe(30);
    const set = await admin.patch('/api/v1/settings/workspace', { recycleBinDays: 5 });
    expect(set.statusCode, set.body).toBe(200);
    const ids: string[] = [];
    for (const name of ['Old deleted', 'Recent deleted', 'Alive']) ids.push((await admin.post('/api/v1/accounts', { name })).json().id);
    expect((await admin.delete(`/api/v1/accounts/${ids[0]}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/accounts/${ids[1]}`)).statusCode).toBe(204);
    // Just past and just inside the 5 days.
    await env.db.executeSql(`update accounts set deleted_at = now() - interval '5 days 1 hour' where workspace_id = $1 and id = $2`, [workspaceId, ids[0]]);
    await env.db.executeSql(`update accounts set deleted_at = now() - interval '4 days 23 hours' where workspace_id = $1 and id = $2`, [workspaceId, ids[1]]);

    expect(await tj.jobs.send(RECYCLE_BIN_JOB, { workspaceId })).toBeTruthy();
    const left = await waitFor(async () => {
      const r = (await env.db.executeSql('select id from accounts where workspace_id = $1', [workspaceId])).rows.map((x) => x.id);
      return r.length === 2 && r;
    });
    expect(left.sort()).toEqual([ids[1], ids[2]].sort());
    const audit = (await admin.get('/api/v1/audit?event=recycleBin.*')).json();
    expect(audit.data).toHaveLength(1);
    expect(audit.data[0]).toMatchObject({ event: 'recycleBin.purged', actorId: null, detail: { count: 1, days: 5, objects: { accounts: 1 } } });
    // Like a purge by hand: a 'purge' history row and an outbox event for each record the retention removed.
    const history = await env.db.executeSql(`select op from record_history where workspace_id = $1 and record_id = $2 order by at, id`, [workspaceId, ids[0]]);
    expect(history.rows.map((r) => r.op)).toEqual(['create', 'delete', 'purge']);
    const events = await env.db.executeSql(`select event, payload from outbox_events where workspace_id = $1 and record_id = $2 and event = 'accounts.purged'`, [workspaceId, ids[0]]);
    expect(events.rows).toHaveLength(1);
    expect(await env.db.executeSql(`select 1 from outbox_events where workspace_id = $1 and record_id = $2 and event = 'accounts.purged'`, [workspaceId, ids[1]])).toMatchObject({ rows: [] });
    expect((await admin.get('/api/v1/accounts?deleted=true')).json().data.map((r: any) => r.id)).toEqual([ids[1]]);
  });

  it('lets a running job finish when stopping, and takes no new work', async () => {
    // A runner of its own (own pg-boss schema), so the other runner of this file cannot take the jobs.
    const own = await startTestJobs(env, { workspaceScope: new Set(), schema: `pgboss_drain_${process.pid}` });
    await own.jobs.send('test-slow', { tag: 'a' });
    await waitFor(async () => progress.includes('start a'));
    await own.jobs.send('test-slow', { tag: 'b' });
    const t0 = Date.now();
    await own.stop();
    expect(progress).toEqual(['start a', 'end a']);
    expect(Date.now() - t0).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 700));
    expect(progress).toEqual(['start a', 'end a']);
  });
});
