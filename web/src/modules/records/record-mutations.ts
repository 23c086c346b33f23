import type { QueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch, BASE } from '../../app/api';
import { listQuery, objectPath, recordKeys, type ListParams, type RecordRow } from './records-api';

export type RecordValues = Record<string, unknown>;

/** The server's bulk limit per call; larger selections go in several calls. */
export const BULK_CHUNK = 1000;

export function createRecord(object: string, values: RecordValues): Promise<RecordRow> {
  return apiFetch<RecordRow>(objectPath(object), { method: 'POST', body: values });
}

/** Sends the version the user looked at, so someone else's newer change is never silently overwritten. */
export function patchRecord(object: string, id: string, values: RecordValues, version?: number): Promise<RecordRow> {
  return apiFetch<RecordRow>(objectPath(object, id), {
    method: 'PATCH',
    body: values,
    headers: version === undefined ? undefined : { 'If-Match': `"${version}"` },
  });
}

export function deleteRecord(object: string, id: string): Promise<void> {
  return apiFetch<void>(objectPath(object, id), { method: 'DELETE' });
}

export function restoreRecord(object: string, id: string): Promise<RecordRow> {
  return apiFetch<RecordRow>(objectPath(object, id, 'restore'), { method: 'POST' });
}

/** Create/update/delete many records; each call is one all-or-nothing transaction on the server. */
export async function bulkWrite(object: string, op: 'update' | 'delete', records: RecordValues[]): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  for (let i = 0; i < records.length; i += BULK_CHUNK) {
    const chunk = records.slice(i, i + BULK_CHUNK);
    const res = await apiFetch<{ data: RecordRow[] }>(objectPath(object, 'bulk'), { method: 'POST', body: { op, records: chunk } });
    out.push(...res.data);
  }
  return out;
}

/** Lost-update answers: someone changed the record after this screen loaded it. */
export function isConflict(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 409 || err.status === 412);
}

/** A plain link, so the browser streams the download with the session cookie and no CSRF dance. */
export function exportUrl(object: string, p: ListParams, format: 'csv' | 'xlsx' | 'vcf' = 'csv', fields?: string[]): string {
  const params = new URLSearchParams({ format });
  // The columns on screen, in their order; a vCard has its own fixed layout.
  if (fields?.length && format !== 'vcf') params.set('fields', fields.join(','));
  for (const [k, v] of Object.entries(listQuery(p))) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return `${BASE}${objectPath(object, 'export')}?${params.toString()}`;
}

/** After any write: lists, the record, its timeline and related lists may all show it. */
export function invalidateObject(qc: QueryClient, object: string): Promise<void> {
  return qc.invalidateQueries({ queryKey: recordKeys.all(object) });
}

/** The new version goes straight into the detail cache so the next edit sends the right If-Match. */
export function storeRecord(qc: QueryClient, object: string, rec: RecordRow): void {
  qc.setQueryData(recordKeys.one(object, rec.id), rec);
  qc.setQueryData(['names', object, rec.id], rec.name ?? null);
}

type ListData = { pages: Array<{ data: RecordRow[]; nextCursor: string | null }>; pageParams: unknown[] };

/**
 * Patches loaded lists in place: refetching a list that holds thousands of scrolled-in rows just to show
 * one edited cell would reload every page.
 */
export function replaceRowInLists(qc: QueryClient, object: string, row: RecordRow): void {
  qc.setQueriesData<ListData>({ queryKey: ['records', object, 'list'] }, (data) => data && {
    ...data,
    pages: data.pages.map((p) => ({ ...p, data: p.data.map((r) => (r.id === row.id ? { ...r, ...row } : r)) })),
  });
}

export function removeRowsFromLists(qc: QueryClient, object: string, ids: Set<string>): void {
  qc.setQueriesData<ListData>({ queryKey: ['records', object, 'list'] }, (data) => data && {
    ...data,
    pages: data.pages.map((p) => ({ ...p, data: p.data.filter((r) => !ids.has(r.id)) })),
  });
}
