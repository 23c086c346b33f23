import type { Database } from '../../db/database.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { runRecords } from '../../records/run.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError, invalid } from '../errors.js';
import { newId } from '../ids.js';
import { t } from '../i18n/i18n.js';
import type { Jobs } from '../jobs/jobs.js';
import { processBatch, type BatchOutcome } from './import-batch.js';
import { enqueueImport } from './import-queue.js';
import { loadLookups } from './import-refs.js';
import { importView, ownImport } from './import.service.js';
import { checkMapping, type DuplicatePolicy, type MappingEntry } from './mapping.js';
import { assertStorable } from './storable.js';
import { compilePlan, prepareRow } from './transform.js';

export interface StartBody {
  mapping: MappingEntry[];
  duplicatePolicy?: DuplicatePolicy;
  matchFields?: string[];
  options?: { invalidValues?: 'reject' | 'drop' };
  saveAsTemplate?: string;
}

/** A preview's writes are undone by throwing this out of the transaction. */
class DryRun extends Error {
  constructor(readonly outcome: BatchOutcome) { super('dry run'); }
}

function checkBody(ctx: RecordCtx, columns: string[], object: string, b: StartBody): void {
  assertStorable(b, 'mapping');
  const obj = objectOf(ctx, object);
  const issues = checkMapping(obj, ctx.md.objects, columns, b.mapping, b.duplicatePolicy ?? 'create', b.matchFields ?? []);
  if (issues.length) throw invalid(issues);
}

/**
 * POST /imports/{id}/preview: the first rows run through the whole import — references, duplicates,
 * validation, hooks — in a transaction that is then rolled back. Each row says what would happen.
 */
export async function previewImport(db: Database, auth: AuthContext | null, id: string, b: StartBody) {
  try {
    await runRecords(db, auth, async (ctx) => {
      const imp = await ownImport(ctx.trx, ctx.auth, id);
      if (imp.status !== 'uploaded') throw new AppError(409, 'import.notEditable', { status: imp.status });
      checkBody(ctx, imp.columns, imp.object, b);
      const plan = compilePlan(objectOf(ctx, imp.object), imp.columns, b.mapping);
      const rows = imp.preview.map((r) => prepareRow(plan, r, ctx.auth.timeZone, b.options?.invalidValues === 'drop'));
      const settings = { plan, policy: b.duplicatePolicy ?? 'create', matchFields: b.matchFields ?? [], lookups: await loadLookups(ctx), dropInvalid: b.options?.invalidValues === 'drop' };
      throw new DryRun(await processBatch(ctx, settings, rows));
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
    return runRecords(db, auth, async (ctx) => {
      const imp = await ownImport(ctx.trx, ctx.auth, id);
      const o = err.outcome;
      return {
        data: imp.preview.map((r) => {
          const issues = o.issues.filter((i) => i.row === r.row);
          const rec = o.records.find((x) => x.row === r.row);
          const action = issues.some((i) => i.severity === 'error') ? 'error' : rec ? (rec.op === 'created' ? 'create' : 'update') : 'skip';
          return { row: r.row, cells: r.cells, action, issues: issues.map((i) => issueView(ctx.auth, i)) };
        }),
      };
    });
  }
}

export function issueView(auth: AuthContext, i: { row: number; column: string | null; field: string | null; code: string; params?: unknown; value?: string | null; severity: string }) {
  return {
    row: i.row, column: i.column, field: i.field, code: i.code, severity: i.severity, value: i.value ?? null,
    message: t(auth.locale, i.code, (i.params ?? {}) as Record<string, unknown>),
  };
}

/** POST /imports/{id}/start: checks and saves the mapping (and a template), then queues the run. */
export async function startImport(db: Database, jobs: Jobs | null, auth: AuthContext | null, id: string, b: StartBody, log?: (e: unknown) => void) {
  const imp = await runRecords(db, auth, async (ctx) => {
    const imp = await ownImport(ctx.trx, ctx.auth, id);
    if (imp.status !== 'uploaded') throw new AppError(409, 'import.notEditable', { status: imp.status });
    checkBody(ctx, imp.columns, imp.object, b);
    const ws = ctx.auth.workspaceId;
    if (b.saveAsTemplate) {
      await ctx.trx.insertInto('import_templates').values({
        workspace_id: ws, id: newId(), object: imp.object, name: b.saveAsTemplate, columns: JSON.stringify(imp.columns),
        mapping: JSON.stringify(b.mapping), duplicate_policy: b.duplicatePolicy ?? 'create', match_fields: JSON.stringify(b.matchFields ?? []),
        options: JSON.stringify(b.options ?? {}), created_by: ctx.auth.userId,
      }).onConflict((oc) => oc.columns(['workspace_id', 'object', 'name']).doUpdateSet({
        columns: JSON.stringify(imp.columns), mapping: JSON.stringify(b.mapping), duplicate_policy: b.duplicatePolicy ?? 'create',
        match_fields: JSON.stringify(b.matchFields ?? []), options: JSON.stringify(b.options ?? {}),
      })).execute();
    }
    const options = { ...imp.options, invalidValues: b.options?.invalidValues ?? imp.options.invalidValues ?? 'reject' };
    await ctx.trx.updateTable('imports').set({
      status: 'queued', mapping: JSON.stringify(b.mapping), duplicate_policy: b.duplicatePolicy ?? 'create',
      match_fields: JSON.stringify(b.matchFields ?? []), options: JSON.stringify(options),
    }).where('workspace_id', '=', ws).where('id', '=', id).execute();
    await recordAudit(ctx.trx, { workspaceId: ws, actorId: ctx.auth.userId, event: 'import.started', ip: ctx.auth.ip, detail: { importId: id, object: imp.object, file: imp.file_name } });
    return (await ownImport(ctx.trx, ctx.auth, id));
  });
  await enqueueImport(db, jobs, { kind: 'run', workspaceId: imp.workspace_id, id }, log);
  return importView(imp);
}

/** POST /imports/{id}/cancel: a queued import never starts; a running one stops after its current batch. */
export async function cancelImport(db: Database, auth: AuthContext | null, id: string) {
  return runRecords(db, auth, async (ctx) => {
    const imp = await ownImport(ctx.trx, ctx.auth, id);
    if (!['uploaded', 'queued', 'running'].includes(imp.status)) throw new AppError(409, 'import.notRunning', { status: imp.status });
    await ctx.trx.updateTable('imports').set({ status: 'cancelled', finished_at: new Date() })
      .where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).execute();
    return importView({ ...imp, status: 'cancelled' });
  });
}

/** POST /imports/{id}/undo: removes what the import created and restores what it updated, in the background. */
export async function undoImport(db: Database, jobs: Jobs | null, auth: AuthContext | null, id: string, log?: (e: unknown) => void) {
  const imp = await runRecords(db, auth, async (ctx) => {
    const imp = await ownImport(ctx.trx, ctx.auth, id);
    if (!['done', 'cancelled', 'failed'].includes(imp.status) || imp.undone_at) throw new AppError(409, 'import.notUndoable', { status: imp.status });
    const options = { ...imp.options, undoBy: ctx.auth.userId };
    await ctx.trx.updateTable('imports').set({ status: 'undoing', options: JSON.stringify(options) })
      .where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).execute();
    return { ...imp, status: 'undoing', options };
  });
  await enqueueImport(db, jobs, { kind: 'undo', workspaceId: imp.workspace_id, id }, log);
  return importView(imp);
}
