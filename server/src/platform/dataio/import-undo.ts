import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import { tableOf } from '../../records/columns.js';
import { deleteMany } from '../../records/record-batch.service.js';
import type { RecordCtx } from '../../records/record-context.js';
import { runRecords } from '../../records/run.js';
import { updateRecord } from '../../records/record-write.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { incomingLinks, linkSql } from '../dedupe/merge-moves.js';
import { AppError } from '../errors.js';
import { authForUser } from './import-auth.js';
import { loadImport, setStatus, type ImportRow } from './import-store.js';
import { BATCH, breathe } from './import-run.js';

type Done = { removed: number; restored: number; kept: number };

async function page(db: Database, imp: ImportRow, op: string, after: string) {
  return withTenant(db, imp.workspace_id, (trx) => trx.selectFrom('import_records').select(['record_id', 'before'])
    .where('workspace_id', '=', imp.workspace_id).where('import_id', '=', imp.id).where('op', '=', op)
    .where('record_id', '>', after).orderBy('record_id').limit(BATCH).execute());
}

/** The records the import created go to the recycle bin, batch by batch, through the pipeline. */
async function removeCreated(db: Database, imp: ImportRow, undoBy: string, done: Done): Promise<void> {
  const auth = await authForUser(db, imp.workspace_id, undoBy);
  for (let after = -1; ;) {
    const batch = await withTenant(db, imp.workspace_id, (trx) => trx.selectFrom('import_batches').select(['seq', 'created'])
      .where('workspace_id', '=', imp.workspace_id).where('import_id', '=', imp.id).where('seq', '>', after)
      .orderBy('seq').limit(1).executeTakeFirst());
    if (!batch) return;
    const ids = batch.created as string[];
    for (let i = 0; i < ids.length; i += BATCH) {
      const part = ids.slice(i, i + BATCH);
      const removed = await runRecords(db, auth, (ctx) => deleteMany(ctx, imp.object, part));
      done.removed += removed.length;
      done.kept += part.length - removed.length;
      await breathe();
    }
    after = batch.seq;
  }
}

/** Updated records get their old values back, unless someone changed them since the import. */
async function restoreUpdated(db: Database, imp: ImportRow, undoBy: string, done: Done): Promise<void> {
  const auth = await authForUser(db, imp.workspace_id, undoBy);
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await page(db, imp, 'updated', after);
    if (rows.length === 0) return;
    for (const r of rows) {
      const { $version, ...before } = (r.before ?? {}) as Record<string, unknown>;
      try {
        await runRecords(db, auth, (ctx) => updateRecord(ctx, imp.object, r.record_id, { ...before, version: $version }));
        done.restored++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        done.kept++;
      }
    }
    after = rows[rows.length - 1].record_id;
    await breathe();
  }
}

/** Of records the import created by name, those that live records (not removed by this undo) point at. */
async function stillLinked(ctx: RecordCtx, object: string, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const { obj, field } of incomingLinks(ctx, object)) {
    const custom = obj.isCustom ? sql`and t.object_id = ${obj.id}::uuid` : sql``;
    const rows = await sql<{ id: string }>`select distinct ${linkSql(field)}::text as id from ${sql.table(tableOf(obj))} t
      where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null and ${linkSql(field)} = any(${ids}::uuid[]) ${custom}`.execute(ctx.trx);
    for (const r of rows.rows) out.add(r.id);
  }
  return out;
}

/**
 * Related records the import created because rows named them (onMissing: 'create') go too, after the
 * records that named them — unless something else has been linked to them since.
 */
async function removeRelated(db: Database, imp: ImportRow, undoBy: string, done: Done): Promise<void> {
  const auth = await authForUser(db, imp.workspace_id, undoBy);
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await page(db, imp, 'createdRelated', after);
    if (rows.length === 0) return;
    const byObject = new Map<string, string[]>();
    for (const r of rows) {
      const object = (r.before as { object?: string } | null)?.object ?? '';
      byObject.set(object, [...(byObject.get(object) ?? []), r.record_id]);
    }
    for (const [object, ids] of byObject) {
      await runRecords(db, auth, async (ctx) => {
        if (!ctx.md.objects.has(object)) return;
        const linked = await stillLinked(ctx, object, ids);
        const removed = await deleteMany(ctx, object, ids.filter((id) => !linked.has(id)));
        done.removed += removed.length;
        done.kept += ids.length - removed.length;
      });
    }
    after = rows[rows.length - 1].record_id;
  }
}

/** Undoes a whole import: what it created is removed, what it updated restored, its external ids forgotten. */
export async function runUndo(db: Database, workspaceId: string, importId: string): Promise<void> {
  const imp = await withTenant(db, workspaceId, (trx) => loadImport(trx, workspaceId, importId));
  if (!imp || imp.status !== 'undoing') return;
  const undoBy = imp.options.undoBy ?? imp.created_by;
  const done: Done = { removed: 0, restored: 0, kept: 0 };
  try {
    await removeCreated(db, imp, undoBy, done);
    await restoreUpdated(db, imp, undoBy, done);
    await removeRelated(db, imp, undoBy, done);
    await withTenant(db, workspaceId, async (trx) => {
      await sql`delete from external_ids where workspace_id = ${workspaceId}::uuid and import_id = ${importId}::uuid`.execute(trx);
      await recordAudit(trx, { workspaceId, actorId: undoBy, event: 'import.undone', detail: { importId, object: imp.object, ...done } });
    });
    await setStatus(db, workspaceId, importId, 'undone', { undone_at: new Date(), undone_by: undoBy, options: JSON.stringify({ ...imp.options, undo: done }) });
  } catch (err) {
    await setStatus(db, workspaceId, importId, 'done', { error: err instanceof AppError ? err.code : 'import.undoFailed' });
    if (!(err instanceof AppError)) throw err;
  }
}
