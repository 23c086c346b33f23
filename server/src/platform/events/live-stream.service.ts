import type { ServerResponse } from 'node:http';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import { loadRow } from '../../records/record-read.service.js';
import { runRecords } from '../../records/run.js';
import { scopeFor, type AuthContext } from '../access.js';
import { AppError } from '../errors.js';
import type { LiveBus, LiveEvent } from './live-bus.js';

export const MAX_STREAMS_PER_USER = 10;
const HEARTBEAT_MS = 25_000;
/** Streams end after this long; EventSource reconnects by itself, which signs the caller in again. */
const MAX_STREAM_MS = 15 * 60_000;
/** A client this far behind is cut off rather than queueing without bound; it reconnects and reloads. */
const MAX_BACKLOG = 500;

interface Stream {
  auth: AuthContext;
  res: ServerResponse;
  chain: Promise<void>;
  backlog: number;
  timers: NodeJS.Timeout[];
}

/** A live topic that is not a record object (notifications): who receives its events, under which SSE event name. */
export interface LiveTopic {
  sseEvent: string;
  mayReceive(trx: Trx, auth: AuthContext, e: LiveEvent): Promise<boolean>;
}
const topics = new Map<string, LiveTopic>();

/** Platform areas put their non-record events on the live streams here (at import time). */
export function registerLiveTopic(object: string, topic: LiveTopic): void {
  topics.set(object, topic);
}

/**
 * Whether the user may still read the record the event is about (live or in the recycle bin), through the
 * records pipeline's own visibility predicate (loadRow), checked when the event is sent. A purged record is gone, so its event goes only to users who may read
 * every record of the object. Streams carry ids and event names only; the page fetches what it shows.
 */
export async function mayReceive(db: Database, auth: AuthContext, e: LiveEvent): Promise<boolean> {
  if (!e.recordId) return false;
  const topic = topics.get(e.object);
  if (topic) return withTenant(db, auth.workspaceId, (trx) => topic.mayReceive(trx, auth, e));
  const verb = e.event.slice(e.event.lastIndexOf('.') + 1);
  return runRecords(db, auth, async (ctx) => {
    const obj = ctx.md.objects.get(e.object);
    if (!obj || obj.status !== 'active') return false;
    if (verb === 'purged') return scopeFor(ctx.auth.access, obj.apiName, 'read') === 'all';
    // The record may have moved in or out of the recycle bin since the event: readable in either place counts.
    for (const deleted of verb === 'deleted' ? [true, false] : [false, true]) {
      try {
        await loadRow(ctx, obj, e.recordId!, 'read', { deleted });
        return true;
      } catch { /* try the other place */ }
    }
    return false;
  });
}

/** The live-update streams of one API process, fed from the live bus. */
export class LiveStreams {
  private readonly byWorkspace = new Map<string, Set<Stream>>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly db: Database, private readonly bus: LiveBus) {}

  /** Throws the 429 before the response is taken over, so the refusal is still a problem+json answer. */
  assertCanOpen(auth: AuthContext): void {
    const mine = [...(this.byWorkspace.get(auth.workspaceId) ?? [])].filter((s) => s.auth.userId === auth.userId);
    if (mine.length >= MAX_STREAMS_PER_USER) throw new AppError(429, 'events.tooManyStreams', { max: MAX_STREAMS_PER_USER });
  }

  async open(auth: AuthContext, res: ServerResponse): Promise<void> {
    this.unsubscribe ??= this.bus.subscribe((e) => this.route(e));
    await this.bus.ready().catch(() => { /* no Redis yet: the stream opens and fills once it is back */ });
    const s: Stream = { auth, res, chain: Promise.resolve(), backlog: 0, timers: [] };
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    s.timers.push(setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS), setTimeout(() => res.end(), MAX_STREAM_MS));
    const set = this.byWorkspace.get(auth.workspaceId) ?? new Set<Stream>();
    set.add(s);
    this.byWorkspace.set(auth.workspaceId, set);
    res.on('close', () => this.drop(s));
  }

  private drop(s: Stream): void {
    for (const t of s.timers) clearTimeout(t);
    this.byWorkspace.get(s.auth.workspaceId)?.delete(s);
    if (!s.res.writableEnded) s.res.end();
  }

  private route(e: LiveEvent): void {
    for (const s of this.byWorkspace.get(e.workspaceId) ?? []) {
      if (++s.backlog > MAX_BACKLOG) { this.drop(s); continue; }
      s.chain = s.chain.then(async () => {
        const ok = await mayReceive(this.db, s.auth, e).catch(() => false);
        s.backlog--;
        if (ok && !s.res.writableEnded) {
          s.res.write(`id: ${e.id}\nevent: ${topics.get(e.object)?.sseEvent ?? 'record'}\ndata: ${JSON.stringify({ object: e.object, recordId: e.recordId, event: e.event })}\n\n`);
        }
      });
    }
  }

  /** Ends every stream (before the HTTP server closes, which would otherwise wait on them) and lets go of the bus. */
  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const all = [...this.byWorkspace.values()].flatMap((set) => [...set]);
    for (const s of all) this.drop(s);
    await Promise.all(all.map((s) => s.chain));
    await this.bus.close();
  }
}
