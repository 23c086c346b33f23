import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { startTestJobs, waitFor, type TestJobs } from './jobs-helpers.js';
import type { JobContext, SendOptions } from '../src/platform/jobs/jobs.js';
import { deliverAttempt, deliveryJobId, WEBHOOK_JOB, type DeliverJob } from '../src/platform/webhooks/webhook-delivery.job.js';

interface Received { headers: http.IncomingHttpHeaders; body: string; status: number }

/** A real HTTP receiver on 127.0.0.1 that answers with the queued statuses, then 200. */
async function receiver(statuses: number[] = []) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      got.push({ headers: req.headers, body, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { got, url: `http://127.0.0.1:${port}/hook?x=1`, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function verify(secret: string, r: Received): boolean {
  const ts = String(r.headers['x-rapport-timestamp']);
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
  const sent = String(r.headers['x-rapport-signature']);
  return sent.length === expected.length && crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

describe.skipIf(SKIP)('webhook delivery', () => {
  let env: TestEnv;
  let tj: TestJobs;
  beforeAll(async () => {
    env = await startTestApp();
    tj = await startTestJobs(env);
  });
  afterAll(async () => { await tj?.stop(); await env?.close(); });

  it('signs each delivery, retries after a failure and logs every attempt', async () => {
    const rx = await receiver([500]);
    try {
      const { workspaceId, admin } = await newWorkspace(env);
      const created = await admin.post('/api/v1/webhooks', { name: 'CRM sync', url: rx.url, objects: ['accounts'], events: ['created'] });
      expect(created.statusCode, created.body).toBe(201);
      const hook = created.json();
      expect(hook.secret).toMatch(/^whsec_/);
      expect((await admin.get(`/api/v1/webhooks/${hook.id}`)).json().secret).toBeUndefined();
      tj.scope.add(workspaceId);

      const acc = (await admin.post('/api/v1/accounts', { name: '华东贸易' })).json();
      await admin.patch(`/api/v1/accounts/${acc.id}`, { name: 'not subscribed: updated' });
      await waitFor(async () => rx.got.length >= 2);
      const [first, second] = rx.got;
      expect(first.status).toBe(500);
      expect(second.status).toBe(200);
      for (const r of [first, second]) {
        expect(verify(hook.secret, r)).toBe(true);
        expect(r.headers['x-rapport-event']).toBe('accounts.created');
        expect(r.headers['content-type']).toContain('application/json');
      }
      expect(first.headers['x-rapport-delivery']).not.toBe(second.headers['x-rapport-delivery']);
      expect(first.body).toBe(second.body);
      const body = JSON.parse(second.body);
      expect(body).toMatchObject({ event: 'accounts.created', object: 'accounts', recordId: acc.id, workspaceId, data: { record: { name: '华东贸易' } } });
      const outbox = (await env.db.executeSql(`select id from outbox_events where workspace_id = $1 and record_id = $2 and event = 'accounts.created'`, [workspaceId, acc.id])).rows;
      expect(body.id).toBe(outbox[0].id);
      expect(new Date(body.occurredAt).toISOString()).toBe(body.occurredAt);

      const log = (await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`)).json();
      expect(log.data.map((d: any) => [d.attempt, d.status, d.responseStatus])).toEqual([[2, 'succeeded', 200], [1, 'retrying', 500]]);
      expect(log.data[1].nextAttemptAt).not.toBeNull();
      expect(log.data[0].id).toBe(second.headers['x-rapport-delivery']);
      expect(log.data.every((d: any) => d.eventId === body.id && typeof d.durationMs === 'number')).toBe(true);
      const page1 = (await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?limit=1`)).json();
      expect(page1.data).toHaveLength(1);
      const page2 = (await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?limit=1&cursor=${page1.nextCursor}`)).json();
      expect(page2.data.map((d: any) => d.attempt)).toEqual([1]);
      expect(page2.nextCursor).toBeNull();
      // The update was not subscribed to: nothing more arrives.
      await new Promise((r) => setTimeout(r, 800));
      expect(rx.got).toHaveLength(2);
    } finally {
      await rx.close();
    }
  });

  it('gives up after the last attempt, sends pings, rotates the secret', async () => {
    const rx = await receiver([503, 503, 503]);
    try {
      const { workspaceId, admin } = await newWorkspace(env);
      const hook = (await admin.post('/api/v1/webhooks', { url: rx.url })).json();
      // A runner of its own that stops after two attempts.
      const short = await startTestJobs(env, { webhookMaxAttempts: 2, workspaceScope: new Set([workspaceId]), schema: `pgboss_short_${process.pid}` });
      try {
        await admin.post('/api/v1/accounts', { name: 'Give up' });
        const log = await waitFor(async () => {
          const l = (await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`)).json();
          return l.data.length >= 2 && l;
        });
        expect(log.data.map((d: any) => [d.attempt, d.status])).toEqual([[2, 'failed'], [1, 'retrying']]);
        expect(log.data[0].error).toBe('HTTP 503');
        expect(log.data[0].nextAttemptAt).toBeNull();
      } finally {
        await short.stop();
      }

      const ping = await admin.post(`/api/v1/webhooks/${hook.id}/test`);
      expect(ping.statusCode, ping.body).toBe(200);
      expect(ping.json()).toMatchObject({ event: 'ping', status: 'failed', responseStatus: 503 });
      const rotated = (await admin.post(`/api/v1/webhooks/${hook.id}/rotate-secret`)).json();
      expect(rotated.secret).not.toBe(hook.secret);
      const ok = (await admin.post(`/api/v1/webhooks/${hook.id}/test`)).json();
      expect(ok).toMatchObject({ status: 'succeeded', responseStatus: 200 });
      const last = rx.got[rx.got.length - 1];
      expect(last.headers['x-rapport-event']).toBe('ping');
      expect(verify(rotated.secret, last)).toBe(true);
      expect(verify(hook.secret, last)).toBe(false);
    } finally {
      await rx.close();
    }
  });

  it('backs off exponentially between failed attempts, up to a cap', async () => {
    const rx = await receiver(Array(10).fill(503));
    try {
      // No runner serves this workspace: each attempt is run by hand and the retry it books is caught here.
      const { workspaceId, admin } = await newWorkspace(env);
      const hook = (await admin.post('/api/v1/webhooks', { url: rx.url, objects: ['accounts'], events: ['created'] })).json();
      const acc = (await admin.post('/api/v1/accounts', { name: 'Back-off' })).json();
      const eventId = (await env.db.executeSql(`select id from outbox_events where workspace_id = $1 and record_id = $2 and event = 'accounts.created'`, [workspaceId, acc.id])).rows[0].id;
      const booked: { name: string; data: DeliverJob; opts: SendOptions }[] = [];
      const ctx: JobContext = {
        db: env.db, config: env.config, log: { info: () => {}, error: () => {} },
        jobs: { working: true, stop: async () => {}, send: async (name, data, opts = {}) => { booked.push({ name, data: data as unknown as DeliverJob, opts }); return opts.id ?? null; } },
        options: { pollIntervalMs: 2000, cronPollIntervalMs: 30_000, dispatchIntervalMs: 1000, webhookRetryBaseSeconds: 30, webhookMaxAttempts: 8, schema: 'unused', workspaceScope: undefined },
      };
      let job: DeliverJob = { workspaceId, webhookId: hook.id, eventId, attempt: 1 };
      for (let i = 1; i <= 8; i++) {
        await deliverAttempt(job, ctx);
        if (i < 8) {
          expect(booked).toHaveLength(i);
          job = booked[i - 1].data;
        }
      }
      expect(rx.got).toHaveLength(8);
      expect(booked).toHaveLength(7); // the 8th attempt was the last: nothing more booked
      expect(booked.map((b) => [b.name, b.data.attempt, b.opts.id])).toEqual(booked.map((_, i) => [WEBHOOK_JOB, i + 2, deliveryJobId(eventId, hook.id, i + 2)]));
      const delays = booked.map((b) => b.opts.startAfterSeconds!);
      // Each delay after attempts 1…5 is at least twice the one before; from there on it stays at the cap.
      for (let i = 1; i < 5; i++) expect(delays[i], `after attempt ${i + 1}`).toBeGreaterThanOrEqual(2 * delays[i - 1]);
      expect(delays[0]).toBe(30);
      expect(delays.slice(4)).toEqual([delays[4], delays[4], delays[4]]);
      expect(delays[4]).toBe(6 * 3600);
      // The delivery log shows the same schedule.
      const log = (await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?limit=20`)).json().data.reverse();
      expect(log.map((d: any) => [d.attempt, d.status])).toEqual([...[1, 2, 3, 4, 5, 6, 7].map((a) => [a, 'retrying']), [8, 'failed']]);
      for (const [i, d] of log.slice(0, 7).entries()) {
        const gap = (Date.parse(d.nextAttemptAt) - Date.parse(d.createdAt)) / 1000;
        expect(Math.abs(gap - delays[i]), `attempt ${d.attempt}`).toBeLessThan(5);
      }
      expect(log[7].nextAttemptAt).toBeNull();
    } finally {
      await rx.close();
    }
  });

  it('refuses connections the receiver cannot take: a closed port is logged as an error', async () => {
    const rx = await receiver();
    await rx.close();
    const { admin } = await newWorkspace(env);
    const hook = (await admin.post('/api/v1/webhooks', { url: rx.url })).json();
    const res = (await admin.post(`/api/v1/webhooks/${hook.id}/test`)).json();
    expect(res).toMatchObject({ status: 'failed', responseStatus: null, error: 'ECONNREFUSED' });
  });
});
