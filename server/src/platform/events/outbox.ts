import type { Trx } from '../../db/tenant.js';
import { newId } from '../ids.js';

export interface OutboxEvent {
  workspaceId: string;
  object: string;
  recordId: string | null;
  event: string;
  payload: unknown;
  actorId: string | null;
}

/** Queued in the writer's transaction, so an event exists exactly when its change committed. */
export async function addOutboxEvent(trx: Trx, e: OutboxEvent): Promise<string> {
  const id = newId();
  await trx.insertInto('outbox_events').values({
    workspace_id: e.workspaceId, id, object: e.object, record_id: e.recordId, event: e.event,
    payload: JSON.stringify(e.payload), actor_id: e.actorId,
  }).execute();
  return id;
}
