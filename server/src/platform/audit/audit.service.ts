import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { newId } from '../ids.js';

export interface AuditEntry {
  workspaceId: string;
  actorId: string | null;
  event: string;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** Stable JSON: keys sorted at every level, so the same row always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function auditHash(prevHash: string, row: { seq: number; id: string; at: string; actorId: string | null; event: string; ip: string | null; detail: unknown }): string {
  return crypto.createHash('sha256').update(prevHash).update(canonical(row)).digest('hex');
}

/**
 * Appends a security event to the workspace's hash chain inside the caller's transaction. A transaction
 * advisory lock per workspace keeps the chain linear when several requests append at once.
 */
export async function recordAudit(trx: Trx, e: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${'audit:' + e.workspaceId}))`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('workspace_id', '=', e.workspaceId)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const at = new Date().toISOString();
  const row = { seq, id: newId(), at, actorId: e.actorId, event: e.event, ip: e.ip ?? null, detail: e.detail ?? {} };
  const prev = last?.hash ?? GENESIS;
  await trx.insertInto('audit_log').values({
    workspace_id: e.workspaceId, seq, id: row.id, at, actor_id: e.actorId, event: e.event, ip: row.ip,
    detail: JSON.stringify(row.detail), prev_hash: prev, hash: auditHash(prev, row),
  }).execute();
}

export interface VerifyResult { ok: boolean; checked: number; firstBad?: { seq: number; reason: string } }

/** Walks the chain in order; the first row whose hash or link does not match is reported. */
export async function verifyAuditChain(trx: Trx, workspaceId: string): Promise<VerifyResult> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await trx.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId)
      .where('seq', '>', after).orderBy('seq').limit(5000).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const at = r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString();
      const computed = auditHash(r.prev_hash, { seq: r.seq, id: r.id, at, actorId: r.actor_id, event: r.event, ip: r.ip, detail: r.detail });
      if (r.seq !== expectedSeq) return { ok: false, checked, firstBad: { seq: r.seq, reason: `missing row ${expectedSeq}` } };
      if (r.prev_hash !== prev) return { ok: false, checked, firstBad: { seq: r.seq, reason: 'broken link to the previous row' } };
      if (computed !== r.hash) return { ok: false, checked, firstBad: { seq: r.seq, reason: 'content does not match its hash' } };
      prev = r.hash;
      expectedSeq++;
      checked++;
      after = r.seq;
    }
  }
}
