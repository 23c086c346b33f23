import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import type { AuthContext } from '../../platform/access.js';
import { forbidden } from '../../platform/errors.js';
import type { Org } from '../../platform/org.service.js';

export const DAY_MS = 86_400_000;

export const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** Settings of the sales area are the administrators' to change. */
export function assertAdmin(auth: AuthContext | null): asserts auth is AuthContext {
  if (!auth?.access.isAdmin) throw forbidden();
}

const parents = new WeakMap<Org, Map<string, string>>();

/** The user's department and every department above it: a pool or pipeline of a parent covers its children. */
export function departmentsAbove(org: Org, userId: string): string[] {
  let up = parents.get(org);
  if (!up) {
    up = new Map();
    for (const [parent, kids] of org.children) for (const k of kids) up.set(k, parent);
    parents.set(org, up);
  }
  const out: string[] = [];
  let d = org.users.get(userId)?.departmentId ?? null;
  while (d && !out.includes(d)) { out.push(d); d = up.get(d) ?? null; }
  return out;
}

/** Serialises one kind of decision per key inside the caller's transaction (claim caps, round-robin). */
export async function xactLock(trx: Trx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

const presets = new WeakMap<object, Record<string, unknown>>();

/**
 * Columns a domain action sets on a record it creates through the pipeline that the API may not write
 * (read-only fields such as leadFormId); the beforeCreate hook of that object merges them in, so the
 * create's history row already shows them.
 */
export function presetColumns(ctx: object, columns: Record<string, unknown>): void {
  presets.set(ctx, columns);
}

export function takePreset(ctx: object): Record<string, unknown> | undefined {
  const p = presets.get(ctx);
  presets.delete(ctx);
  return p;
}
