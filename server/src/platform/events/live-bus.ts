import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/** What travels to browsers: ids and the event name, never record data (each node re-checks visibility). */
export interface LiveEvent {
  id: string;
  workspaceId: string;
  object: string;
  recordId: string | null;
  event: string;
}

export interface LiveBus {
  publish(e: LiveEvent): Promise<void>;
  subscribe(fn: (e: LiveEvent) => void): () => void;
  /** Resolves once subscriptions receive what is published from now on. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'rapport:live-events';
// Shared by every in-process bus, so the worker's dispatcher reaches the API's streams in one process.
const local = new EventEmitter();
local.setMaxListeners(0);

/**
 * Live-update fan-out. Without Redis it is an in-process emitter: streams see the events dispatched by a
 * worker in the same process (`npm start` runs both roles). With REDIS_URL every node publishes to one
 * channel and every API node subscribes to it, so a stream on any node sees events dispatched on any node.
 */
export function createLiveBus(redisUrl: string | null): LiveBus {
  return redisUrl ? redisBus(redisUrl) : localBus();
}

function localBus(): LiveBus {
  const mine = new Set<(e: LiveEvent) => void>();
  return {
    async publish(e) { local.emit('event', e); },
    subscribe(fn) {
      local.on('event', fn);
      mine.add(fn);
      return () => { local.off('event', fn); mine.delete(fn); };
    },
    async ready() {},
    async close() { for (const fn of mine) local.off('event', fn); mine.clear(); },
  };
}

function redisBus(url: string): LiveBus {
  let pub: Redis | null = null;
  let sub: Redis | null = null;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const connect = async () => new (await import('ioredis')).Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  let subscribing: Promise<void> | null = null;
  // Once subscribed, ioredis re-subscribes by itself after a reconnect; a failed first try is tried afresh.
  const ensureSub = () => (subscribing ??= (async () => {
    const conn = await connect();
    sub = conn;
    conn.on('error', () => { /* ioredis reconnects by itself */ });
    conn.on('message', (_ch: string, msg: string) => {
      try { emitter.emit('event', JSON.parse(msg)); } catch { /* not ours */ }
    });
    try {
      await conn.subscribe(CHANNEL);
    } catch (err) {
      subscribing = null;
      sub = null;
      conn.disconnect();
      throw err;
    }
  })());
  return {
    async publish(e) {
      if (!pub) { pub = await connect(); pub.on('error', () => {}); }
      await pub.publish(CHANNEL, JSON.stringify(e));
    },
    subscribe(fn) {
      ensureSub().catch(() => { /* retried on the next subscribe or ready() */ });
      emitter.on('event', fn);
      return () => { emitter.off('event', fn); };
    },
    ready: () => ensureSub(),
    async close() {
      emitter.removeAllListeners();
      await subscribing?.catch(() => {});
      await Promise.all([pub?.quit().catch(() => {}), sub?.quit().catch(() => {})]);
      pub = null; sub = null;
    },
  };
}
