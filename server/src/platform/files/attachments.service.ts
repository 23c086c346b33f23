import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { isUuid } from '../../db/tenant.js';
import type { ObjectDef } from '../../metadata/types.js';
import { loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import type { Action } from '../access.js';
import { AppError, notFound } from '../errors.js';
import { addOutboxEvent } from '../events/outbox.js';
import { newId } from '../ids.js';

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  createdBy: string | null;
  createdByName?: string;
  createdAt: string;
}

export interface UploadedFile { fileName: string; contentType: string; data: Buffer }

/** A record's files stop well short of a page that nobody could use; more than this is a sign of misuse. */
const LIST_MAX = 500;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

function present(r: Record<string, any>): AttachmentView {
  return {
    id: r.id, fileName: r.file_name, contentType: r.content_type, size: Number(r.size_bytes), createdBy: r.created_by,
    ...(r.created_by_name ? { createdByName: r.created_by_name } : {}), createdAt: iso(r.created_at),
  };
}

/**
 * The parent record through the same visibility predicate as a record GET: 404 when the caller cannot read
 * it (someone else's, another workspace's, in the recycle bin), 403 when they may read but not act.
 */
async function parent(ctx: RecordCtx, object: string, id: string, action: Action): Promise<ObjectDef> {
  const obj = objectOf(ctx, object);
  await loadRow(ctx, obj, id, action);
  return obj;
}

/** A live attachment of this workspace whose parent the caller may reach for `action`; 404 otherwise. */
async function attachmentFor(ctx: RecordCtx, attachmentId: string, action: Action, withData = false) {
  if (!isUuid(attachmentId)) throw notFound();
  const row = await ctx.trx.selectFrom('attachments')
    .select(['id', 'object', 'record_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'created_by', 'created_at'])
    .$if(withData, (q) => q.select('data'))
    .where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', attachmentId).where('deleted_at', 'is', null)
    .executeTakeFirst();
  const obj = row && ctx.md.objects.get(row.object);
  if (!row || !obj || obj.status !== 'active') throw notFound();
  await loadRow(ctx, obj, row.record_id, action);
  return { row, obj };
}

/** Timeline entry and outbox event of one attachment change, in the change's own transaction. */
async function recordChange(ctx: RecordCtx, obj: ObjectDef, recordId: string, op: 'attach' | 'detach', file: AttachmentView) {
  const summary = { id: file.id, fileName: file.fileName, size: file.size };
  await ctx.trx.insertInto('record_history').values({
    workspace_id: ctx.auth.workspaceId, id: newId(), object: obj.apiName, record_id: recordId, op, field: null,
    old_value: op === 'detach' ? JSON.stringify(summary) : null, new_value: op === 'attach' ? JSON.stringify(summary) : null,
    actor_id: ctx.auth.userId, tx_id: ctx.txId, at: ctx.now,
  }).execute();
  await addOutboxEvent(ctx.trx, {
    workspaceId: ctx.auth.workspaceId, object: obj.apiName, recordId, actorId: ctx.auth.userId,
    event: `${obj.apiName}.${op === 'attach' ? 'attachmentAdded' : 'attachmentRemoved'}`, payload: { id: recordId, attachment: file },
  });
}

export async function listAttachments(ctx: RecordCtx, object: string, id: string): Promise<{ data: AttachmentView[] }> {
  await parent(ctx, object, id, 'read');
  const rows = await sql<Record<string, any>>`select a.id, a.file_name, a.content_type, a.size_bytes, a.created_by, a.created_at,
      u.name as created_by_name
    from attachments a left join users u on u.workspace_id = a.workspace_id and u.id = a.created_by
    where a.workspace_id = ${ctx.auth.workspaceId}::uuid and a.object = ${object} and a.record_id = ${id}::uuid
      and a.deleted_at is null
    order by a.id desc limit ${LIST_MAX}`.execute(ctx.trx);
  return { data: rows.rows.map(present) };
}

/** Checked before the upload is read, so a caller without rights never makes the server take in a file. */
export async function checkCanAttach(ctx: RecordCtx, object: string, id: string): Promise<void> {
  await parent(ctx, object, id, 'update');
}

export async function addAttachment(ctx: RecordCtx, object: string, id: string, file: UploadedFile): Promise<AttachmentView> {
  const obj = await parent(ctx, object, id, 'update');
  if (file.data.length === 0) throw new AppError(422, 'error.validation', {}, [{ field: 'file', code: 'attachment.emptyFile' }]);
  const row = {
    workspace_id: ctx.auth.workspaceId, id: newId(), object: obj.apiName, record_id: id, file_name: file.fileName,
    content_type: file.contentType, size_bytes: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'),
    data: file.data, created_by: ctx.auth.userId, created_at: ctx.now,
  };
  await ctx.trx.insertInto('attachments').values(row).execute();
  const me = await ctx.trx.selectFrom('users').select('name').where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', ctx.auth.userId).executeTakeFirst();
  const view = present({ ...row, created_by_name: me?.name });
  await recordChange(ctx, obj, id, 'attach', view);
  return view;
}

export async function attachmentContent(ctx: RecordCtx, attachmentId: string) {
  const { row } = await attachmentFor(ctx, attachmentId, 'read', true);
  return { fileName: row.file_name as string, contentType: row.content_type as string, sha256: row.sha256 as string, data: Buffer.from(row.data) };
}

/** Removes an attachment: its bytes go now, its row stays as the trail of what was attached and removed. */
export async function removeAttachment(ctx: RecordCtx, attachmentId: string): Promise<void> {
  const { row, obj } = await attachmentFor(ctx, attachmentId, 'update');
  await ctx.trx.updateTable('attachments').set({ deleted_at: ctx.now, deleted_by: ctx.auth.userId, data: null })
    .where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', attachmentId).execute();
  await recordChange(ctx, obj, row.record_id, 'detach', present(row));
}

/** Called when records are purged from the recycle bin: their files go with them, rows and all. */
export async function purgeAttachments(trx: Trx, workspaceId: string, object: string, recordIds: string[]): Promise<void> {
  if (recordIds.length === 0) return;
  await sql`delete from attachments where workspace_id = ${workspaceId}::uuid and object = ${object}
    and record_id = any(${recordIds}::uuid[])`.execute(trx);
}
