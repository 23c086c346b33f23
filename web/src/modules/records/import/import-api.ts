import { apiFetch, BASE } from '../../../app/api';

export interface MappingEntry {
  field: string;
  columns?: string[];
  value?: string;
  combine?: 'first' | 'person' | 'join';
  match?: string;
  onMissing?: 'error' | 'ignore' | 'create';
  values?: Record<string, string>;
}

export type DuplicatePolicy = 'create' | 'skip' | 'update';

export interface ImportView {
  id: string;
  object: string;
  status: 'uploading' | 'uploaded' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'undoing' | 'undone';
  fileName: string;
  columns: string[];
  preview: Array<{ row: number; cells: string[] }>;
  suggestedMapping?: MappingEntry[];
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
}

export interface PreviewRow {
  row: number;
  cells: string[];
  action: 'create' | 'update' | 'skip' | 'error';
  issues: Array<{ column: string | null; field: string | null; message: string; severity: string }>;
}

export interface StartBody {
  mapping: MappingEntry[];
  duplicatePolicy: DuplicatePolicy;
  matchFields: string[];
  options?: { invalidValues: 'reject' | 'drop' };
}

export function uploadImport(object: string, file: File): Promise<ImportView> {
  const form = new FormData();
  // The server reads the object before the file, so it can check the permission before storing anything.
  form.append('object', object);
  form.append('file', file, file.name);
  return apiFetch<ImportView>('/imports', { method: 'POST', body: form });
}

export const previewImport = (id: string, body: StartBody) =>
  apiFetch<{ data: PreviewRow[] }>(`/imports/${encodeURIComponent(id)}/preview`, { method: 'POST', body }).then((r) => r.data);
export const startImport = (id: string, body: StartBody) => apiFetch<ImportView>(`/imports/${encodeURIComponent(id)}/start`, { method: 'POST', body });
export const getImport = (id: string) => apiFetch<ImportView>(`/imports/${encodeURIComponent(id)}`);
export const cancelImport = (id: string) => apiFetch<ImportView>(`/imports/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
export const undoImport = (id: string) => apiFetch<ImportView>(`/imports/${encodeURIComponent(id)}/undo`, { method: 'POST' });
export const errorReportUrl = (id: string) => `${BASE}/imports/${encodeURIComponent(id)}/errors.csv`;

/** Still moving: the wizard keeps asking for the counters. */
export const isRunning = (s: ImportView['status']) => s === 'queued' || s === 'running' || s === 'undoing';

/** One file column → the field it fills; the simple one-to-one form the wizard edits. */
export function columnTargets(mapping: MappingEntry[] | undefined, columns: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = Object.fromEntries(columns.map((c) => [c, null]));
  for (const m of mapping ?? []) for (const c of m.columns ?? []) if (c in out && out[c] === null) out[c] = m.field;
  return out;
}

/**
 * Back to the API's mapping, keeping what the suggestion knew beyond "this column fills that field" (how to
 * combine first and last names, how to match a related record) for the fields the person left as suggested.
 */
export function toMapping(targets: Record<string, string | null>, suggested: MappingEntry[] | undefined): MappingEntry[] {
  const byField = new Map<string, string[]>();
  for (const [column, field] of Object.entries(targets)) if (field) byField.set(field, [...(byField.get(field) ?? []), column]);
  return [...byField].map(([field, columns]) => {
    const before = suggested?.find((m) => m.field === field);
    const same = before?.columns && before.columns.length === columns.length && before.columns.every((c) => columns.includes(c));
    return same ? { ...before, columns: before.columns } : { field, columns };
  });
}
