import type { Database } from '../../db/database.js';
import { FIELD_TYPE_SPECS, BAD_TEXT_RE } from '../../metadata/field-types.js';
import type { ObjectDef } from '../../metadata/types.js';
import { fieldByName } from '../../records/columns.js';
import { filterSql } from '../../records/filter.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { runRecords } from '../../records/run.js';
import { scopeFor, type AuthContext } from '../access.js';
import { AppError, forbidden, invalid, type FieldIssue } from '../errors.js';
import { newId } from '../ids.js';

/** What a view remembers of a list: which columns, in what order, sorted and filtered how. */
export interface ViewDefinition {
  columns?: string[];
  sort?: string;
  filter?: unknown;
  q?: string;
}

export interface ViewInput {
  object?: string;
  name?: string;
  shared?: boolean;
  definition?: ViewDefinition;
}

export interface ViewOut {
  id: string; object: string; name: string; ownerId: string; shared: boolean; definition: ViewDefinition;
  /** Whether the caller may change or delete it: their own, or any for administrators. */
  editable: boolean;
  createdAt: string; updatedAt: string;
}

const NAME_MAX = 100;
const DEFINITION_MAX = 50_000;

function toOut(ctx: RecordCtx, r: Record<string, any>): ViewOut {
  return {
    id: r.id, object: r.object, name: r.name, ownerId: r.owner_id, shared: r.shared, definition: r.definition ?? {},
    editable: r.owner_id === ctx.auth.userId || ctx.auth.access.isAdmin,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Views hang off an object's list, so whoever cannot read the object has no business with its views. */
function readableObject(ctx: RecordCtx, object: string): ObjectDef {
  const obj = objectOf(ctx, object);
  if (scopeFor(ctx.auth.access, obj.apiName, 'read') === 'none') throw forbidden();
  return obj;
}

function checkName(name: unknown, issues: FieldIssue[]): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') { issues.push({ field: 'name', code: 'field.required' }); return undefined; }
  const v = name.trim();
  if ([...v].length > NAME_MAX) issues.push({ field: 'name', code: 'field.tooLong', params: { max: NAME_MAX } });
  else if (BAD_TEXT_RE.test(v)) issues.push({ field: 'name', code: 'field.badCharacters' });
  return v;
}

function checkSort(obj: ObjectDef, sort: string, issues: FieldIssue[]): void {
  for (const raw of sort.split(',').map((s) => s.trim()).filter(Boolean)) {
    const name = raw.replace(/^-/, '');
    const f = fieldByName(obj, name);
    if (!f || name === 'id' || FIELD_TYPE_SPECS[f.type].cast === 'jsonb') {
      issues.push({ field: 'definition.sort', code: 'views.badSort', params: { value: name } });
    }
  }
}

/** The same checks a list request would make, so a saved view never opens onto an error. */
function checkDefinition(ctx: RecordCtx, obj: ObjectDef, d: ViewDefinition, issues: FieldIssue[]): ViewDefinition {
  if (JSON.stringify(d).length > DEFINITION_MAX) {
    issues.push({ field: 'definition', code: 'field.tooLong', params: { max: DEFINITION_MAX } });
    return d;
  }
  for (const c of d.columns ?? []) {
    if (!fieldByName(obj, c)) issues.push({ field: 'definition.columns', code: 'views.badColumn', params: { value: c } });
  }
  if (d.sort) checkSort(obj, d.sort, issues);
  if (d.q !== undefined && BAD_TEXT_RE.test(d.q)) issues.push({ field: 'definition.q', code: 'field.badCharacters' });
  if (d.filter !== undefined && d.filter !== null) {
    try {
      filterSql(ctx, obj, d.filter);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      issues.push({ field: 'definition.filter', code: 'views.badFilter', params: { detail: String(err.params.detail ?? err.code) } });
    }
  }
  const out: ViewDefinition = {};
  if (d.columns) out.columns = [...new Set(d.columns)];
  if (d.sort) out.sort = d.sort;
  if (d.filter !== undefined && d.filter !== null) out.filter = d.filter;
  if (d.q?.trim()) out.q = d.q.trim();
  return out;
}

async function nameTaken(ctx: RecordCtx, object: string, ownerId: string, name: string, exceptId?: string): Promise<boolean> {
  let q = ctx.trx.selectFrom('saved_views').select('id').where('workspace_id', '=', ctx.auth.workspaceId)
    .where('object', '=', object).where('owner_id', '=', ownerId).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

async function loadView(ctx: RecordCtx, id: string): Promise<Record<string, any>> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError(404, 'views.notFound');
  const row = await ctx.trx.selectFrom('saved_views').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
    .where('id', '=', id).executeTakeFirst();
  // Someone else's personal view is reported as missing, never as forbidden: its existence is private too.
  if (!row || !(row.owner_id === ctx.auth.userId || row.shared || ctx.auth.access.isAdmin)) throw new AppError(404, 'views.notFound');
  readableObject(ctx, row.object);
  return row;
}

/** The caller's own views of an object and the ones colleagues shared, the caller's first, then by name. */
export async function listViews(db: Database, auth: AuthContext | null, object: string): Promise<ViewOut[]> {
  return runRecords(db, auth, async (ctx) => {
    readableObject(ctx, object);
    const rows = await ctx.trx.selectFrom('saved_views').selectAll().where('workspace_id', '=', ctx.auth.workspaceId)
      .where('object', '=', object)
      .where((eb) => eb.or([eb('owner_id', '=', ctx.auth.userId), eb('shared', '=', true)]))
      .orderBy('name').orderBy('id').execute();
    const out = rows.map((r) => toOut(ctx, r));
    return [...out.filter((v) => v.ownerId === ctx.auth.userId), ...out.filter((v) => v.ownerId !== ctx.auth.userId)];
  });
}

export async function getView(db: Database, auth: AuthContext | null, id: string): Promise<ViewOut> {
  return runRecords(db, auth, async (ctx) => toOut(ctx, await loadView(ctx, id)));
}

export async function createView(db: Database, auth: AuthContext | null, input: ViewInput): Promise<ViewOut> {
  return runRecords(db, auth, async (ctx) => {
    const obj = readableObject(ctx, String(input.object ?? ''));
    const issues: FieldIssue[] = [];
    const name = checkName(input.name, issues);
    const definition = checkDefinition(ctx, obj, input.definition ?? {}, issues);
    if (issues.length) throw invalid(issues);
    if (await nameTaken(ctx, obj.apiName, ctx.auth.userId, name!)) {
      throw new AppError(409, 'views.nameTaken', { name }, [{ field: 'name', code: 'views.nameTaken', params: { name } }]);
    }
    const row = {
      workspace_id: ctx.auth.workspaceId, id: newId(), object: obj.apiName, name: name!, owner_id: ctx.auth.userId,
      shared: !!input.shared, definition: JSON.stringify(definition), created_at: ctx.now, updated_at: ctx.now,
    };
    return toOut(ctx, await ctx.trx.insertInto('saved_views').values(row).returningAll().executeTakeFirstOrThrow());
  });
}

export async function updateView(db: Database, auth: AuthContext | null, id: string, input: ViewInput): Promise<ViewOut> {
  return runRecords(db, auth, async (ctx) => {
    const before = await loadView(ctx, id);
    if (before.owner_id !== ctx.auth.userId && !ctx.auth.access.isAdmin) throw new AppError(403, 'views.notOwner');
    const obj = objectOf(ctx, before.object);
    const issues: FieldIssue[] = [];
    const set: Record<string, unknown> = { updated_at: ctx.now };
    if (input.name !== undefined) set.name = checkName(input.name, issues);
    if (input.shared !== undefined) set.shared = input.shared;
    if (input.definition !== undefined) set.definition = JSON.stringify(checkDefinition(ctx, obj, input.definition, issues));
    if (issues.length) throw invalid(issues);
    if (typeof set.name === 'string' && await nameTaken(ctx, before.object, before.owner_id, set.name, id)) {
      throw new AppError(409, 'views.nameTaken', { name: set.name }, [{ field: 'name', code: 'views.nameTaken', params: { name: set.name } }]);
    }
    const row = await ctx.trx.updateTable('saved_views').set(set).where('workspace_id', '=', ctx.auth.workspaceId)
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return toOut(ctx, row);
  });
}

export async function deleteView(db: Database, auth: AuthContext | null, id: string): Promise<void> {
  await runRecords(db, auth, async (ctx) => {
    const before = await loadView(ctx, id);
    if (before.owner_id !== ctx.auth.userId && !ctx.auth.access.isAdmin) throw new AppError(403, 'views.notOwner');
    await ctx.trx.deleteFrom('saved_views').where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', id).execute();
  });
}
