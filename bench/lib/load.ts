import autocannon from 'autocannon';

export interface Req { method?: string; path: string; headers?: Record<string, string>; body?: string; kind?: string }

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  /** Called for every request; `kind` labels the request in the per-kind breakdown. */
  next: () => Req;
}

export interface LatencyStats { count: number; p50: number; p95: number; p99: number; mean: number; max: number }

export interface LoadResult {
  requests: number;
  rps: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  latency: LatencyStats;
  kinds: Record<string, LatencyStats & { errors: number }>;
  errorSamples: string[];
  seconds: number;
}

export function stats(values: number[]): LatencyStats {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0 };
  const s = Float64Array.from(values).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const round = (v: number) => Math.round(v * 100) / 100;
  return { count: s.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length), max: round(s[s.length - 1]) };
}

/** Runs autocannon against one URL and keeps every response time, so percentiles are exact. */
export async function load(o: LoadOptions): Promise<LoadResult> {
  const all: number[] = [];
  const byKind = new Map<string, { times: number[]; errors: number }>();
  const errorSamples: string[] = [];
  let non2xx = 0;
  const started = Date.now();
  const instance = autocannon({
    url: o.url, connections: o.connections, duration: o.duration, timeout: 30,
    requests: [{
      setupRequest: (_req: unknown, context: Record<string, unknown>) => {
        const r = o.next();
        context.kind = r.kind ?? 'all';
        return { method: r.method ?? 'GET', path: r.path, headers: r.headers ?? {}, body: r.body };
      },
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        if (status >= 400 && errorSamples.length < 5) errorSamples.push(`${status} ${String(context.kind)} ${String(body).slice(0, 300)}`);
      },
    }],
  });
  instance.on('response', (client: any, status: number, _bytes: number, ms: number) => {
    const kind = String(client.requestIterator?.context?.kind ?? 'all');
    let k = byKind.get(kind);
    if (!k) byKind.set(kind, (k = { times: [], errors: 0 }));
    all.push(ms);
    k.times.push(ms);
    if (status < 200 || status >= 300) { non2xx++; k.errors++; }
  });
  const res = await instance;
  const seconds = (Date.now() - started) / 1000;
  const kinds: LoadResult['kinds'] = {};
  for (const [k, v] of byKind) kinds[k] = { ...stats(v.times), errors: v.errors };
  return {
    requests: all.length, rps: Math.round(all.length / o.duration), errors: res.errors + non2xx, non2xx,
    timeouts: res.timeouts, latency: stats(all), kinds, errorSamples, seconds,
  };
}
