import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { isUuid, withTenant } from '../../db/tenant.js';
import { decodeCursor, encodeCursor } from '../../records/cursor.js';
import type { AuthContext } from '../access.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { logDelivery, webhookBody } from './webhook-delivery.job.js';
import { postWebhook } from './webhook-http.js';
import { loadWebhook } from './webhook.service.js';

export interface DeliveryOut {
  id: string; eventId: string; event: string; attempt: number; status: string; responseStatus: number | null;
  error: string | null; durationMs: number | null; createdAt: string; nextAttemptAt: string | null;
}

function toDeliveryOut(r: Record<string, any>): DeliveryOut {
  return {
    id: r.id, eventId: r.event_id, event: r.event, attempt: r.attempt, status: r.status, responseStatus: r.response_status,
    error: r.error, durationMs: r.duration_ms, createdAt: new Date(r.created_at).toISOString(),
    nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at).toISOString() : null,
  };
}

/** Every attempt of one webhook, newest first, keyset-paged on the (time-ordered) delivery id. */
export async function listDeliveries(db: Database, auth: AuthContext, webhookId: string, p: { limit?: number; cursor?: string }) {
  const limit = Math.min(Math.max(p.limit ?? 50, 1), 200);
  const after = p.cursor ? decodeCursor(p.cursor, 1)[0] : null;
  if (after !== null && !isUuid(after)) throw new AppError(400, 'error.badCursor');
  return withTenant(db, auth.workspaceId, async (trx) => {
    await loadWebhook(trx, auth.workspaceId, webhookId);
    let q = trx.selectFrom('webhook_deliveries').selectAll().where('workspace_id', '=', auth.workspaceId).where('webhook_id', '=', webhookId);
    if (after) q = q.where('id', '<', sql<string>`${after}::uuid`);
    const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    return { data: page.map(toDeliveryOut), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
  });
}

/** Sends a signed `ping` right away (no retries) and answers with the outcome, which is logged like any attempt. */
export async function pingWebhook(db: Database, auth: AuthContext, webhookId: string, allowHosts: string[]): Promise<DeliveryOut> {
  const hook = await withTenant(db, auth.workspaceId, (trx) => loadWebhook(trx, auth.workspaceId, webhookId));
  const eventId = newId();
  const deliveryId = newId();
  const body = webhookBody({
    id: eventId, event: 'ping', object: null, recordId: null, occurredAt: new Date(), workspaceId: auth.workspaceId,
    data: { webhookId, message: 'Rapport webhook test' },
  });
  const result = await postWebhook({ url: hook.url, secret: hook.secret, event: 'ping', deliveryId, body, allowHosts });
  return withTenant(db, auth.workspaceId, async (trx) => {
    await logDelivery(trx, auth.workspaceId, {
      id: deliveryId, webhookId, eventId, event: 'ping', attempt: 1, status: result.ok ? 'succeeded' : 'failed', result, nextAttemptAt: null,
    });
    const row = await trx.selectFrom('webhook_deliveries').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', deliveryId).executeTakeFirstOrThrow();
    return toDeliveryOut(row);
  });
}
