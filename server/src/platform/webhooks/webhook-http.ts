import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, type Lookup } from './ssrf-guard.js';

export const DELIVERY_TIMEOUT_MS = 10_000;

/** sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">: the timestamp is signed so a captured request cannot be replayed later. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}

export interface PostResult { ok: boolean; responseStatus: number | null; error: string | null; durationMs: number }

export interface PostRequest {
  url: string;
  secret: string;
  event: string;
  deliveryId: string;
  body: string;
  allowHosts: string[];
  lookup?: Lookup;
}

/**
 * One signed POST. The host is resolved and checked again here (the DNS answer may have changed since the
 * webhook was saved) and the socket connects to exactly the checked address. Redirects are not followed:
 * a 3xx counts as a failure like any other non-2xx answer.
 */
export async function postWebhook(req: PostRequest): Promise<PostResult> {
  const started = Date.now();
  const res = await checkWebhookUrl(req.url, req.allowHosts, req.lookup);
  if ('code' in res) {
    const why = res.code === 'webhooks.urlForbidden' ? `blocked address ${res.address}` : res.code === 'webhooks.urlUnresolvable' ? `cannot resolve ${res.host}` : 'invalid URL';
    return { ok: false, responseStatus: null, error: why, durationMs: Date.now() - started };
  }
  const checked = res;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(req.body)),
    'user-agent': 'Rapport-Webhooks/1.0',
    'x-rapport-event': req.event,
    'x-rapport-delivery': req.deliveryId,
    'x-rapport-timestamp': timestamp,
    'x-rapport-signature': signPayload(req.secret, timestamp, req.body),
  };
  const pinned: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all) (cb as any)(null, [{ address: checked.address, family: checked.family }]);
    else cb(null, checked.address, checked.family);
  };
  const { url } = checked;
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve) => {
    let done = false;
    const finish = (r: Omit<PostResult, 'durationMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: Date.now() - started });
    };
    const outgoing = mod.request({
      protocol: url.protocol, hostname: checked.host, port: url.port || undefined, path: `${url.pathname}${url.search}`,
      method: 'POST', headers, lookup: pinned, agent: false,
      auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
    }, (res) => {
      const status = res.statusCode ?? 0;
      // The answer's body is not needed; read a little of it so the receiver can finish, then hang up.
      let read = 0;
      res.on('data', (chunk: Buffer) => { read += chunk.length; if (read > 65_536) outgoing.destroy(); });
      res.on('error', () => {});
      finish({ ok: status >= 200 && status < 300, responseStatus: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
    });
    outgoing.setTimeout(DELIVERY_TIMEOUT_MS, () => outgoing.destroy());
    const timer = setTimeout(() => {
      finish({ ok: false, responseStatus: null, error: `timeout after ${DELIVERY_TIMEOUT_MS / 1000} s` });
      outgoing.destroy();
    }, DELIVERY_TIMEOUT_MS);
    outgoing.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, responseStatus: null, error: (err.code ?? err.message).slice(0, 500) }));
    outgoing.end(req.body);
  });
}
