import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import type { DispatchedEvent, EventHandler } from '../events/event-bus.js';
import { newId } from '../ids.js';
import { registerJob } from '../jobs/job-registry.js';
import type { JobContext, Jobs } from '../jobs/jobs.js';
import { postWebhook, type PostResult } from './webhook-http.js';

export const WEBHOOK_JOB = 'webhook-deliver';
/** Retry delays after attempts 1…5 as multiples of the base: 30 s → 2 min, 10 min, 1 h, 6 h. */
const BACKOFF = [1, 4, 20, 120, 720];
const NS = 'a4b6f1de-3c1e-4c4f-9a52-6f0e1c7d2b90';

export interface DeliverJob { workspaceId: string; webhookId: string; eventId: string; attempt: number }

/** The same event, webhook and attempt always map to the same job id, so a re-dispatched event sends nothing twice. */
export function deliveryJobId(eventId: string, webhookId: string, attempt: number): string {
  return uuidv5(`${eventId}:${webhookId}:${attempt}`, NS);
}

export function retryDelaySeconds(attempt: number, base: number): number {
  return base * BACKOFF[Math.min(attempt, BACKOFF.length) - 1];
}

function matches(hook: Record<string, any>, e: DispatchedEvent): boolean {
  const objects: string[] = hook.objects ?? [];
  const events: string[] = hook.events ?? [];
  const verb = e.event.slice(e.event.lastIndexOf('.') + 1);
  return (objects.length === 0 || objects.includes(e.object)) && (events.length === 0 || events.includes(verb));
}

/** The outbox subscriber: one delivery job per matching active webhook. */
export function webhookFanOut(db: Database, jobs: Jobs): EventHandler {
  return async (e) => {
    const hooks = await withTenant(db, e.workspaceId, (trx) => trx.selectFrom('webhooks').select(['id', 'objects', 'events'])
      .where('workspace_id', '=', e.workspaceId).where('active', '=', true).execute());
    for (const h of hooks.filter((h) => matches(h, e))) {
      const data: DeliverJob = { workspaceId: e.workspaceId, webhookId: h.id, eventId: e.id, attempt: 1 };
      await jobs.send(WEBHOOK_JOB, { ...data }, { id: deliveryJobId(e.id, h.id, 1) });
    }
  };
}

export function webhookBody(e: { id: string; event: string; object: string | null; recordId: string | null; occurredAt: Date; workspaceId: string; data: unknown }): string {
  return JSON.stringify({
    id: e.id, event: e.event, object: e.object, recordId: e.recordId, occurredAt: e.occurredAt.toISOString(),
    workspaceId: e.workspaceId, data: e.data ?? null,
  });
}

export async function logDelivery(trx: Trx, ws: string, d: { id: string; webhookId: string; eventId: string; event: string; attempt: number; status: string; result: PostResult; nextAttemptAt: Date | null }): Promise<void> {
  await trx.insertInto('webhook_deliveries').values({
    workspace_id: ws, id: d.id, webhook_id: d.webhookId, event_id: d.eventId, event: d.event, attempt: d.attempt,
    status: d.status, response_status: d.result.responseStatus, error: d.result.error, duration_ms: d.result.durationMs,
    next_attempt_at: d.nextAttemptAt,
  }).execute();
}

/** One attempt: POST, log it, and book the next attempt when this one failed and attempts remain. */
export async function deliverAttempt(job: DeliverJob, ctx: JobContext): Promise<void> {
  const { workspaceId: ws, webhookId, eventId, attempt } = job;
  const found = await withTenant(ctx.db, ws, async (trx) => {
    const hook = await trx.selectFrom('webhooks').selectAll().where('workspace_id', '=', ws).where('id', '=', webhookId).executeTakeFirst();
    const ev = await trx.selectFrom('outbox_events').selectAll().where('workspace_id', '=', ws).where('id', '=', eventId).executeTakeFirst();
    return hook && ev ? { hook, ev } : null;
  });
  if (!found || !found.hook.active) return; // deleted or switched off since: nothing to deliver
  const { hook, ev } = found;
  const deliveryId = newId();
  const result = await postWebhook({
    url: hook.url, secret: hook.secret, event: ev.event, deliveryId, allowHosts: ctx.config.webhookAllowHosts,
    body: webhookBody({ id: ev.id, event: ev.event, object: ev.object, recordId: ev.record_id, occurredAt: new Date(ev.created_at), workspaceId: ws, data: ev.payload }),
  });
  const retry = !result.ok && attempt < ctx.options.webhookMaxAttempts;
  const delay = retry ? retryDelaySeconds(attempt, ctx.options.webhookRetryBaseSeconds) : 0;
  const nextAttemptAt = retry ? new Date(Date.now() + delay * 1000) : null;
  await withTenant(ctx.db, ws, (trx) => logDelivery(trx, ws, {
    id: deliveryId, webhookId, eventId, event: ev.event, attempt, status: result.ok ? 'succeeded' : retry ? 'retrying' : 'failed', result, nextAttemptAt,
  }));
  if (retry) {
    await ctx.jobs.send(WEBHOOK_JOB, { ...job, attempt: attempt + 1 }, { id: deliveryJobId(eventId, webhookId, attempt + 1), startAfterSeconds: delay });
  }
  if (!result.ok) ctx.log.info({ webhookId, eventId, attempt, error: result.error, retryInSeconds: retry ? delay : null }, 'webhook delivery failed');
}

registerJob<DeliverJob>({
  name: WEBHOOK_JOB,
  concurrency: 4,
  expireInSeconds: 120,
  retryLimit: 2,
  retryDelaySeconds: 30,
  handler: (data, ctx) => deliverAttempt(data, ctx),
});
