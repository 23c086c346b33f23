/** One committed outbox event as subscribers see it. */
export interface DispatchedEvent {
  /** The outbox row id: the idempotency key of every consumer. */
  id: string;
  workspaceId: string;
  object: string;
  recordId: string | null;
  /** '<object>.<verb>', e.g. 'accounts.created'. */
  event: string;
  payload: unknown;
  actorId: string | null;
  createdAt: Date;
}

export type EventHandler = (e: DispatchedEvent) => Promise<void>;

export interface Subscriber { name: string; handler: EventHandler }
const subscribers: Subscriber[] = [];

/**
 * Subscribes to every committed event, in the order the dispatcher reads them, on the worker that
 * dispatches it. Delivery is at least once: a handler that throws makes the whole event come round again
 * later (every handler sees it again), and a crash between a handler and the dispatched mark does too,
 * so handlers must be idempotent, keyed by event id. Returns the unsubscribe function.
 */
export function onEvent(name: string, handler: EventHandler): () => void {
  const sub = { name, handler };
  subscribers.push(sub);
  return () => {
    const i = subscribers.indexOf(sub);
    if (i >= 0) subscribers.splice(i, 1);
  };
}

/**
 * Runs every subscriber in turn, then the dispatcher's own (`extra`: the job system's webhook fan-out and
 * live updates); the first failure stops the event (it will be retried).
 */
export async function publishEvent(e: DispatchedEvent, extra: Subscriber[] = []): Promise<void> {
  for (const s of [...subscribers, ...extra]) {
    try {
      await s.handler(e);
    } catch (err) {
      throw new Error(`event subscriber ${s.name} failed: ${(err as Error).message}`, { cause: err });
    }
  }
}
