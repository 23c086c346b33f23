import type { Database } from '../../db/database.js';
import type { JobLog } from '../jobs/jobs.js';
import { publishEvent, type DispatchedEvent, type Subscriber } from './event-bus.js';

export interface DispatcherOptions {
  intervalMs: number;
  batchSize?: number;
  /** How long a claim keeps other nodes off an event; a node that dies mid-batch frees it by expiry. */
  leaseSeconds?: number;
  /** Attempts before an event that keeps failing is set aside (dispatched with its error kept). */
  maxAttempts?: number;
  workspaceScope?: Set<string>;
  /** Subscribers of this dispatcher only, after the process-wide ones registered with onEvent. */
  handlers?: Subscriber[];
  log: JobLog;
}

export interface Dispatcher {
  /** Dispatches what is pending now; returns how many events were handled. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Claims pending events in commit-time order with a lease (one UPDATE … FOR UPDATE SKIP LOCKED, so several
 * worker nodes never take the same event), hands each to the subscribers, then marks it dispatched. Runs
 * as the owning role through executeSql: it serves every workspace, which RLS would hide from rapport_app.
 * Order is kept within one node's batch; across nodes, or when an event is retried, it is best effort.
 */
export function startDispatcher(db: Database, opts: DispatcherOptions): Dispatcher {
  const batchSize = opts.batchSize ?? 100;
  const lease = opts.leaseSeconds ?? 60;
  const maxAttempts = opts.maxAttempts ?? 10;
  let stopping = false;
  let wake: (() => void) | null = null;

  async function claim(): Promise<any[]> {
    const scope = opts.workspaceScope ? [...opts.workspaceScope] : null;
    if (scope && scope.length === 0) return [];
    const res = await db.executeSql(`update outbox_events o set claimed_until = now() + make_interval(secs => $1),
        dispatch_attempts = o.dispatch_attempts + 1
      from (select workspace_id, id from outbox_events
        where dispatched_at is null and (claimed_until is null or claimed_until < now())
          and ($3::uuid[] is null or workspace_id = any($3::uuid[]))
        order by created_at, id limit $2 for update skip locked) c
      where o.workspace_id = c.workspace_id and o.id = c.id
      returning o.*`, [lease, batchSize, scope]);
    return res.rows.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at) || String(a.id).localeCompare(String(b.id)));
  }

  async function handle(row: any): Promise<void> {
    const e: DispatchedEvent = {
      id: row.id, workspaceId: row.workspace_id, object: row.object, recordId: row.record_id, event: row.event,
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload, actorId: row.actor_id,
      createdAt: new Date(row.created_at),
    };
    try {
      await publishEvent(e, opts.handlers);
      await db.executeSql(`update outbox_events set dispatched_at = now(), claimed_until = null, dispatch_error = null
        where workspace_id = $1 and id = $2`, [row.workspace_id, row.id]);
    } catch (err) {
      const msg = (err as Error).message.slice(0, 2000);
      const giveUp = row.dispatch_attempts >= maxAttempts;
      opts.log.error({ eventId: row.id, event: row.event, attempt: row.dispatch_attempts, err: msg }, giveUp ? 'outbox event set aside after repeated failures' : 'outbox event failed; will retry');
      // Back off 2^attempt seconds (capped at 5 min) before the claim expires and the event is retried.
      await db.executeSql(`update outbox_events set dispatch_error = $3,
          claimed_until = case when $4 then null else now() + make_interval(secs => least(power(2, dispatch_attempts), 300)) end,
          dispatched_at = case when $4 then now() else null end
        where workspace_id = $1 and id = $2`, [row.workspace_id, row.id, msg, giveUp]);
    }
  }

  async function runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await claim();
      for (const row of rows) await handle(row);
      total += rows.length;
      if (rows.length < batchSize || stopping) return total;
    }
  }

  const loop = (async () => {
    while (!stopping) {
      try {
        await runOnce();
      } catch (err) {
        opts.log.error({ err: (err as Error).message }, 'outbox dispatcher failed; retrying');
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.intervalMs);
        wake = () => { clearTimeout(t); resolve(); };
      });
      wake = null;
    }
  })();

  return {
    runOnce,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
