import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every setting the server reads from its environment; README.md lists them. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  replicaUrl: string | null;
  dataDir: string;
  redisUrl: string | null;
  adminEmail: string;
  adminPassword: string | null;
  demo: boolean;
  roles: { api: boolean; worker: boolean; smtp: boolean };
  sessionTtlHours: number;
  secureCookies: boolean;
  webhookAllowHosts: string[];
  recycleBinDays: number;
  logLevel: string;
  publicUrl: string;
  webDist: string | null;
  /** Proxy hops whose X-Forwarded-For is believed (client IPs for rate limits and audit). */
  trustProxy: boolean | number | string;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

function int(v: string | undefined, dflt: number): number {
  const n = v ? Number.parseInt(v, 10) : NaN;
  return Number.isFinite(n) ? n : dflt;
}

function proxySetting(v: string | undefined): boolean | number | string {
  if (!v) return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (['true', 'false'].includes(v)) return v === 'true';
  return v; // comma-separated addresses or CIDRs
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const roles = (env.ROLES ?? 'api,worker,smtp').split(',').map((r) => r.trim());
  const port = int(env.PORT, 3000);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    replicaUrl: env.DATABASE_REPLICA_URL || null,
    // npm runs the server from server/; a relative DATA_DIR means relative to where npm was started.
    dataDir: env.DATA_DIR ? path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR) : path.join(REPO_ROOT, 'data'),
    redisUrl: env.REDIS_URL || null,
    adminEmail: env.ADMIN_EMAIL ?? 'admin@rapport.local',
    adminPassword: env.ADMIN_PASSWORD || null,
    demo: bool(env.DEMO, false) || argv.includes('--demo'),
    roles: { api: roles.includes('api'), worker: roles.includes('worker'), smtp: roles.includes('smtp') },
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 24 * 14),
    secureCookies: bool(env.SECURE_COOKIES, false),
    webhookAllowHosts: (env.WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    recycleBinDays: int(env.RECYCLE_BIN_DAYS, 30),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    webDist: env.WEB_DIST ?? null,
    trustProxy: proxySetting(env.TRUST_PROXY),
  };
}
