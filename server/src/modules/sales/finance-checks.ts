import { sql } from 'kysely';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import type { RecordCtx } from '../../records/record-context.js';
import { tableOf } from '../../records/columns.js';
import { objectOf } from '../../records/record-context.js';
import { visibilitySql } from '../../records/visibility.js';
import { isCurrency } from './finance-money.js';
import { canMove } from './finance-status.js';

export const fieldError = (field: string, code: string, params: Record<string, unknown> = {}): AppError =>
  new AppError(422, 'error.validation', {}, [{ field, code, params }]);

export function throwIssues(issues: FieldIssue[]): void {
  if (issues.length) throw new AppError(422, 'error.validation', {}, issues);
}

type Statuses = Record<string, readonly [string, string]>;

function label(ctx: RecordCtx, statuses: Statuses, code: string): string {
  const l = statuses[code];
  return l ? (ctx.auth.locale === 'zh-CN' ? l[0] : l[1]) : code;
}

/** Refuses a status change the object's lifecycle does not allow, naming both statuses in the caller's language. */
export function checkTransition(ctx: RecordCtx, statuses: Statuses, graph: Record<string, readonly string[]>, from: string, to: string | undefined): void {
  if (to === undefined || canMove(graph, from, to)) return;
  throw new AppError(409, 'finance.status.transition', { from: label(ctx, statuses, from), to: label(ctx, statuses, to) });
}

export function checkInitial(ctx: RecordCtx, statuses: Statuses, allowed: readonly string[], status: string | undefined): void {
  if (status === undefined || allowed.includes(status)) return;
  throw fieldError('status', 'finance.status.initial', { status: label(ctx, statuses, status) });
}

export function checkCurrency(v: unknown): void {
  if (v !== undefined && !isCurrency(v)) throw fieldError('currency', 'finance.currency.invalid');
}

/** A linked record as the writer may read it (through the records pipeline's visibility predicate), or null. */
export async function visibleRow(ctx: RecordCtx, object: string, id: string | null | undefined): Promise<Record<string, any> | null> {
  if (!id) return null;
  const obj = objectOf(ctx, object);
  const res = await sql<Record<string, any>>`select t.* from ${sql.table(tableOf(obj))} t where t.workspace_id = ${ctx.auth.workspaceId}::uuid
    and t.id = ${id}::uuid and t.deleted_at is null and ${visibilitySql(ctx, obj, 'read')}`.execute(ctx.trx);
  return res.rows[0] ?? null;
}

/** The row as it will be after the write: stored values overlaid with the ones being written. */
export const merged = (before: Record<string, any> | undefined, values: Record<string, any>): Record<string, any> => ({ ...(before ?? {}), ...values });
