import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { AppError } from '../platform/errors.js';
import type { RecordCtx } from '../records/record-context.js';

/**
 * POST with Idempotency-Key: the key and the response are stored in the same transaction as the write, so
 * a retried request gets the first response back and the write happens once. A concurrent duplicate waits
 * on the key's row lock and then replays.
 */
export async function withIdempotency<T>(ctx: RecordCtx, req: FastifyRequest, status: number, fn: () => Promise<T>): Promise<{ status: number; body: T; replayed: boolean }> {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') return { status, body: await fn(), replayed: false };
  if (key.length > 200) throw new AppError(400, 'error.badRequest', { detail: 'Idempotency-Key is longer than 200 characters' });
  const hash = crypto.createHash('sha256').update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
  const inserted = await sql`insert into idempotency_keys (workspace_id, key, user_id, request_hash, status_code, response)
    values (${ctx.auth.workspaceId}::uuid, ${key}, ${ctx.auth.userId}::uuid, ${hash}, 0, 'null'::jsonb)
    on conflict do nothing returning key`.execute(ctx.trx);
  if (inserted.rows.length === 0) {
    const prev = await ctx.trx.selectFrom('idempotency_keys').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
      .where('user_id', '=', ctx.auth.userId).where('key', '=', key).executeTakeFirstOrThrow();
    if (prev.request_hash !== hash) throw new AppError(422, 'error.idempotencyMismatch');
    if (prev.status_code === 0) throw new AppError(409, 'error.idempotencyInFlight');
    return { status: prev.status_code, body: prev.response as T, replayed: true };
  }
  const body = await fn();
  await ctx.trx.updateTable('idempotency_keys').set({ status_code: status, response: JSON.stringify(body) })
    .where('workspace_id', '=', ctx.auth.workspaceId).where('user_id', '=', ctx.auth.userId).where('key', '=', key).execute();
  return { status, body, replayed: false };
}
