import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { startTestJobs, waitFor, type TestJobs } from './jobs-helpers.js';
import { onEvent, type DispatchedEvent } from '../src/platform/events/event-bus.js';
import { runAsSystem } from '../src/platform/jobs/system-context.js';
import { updateRecord } from '../src/records/record-write.service.js';

describe.skipIf(SKIP)('outbox dispatcher', () => {
  let env: TestEnv;
  let tj: TestJobs;
  const seen: DispatchedEvent[] = [];
  let failOnce = new Set<string>();
  beforeAll(async () => {
    env = await startTestApp();
    onEvent('test-recorder', async (e) => {
      if (failOnce.delete(e.recordId ?? '')) throw new Error('subscriber down');
      seen.push(e);
    });
    tj = await startTestJobs(env);
  });
  afterAll(async () => { await tj?.stop(); await env?.close(); });

  const outboxOf = async (ws: string, recordId: string) => (await env.db.executeSql(
    'select id, event, dispatched_at, dispatch_attempts, dispatch_error from outbox_events where workspace_id = $1 and record_id = $2 order by created_at, id',
    [ws, recordId])).rows;

  it('writes exactly one event per committed change and none for a rolled-back one, then dispatches each once', async () => {
    const { workspaceId, admin } = await newWorkspace(env);
    const acc = (await admin.post('/api/v1/accounts', { name: 'Outbox Co' })).json();
    expect((await admin.patch(`/api/v1/accounts/${acc.id}`, { name: 'Outbox Co 2' })).statusCode).toBe(200);
    // A change whose transaction rolls back leaves no event behind.
    await expect(runAsSystem(env.db, workspaceId, async (ctx) => {
      await updateRecord(ctx, 'accounts', acc.id, { name: 'never committed' });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    // A request that fails validation writes nothing either.
    expect((await admin.patch(`/api/v1/accounts/${acc.id}`, { phone: 'nope' })).statusCode).toBe(422);
    const before = await outboxOf(workspaceId, acc.id);
    expect(before.map((r) => r.event)).toEqual(['accounts.created', 'accounts.updated']);
    expect(before.every((r) => r.dispatched_at === null)).toBe(true);

    tj.scope.add(workspaceId);
    const after = await waitFor(async () => {
      const rows = await outboxOf(workspaceId, acc.id);
      return rows.every((r) => r.dispatched_at !== null) && rows;
    });
    expect(after.map((r) => r.dispatch_attempts)).toEqual([1, 1]);
    const mine = seen.filter((e) => e.recordId === acc.id);
    expect(mine.map((e) => e.event)).toEqual(['accounts.created', 'accounts.updated']);
    expect(mine.map((e) => e.id)).toEqual(after.map((r) => r.id));
    expect(mine[1].payload).toMatchObject({ record: { name: 'Outbox Co 2' }, changes: [{ field: 'name', old: 'Outbox Co', new: 'Outbox Co 2' }] });
    expect(mine[0]).toMatchObject({ workspaceId, object: 'accounts', recordId: acc.id });
  });

  it('delivers at least once: a failing subscriber gets the event again, a dead claim is taken over', async () => {
    const { workspaceId, admin } = await newWorkspace(env);
    tj.scope.add(workspaceId);
    const a = (await admin.post('/api/v1/accounts', { name: 'Flaky' })).json();
    failOnce = new Set([a.id]);
    const rows = await waitFor(async () => {
      const r = await outboxOf(workspaceId, a.id);
      return r[0]?.dispatched_at && r;
    });
    expect(rows[0].dispatch_attempts).toBe(2);
    expect(rows[0].dispatch_error).toBeNull();
    expect(seen.filter((e) => e.recordId === a.id)).toHaveLength(1);

    // A node that claimed an event and died: the lease runs out and another pass dispatches it.
    tj.scope.delete(workspaceId);
    const b = (await admin.post('/api/v1/accounts', { name: 'Orphaned' })).json();
    await env.db.executeSql(`update outbox_events set claimed_until = now() + interval '1 hour', dispatch_attempts = 1
      where workspace_id = $1 and record_id = $2`, [workspaceId, b.id]);
    tj.scope.add(workspaceId);
    await new Promise((r) => setTimeout(r, 400));
    expect((await outboxOf(workspaceId, b.id))[0].dispatched_at).toBeNull();
    await env.db.executeSql(`update outbox_events set claimed_until = now() - interval '1 second' where workspace_id = $1 and record_id = $2`, [workspaceId, b.id]);
    const done = await waitFor(async () => {
      const r = await outboxOf(workspaceId, b.id);
      return r[0]?.dispatched_at && r;
    });
    expect(done[0].dispatch_attempts).toBe(2);
    expect(seen.filter((e) => e.recordId === b.id)).toHaveLength(1);
  });
});
