import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { withTenant, type Trx } from '../../db/tenant.js';
import type { BatchOutcome } from './import-batch.js';
import type { MappingEntry, DuplicatePolicy } from './mapping.js';
import type { ImportFormat } from './row-source.js';
import { storableText } from './storable.js';

export interface ImportRow {
  workspace_id: string;
  id: string;
  object: string;
  format: ImportFormat;
  status: string;
  file_name: string;
  file_size: number;
  encoding: string | null;
  delimiter: string | null;
  columns: string[];
  preview: { row: number; cells: string[] }[];
  mapping: MappingEntry[] | null;
  duplicate_policy: DuplicatePolicy | null;
  match_fields: string[];
  options: { invalidValues?: 'reject' | 'drop'; bom?: number; undoBy?: string };
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  undone_at: Date | null;
}

export async function loadImport(trx: Trx, workspaceId: string, id: string): Promise<ImportRow | undefined> {
  return await trx.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst() as ImportRow | undefined;
}

/** Sets an import's status; with `from`, only while it still has that one (a cancel meanwhile stays). */
export async function setStatus(db: Database, workspaceId: string, id: string, status: string, extra: Record<string, unknown> = {}, from?: string): Promise<void> {
  await withTenant(db, workspaceId, (trx) => {
    let q = trx.updateTable('imports').set({ status, ...extra }).where('workspace_id', '=', workspaceId).where('id', '=', id);
    if (from) q = q.where('status', '=', from);
    return q.execute();
  });
}

const json = (v: unknown) => JSON.stringify(v);
const clip = (v: string | undefined) => (v === undefined ? null : storableText(v.length > 500 ? `${v.slice(0, 500)}…` : v));

/** A batch's report, undo list, external ids and counters, in the batch's own transaction. */
export async function saveOutcome(trx: Trx, imp: ImportRow, out: BatchOutcome, processed: number): Promise<void> {
  const ws = imp.workspace_id;
  const seqs = new Map<number, number>();
  const errors = out.issues.map((i) => {
    const seq = (seqs.get(i.row) ?? 0) + 1;
    seqs.set(i.row, seq);
    return {
      workspace_id: ws, import_id: imp.id, row_no: i.row, seq, column_name: i.column, field: i.field, severity: i.severity,
      code: i.code, params: json(i.params ?? {}), value: clip(i.value),
    };
  });
  for (let i = 0; i < errors.length; i += 2000) {
    await trx.insertInto('import_errors').values(errors.slice(i, i + 2000)).onConflict((oc) => oc.doNothing()).execute();
  }
  const created = out.records.filter((r) => r.op === 'created').map((r) => r.id);
  if (created.length) {
    await sql`insert into import_batches (workspace_id, import_id, seq, created) values (${ws}::uuid, ${imp.id}::uuid,
      ${Math.min(...out.records.map((r) => r.row))}, ${created}::uuid[]) on conflict do nothing`.execute(trx);
  }
  const updated = out.records.filter((r) => r.op === 'updated');
  if (updated.length) {
    await sql`insert into import_records (workspace_id, import_id, record_id, op, before)
      select ${ws}::uuid, ${imp.id}::uuid, r.id, r.op, r.before from jsonb_to_recordset(${json(updated)}::jsonb) as r(id uuid, op text, before jsonb)
      on conflict do nothing`.execute(trx);
  }
  if (out.related.length) {
    await sql`insert into import_records (workspace_id, import_id, record_id, op, before)
      select ${ws}::uuid, ${imp.id}::uuid, r.id, 'createdRelated', jsonb_build_object('object', r.object)
      from jsonb_to_recordset(${json(out.related)}::jsonb) as r(id uuid, object text) on conflict do nothing`.execute(trx);
  }
  if (out.externals.length) {
    await sql`insert into external_ids (workspace_id, object, external_id, record_id, import_id)
      select distinct on (r."externalId") ${ws}::uuid, ${imp.object}, r."externalId", r."recordId", ${imp.id}::uuid
      from jsonb_to_recordset(${json(out.externals)}::jsonb) as r("externalId" text, "recordId" uuid)
      on conflict (workspace_id, object, external_id) do update set record_id = excluded.record_id, import_id = excluded.import_id`.execute(trx);
  }
  await sql`update imports set processed = processed + ${processed}, created = created + ${out.created}, updated = updated + ${out.updated},
    skipped = skipped + ${out.skipped}, failed = failed + ${out.failed} where workspace_id = ${ws}::uuid and id = ${imp.id}::uuid`.execute(trx);
}
