import dns from 'node:dns';
import net from 'node:net';

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: Lookup = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** Ranges a webhook must never reach: this host, private networks, cloud metadata, multicast, reserved. */
const BLOCKED = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net4, bits, 'ipv4');
for (const [net6, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32],
  ['100::', 64], ['2001::', 23],
] as const) BLOCKED.addSubnet(net6, bits, 'ipv6');

/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, compatible ::a.b.c.d), if any. */
function embeddedV4(addr: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (m) return m[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(addr);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export function isForbiddenAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedV4(address.toLowerCase());
    if (v4) return BLOCKED.check(v4, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true;
}

export type UrlProblem =
  | { code: 'webhooks.urlInvalid' }
  | { code: 'webhooks.urlUnresolvable'; host: string }
  | { code: 'webhooks.urlForbidden'; host: string; address: string };

export interface CheckedUrl { url: URL; host: string; address: string; family: 4 | 6 }

/** Host as written, lower-cased, without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

export function parseWebhookUrl(raw: string): URL | null {
  let url: URL;
  try { url = new URL(raw); } catch { return null; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url;
}

/**
 * Resolves the URL's host (every address it has) and accepts it only when none is forbidden, unless the
 * host is listed in WEBHOOK_ALLOW_HOSTS. Returns the address to connect to, so the caller connects to what
 * was checked rather than resolving again (a rebinding DNS server could answer differently the next time).
 */
export async function checkWebhookUrl(raw: string, allowHosts: string[], lookup: Lookup = systemLookup): Promise<CheckedUrl | UrlProblem> {
  const url = parseWebhookUrl(raw);
  if (!url) return { code: 'webhooks.urlInvalid' };
  const host = hostOf(url);
  let addrs: { address: string; family: number }[];
  if (net.isIP(host)) {
    addrs = [{ address: host, family: net.isIP(host) }];
  } else {
    try {
      addrs = await withTimeout(lookup(host), 5000);
    } catch {
      return { code: 'webhooks.urlUnresolvable', host };
    }
    if (addrs.length === 0) return { code: 'webhooks.urlUnresolvable', host };
  }
  const allowed = allowHosts.includes(host);
  const bad = allowed ? undefined : addrs.find((a) => isForbiddenAddress(a.address));
  if (bad) return { code: 'webhooks.urlForbidden', host, address: bad.address };
  // IPv4 first, as most receivers listen there; every address passed the check anyway.
  const pick = addrs.find((a) => a.family === 4) ?? addrs[0];
  return { url, host, address: pick.address, family: pick.family === 6 ? 6 : 4 };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
