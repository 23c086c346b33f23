import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';

/**
 * Uploaded files live in the database in 1 MiB chunks, so whichever node runs the import can read them and
 * an embedded server needs no extra directory. They are deleted when the import finishes.
 */
export const CHUNK = 1024 * 1024;
export const HEAD = 256 * 1024;

export interface Stored { size: number; head: Buffer }

/** Streams an upload into chunks; returns its size and first bytes (for sniffing). */
export async function storeUpload(db: Database, workspaceId: string, importId: string, stream: Readable): Promise<Stored> {
  let seq = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  const heads: Buffer[] = [];
  let headLen = 0;
  const flush = async () => {
    if (pendingLen === 0) return;
    const data = Buffer.concat(pending, pendingLen);
    pending = [];
    pendingLen = 0;
    const n = seq++;
    await withTenant(db, workspaceId, (trx) => trx.insertInto('import_chunks')
      .values({ workspace_id: workspaceId, import_id: importId, seq: n, data }).execute());
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (headLen < HEAD) { heads.push(chunk); headLen += chunk.length; }
    pending.push(chunk);
    pendingLen += chunk.length;
    if (pendingLen >= CHUNK) await flush();
  }
  await flush();
  return { size, head: Buffer.concat(heads).subarray(0, HEAD) };
}

/** The stored file again, chunk by chunk, each read in its own short transaction. */
export async function* readChunks(db: Database, workspaceId: string, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const row = await withTenant(db, workspaceId, (trx) => trx.selectFrom('import_chunks').select('data')
      .where('workspace_id', '=', workspaceId).where('import_id', '=', importId).where('seq', '=', seq).executeTakeFirst());
    if (!row) return;
    yield Buffer.from(row.data);
  }
}

export async function deleteChunks(db: Database, workspaceId: string, importId: string): Promise<void> {
  await withTenant(db, workspaceId, (trx) => sql`delete from import_chunks where workspace_id = ${workspaceId}::uuid
    and import_id = ${importId}::uuid`.execute(trx));
}
