import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { newWorkspace, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';
import { addMember, startTestJobs, waitFor, type TestJobs } from './jobs-helpers.js';

interface Stream { events: { object: string; recordId: string; event: string }[]; status: number; close(): void }

/** A real EventSource-like reader of /api/v1/events/stream over a socket. */
function openStream(base: string, client: Client | null): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/events/stream`, { headers: client ? { cookie: client.cookie } : {} }, (res) => {
      const s: Stream = { events: [], status: res.statusCode ?? 0, close: () => req.destroy() };
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data && block.includes('event: record')) s.events.push(JSON.parse(data.slice(6)));
        }
      });
      res.on('error', () => {});
      resolve(s);
    });
    req.on('error', reject);
  });
}

describe.skipIf(SKIP)('live updates', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  describe.each([
    ['in process', null],
    ['through Redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'],
  ])('%s', (_label, redisUrl) => {
    // One database; an API app and a job runner of their own with or without Redis between them.
    let app: FastifyInstance;
    let tj: TestJobs;
    let base: string;
    beforeAll(async () => {
      const config = { ...env.config, redisUrl };
      app = await buildApp({ config, db: env.db, logger: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      tj = await startTestJobs({ ...env, config }, { schema: `pgboss_live_${redisUrl ? 'r' : 'l'}_${process.pid}` });
    });
    afterAll(async () => { await tj?.stop(); await app?.close(); });

    it('streams ids and event names of records each user can read', async () => {
      const ws = await newWorkspace(env);
      const rep = await addMember(env, ws.workspaceId, ws.roleIds.rep, ws.rootDepartmentId);
      const adminStream = await openStream(base, ws.admin);
      const repStream = await openStream(base, rep.client);
      try {
        expect(adminStream.status).toBe(200);
        tj.scope.add(ws.workspaceId);
        const mine = (await ws.admin.post('/api/v1/accounts', { name: 'Admin only' })).json();
        const theirs = (await rep.client.post('/api/v1/accounts', { name: 'Rep owned' })).json();
        expect((await ws.admin.delete(`/api/v1/accounts/${theirs.id}`)).statusCode).toBe(204);
        await waitFor(async () => adminStream.events.length >= 3 && repStream.events.length >= 2);
        expect(adminStream.events).toEqual([
          { object: 'accounts', recordId: mine.id, event: 'accounts.created' },
          { object: 'accounts', recordId: theirs.id, event: 'accounts.created' },
          { object: 'accounts', recordId: theirs.id, event: 'accounts.deleted' },
        ]);
        expect(repStream.events).toEqual([
          { object: 'accounts', recordId: theirs.id, event: 'accounts.created' },
          { object: 'accounts', recordId: theirs.id, event: 'accounts.deleted' },
        ]);
        // Another workspace's changes never show.
        const other = await newWorkspace(env);
        tj.scope.add(other.workspaceId);
        const foreign = (await other.admin.post('/api/v1/accounts', { name: 'Elsewhere' })).json();
        await waitFor(async () => (await env.db.executeSql('select dispatched_at from outbox_events where workspace_id = $1 and record_id = $2', [other.workspaceId, foreign.id])).rows[0]?.dispatched_at);
        await new Promise((r) => setTimeout(r, 300));
        expect(adminStream.events).toHaveLength(3);
      } finally {
        adminStream.close();
        repStream.close();
      }
    });

    it('refuses callers who are not signed in', async () => {
      const s = await openStream(base, null);
      s.close();
      expect(s.status).toBe(401);
    });
  });
});
