import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { REMINDERS_JOB, runReminders } from '../src/platform/notifications/reminders.job.js';
import { SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';
import { startTestJobs, waitFor, type TestJobs } from './jobs-helpers.js';
import { create, DAY, ok, salesOrg } from './sales-fixtures.js';

/** Follow-ups whose next-contact time has just passed: each becomes one reminder on the next pass. */
async function dueFollowUps(client: Client, n: number, prefix = 'Call'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.now() - (n - i) * 60_000).toISOString();
    ids.push((await create(client, 'activities', { name: `${prefix} ${i + 1}`, type: 'call', occurredAt: new Date(Date.now() - DAY).toISOString(), nextContactAt: at })).id);
  }
  return ids;
}

/** Reads `event: notification` blocks of /api/v1/events/stream over a real socket. */
function openStream(base: string, client: Client): Promise<{ events: { object: string; recordId: string; event: string }[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/events/stream`, { headers: { cookie: client.cookie } }, (res) => {
      const s = { events: [] as { object: string; recordId: string; event: string }[], close: () => req.destroy() };
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data && block.includes('event: notification')) s.events.push(JSON.parse(data.slice(6)));
        }
      });
      res.on('error', () => {});
      resolve(s);
    });
    req.on('error', reject);
  });
}

describe.skipIf(SKIP)('notifications: the in-app inbox', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('lists only the caller\'s own notifications, newest first, paged by cursor, with the unread count', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    await dueFollowUps(rep, 5);
    await dueFollowUps(org.eastRep2.client, 1, 'Other');
    expect(await runReminders(env.db, org.workspaceId, new Date())).toEqual({ created: { 'sales.followUpDue': 6 } });

    const p1 = await ok(rep.get('/api/v1/notifications?limit=2'));
    expect(p1.unreadCount).toBe(5);
    expect(p1.data.map((n: any) => n.params.name)).toEqual(['Call 5', 'Call 4']);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = await ok(rep.get(`/api/v1/notifications?limit=2&cursor=${p1.nextCursor}`));
    const p3 = await ok(rep.get(`/api/v1/notifications?limit=2&cursor=${p2.nextCursor}`));
    expect([...p2.data, ...p3.data].map((n: any) => n.params.name)).toEqual(['Call 3', 'Call 2', 'Call 1']);
    expect(p3.nextCursor).toBeNull();
    expect(await ok(rep.get('/api/v1/notifications/unread-count'))).toEqual({ unreadCount: 5 });
    expect((await ok(org.eastRep2.client.get('/api/v1/notifications'))).data.map((n: any) => n.params.name)).toEqual(['Other 1']);
    expect((await ok(org.admin.get('/api/v1/notifications'))).data).toEqual([]);

    // Bad input: a clear 4xx, nothing changed.
    expect((await rep.get('/api/v1/notifications?cursor=not-a-cursor')).json().code).toBe('error.badCursor');
    expect((await rep.get('/api/v1/notifications?limit=1000')).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('marks one read or unread, or all read; someone else\'s notification is not found', async () => {
    const org = await salesOrg(env);
    const rep = org.eastRep1.client;
    await dueFollowUps(rep, 3);
    await dueFollowUps(org.eastRep2.client, 1, 'Other');
    await runReminders(env.db, org.workspaceId, new Date());
    const [n3, n2] = (await ok(rep.get('/api/v1/notifications'))).data;
    const theirs = (await ok(org.eastRep2.client.get('/api/v1/notifications'))).data[0];

    const read = await ok(rep.post(`/api/v1/notifications/${n3.id}/read`));
    expect(read).toMatchObject({ id: n3.id, readAt: expect.any(String), title: n3.title });
    expect((await ok(rep.post(`/api/v1/notifications/${n3.id}/read`))).readAt).toBe(read.readAt);
    expect((await ok(rep.get('/api/v1/notifications?unread=true'))).data.map((n: any) => n.id)).not.toContain(n3.id);
    expect((await ok(rep.get('/api/v1/notifications/unread-count'))).unreadCount).toBe(2);
    expect((await ok(rep.post(`/api/v1/notifications/${n3.id}/unread`))).readAt).toBeNull();
    expect((await ok(rep.get('/api/v1/notifications/unread-count'))).unreadCount).toBe(3);

    const stolen = await rep.post(`/api/v1/notifications/${theirs.id}/read`);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.headers['content-type']).toContain('application/problem+json');
    expect((await rep.post('/api/v1/notifications/nope/read')).statusCode).toBe(404);
    expect((await ok(org.eastRep2.client.get('/api/v1/notifications'))).data[0].readAt).toBeNull();

    expect(await ok(rep.post('/api/v1/notifications/read-all'))).toEqual({ updated: 3 });
    expect(await ok(rep.post('/api/v1/notifications/read-all'))).toEqual({ updated: 0 });
    const after = await ok(rep.get('/api/v1/notifications'));
    expect(after.unreadCount).toBe(0);
    expect(after.data.find((n: any) => n.id === n2.id).readAt).toEqual(expect.any(String));
    expect((await ok(org.eastRep2.client.get('/api/v1/notifications/unread-count'))).unreadCount).toBe(1);
  });

  describe('with the job runner', () => {
    let app: FastifyInstance;
    let tj: TestJobs;
    let base: string;
    beforeAll(async () => {
      app = await buildApp({ config: env.config, db: env.db, logger: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      tj = await startTestJobs(env);
    });
    afterAll(async () => { await tj?.stop(); await app?.close(); });

    it('the scheduled reminders job creates them, and live streams push each to its recipient only', async () => {
      const org = await salesOrg(env);
      tj.scope.add(org.workspaceId);
      const mineStream = await openStream(base, org.eastRep1.client);
      const otherStream = await openStream(base, org.eastRep2.client);
      try {
        const [activity] = await dueFollowUps(org.eastRep1.client, 1);
        expect(await tj.jobs.send(REMINDERS_JOB, { workspaceId: org.workspaceId })).toBeTruthy();
        const list = await waitFor(async () => {
          const r = (await ok(org.eastRep1.client.get('/api/v1/notifications'))).data;
          return r.length > 0 && r;
        });
        expect(list).toEqual([expect.objectContaining({ kind: 'sales.followUpDue', recordId: activity })]);
        await waitFor(async () => mineStream.events.length > 0);
        expect(mineStream.events).toEqual([{ object: 'notifications', recordId: list[0].id, event: 'notifications.created' }]);
        // Another pass sends nothing twice; the other rep's reminder reaches only the other rep's stream.
        expect(await runReminders(env.db, org.workspaceId, new Date())).toEqual({ created: {} });
        await dueFollowUps(org.eastRep2.client, 1, 'Theirs');
        expect(await runReminders(env.db, org.workspaceId, new Date())).toEqual({ created: { 'sales.followUpDue': 1 } });
        await waitFor(async () => otherStream.events.length > 0);
        const theirs = (await ok(org.eastRep2.client.get('/api/v1/notifications'))).data;
        expect(otherStream.events).toEqual([{ object: 'notifications', recordId: theirs[0].id, event: 'notifications.created' }]);
        expect(mineStream.events).toHaveLength(1);
        expect(tj.errors).toEqual([]);
      } finally {
        mineStream.close();
        otherStream.close();
      }
    });
  });
});
