import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiFetch, type Query } from '../../app/api';
import type { LocalizedText } from '../../ui/localized-text';

export interface FieldOption {
  value: string;
  label: LocalizedText;
  disabled?: boolean;
}

export interface FieldMeta {
  apiName: string;
  type: string;
  label: LocalizedText;
  required?: boolean;
  /** Not writable by this user: system, computed, or read-only by field permission. */
  readonly?: boolean;
  system?: boolean;
  status?: 'active' | 'retired';
  position?: number;
  /** Filter operators this field supports, straight from the server. */
  ops?: string[];
  options?: { options?: FieldOption[]; target?: string; free?: boolean; [key: string]: unknown };
}

export interface ObjectSummary {
  apiName: string;
  label: LocalizedText;
  pluralLabel?: LocalizedText;
  isCustom?: boolean;
}

export interface ObjectMeta extends ObjectSummary {
  fields: FieldMeta[];
}

export type RecordRow = { id: string; name?: string | null; version?: number; deletedAt?: string } & Record<string, unknown>;

export interface ListPage {
  data: RecordRow[];
  nextCursor: string | null;
}

/** The list API's JSON condition tree. */
export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | { field: string; op: string; value?: unknown };

export interface ListParams {
  sort?: string;
  filter?: FilterNode | null;
  q?: string;
}

export const PAGE_SIZE = 100;
const META_STALE = 5 * 60_000;

/** API names are identifiers; anything else in the URL is not worth a round trip. */
export function isObjectName(name: string | undefined): name is string {
  return !!name && /^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name);
}

export function objectPath(object: string, ...rest: string[]): string {
  return ['', encodeURIComponent(object), ...rest.map(encodeURIComponent)].join('/');
}

/** Query-string form of list parameters, shared by lists, exports and related lists. */
export function listQuery(p: ListParams): Query {
  return {
    sort: p.sort || undefined,
    filter: p.filter ? JSON.stringify(p.filter) : undefined,
    q: p.q?.trim() || undefined,
  };
}

export const recordKeys = {
  all: (object: string) => ['records', object] as const,
  list: (object: string, p: ListParams) => ['records', object, 'list', listQuery(p)] as const,
  one: (object: string, id: string) => ['records', object, 'one', id] as const,
  timeline: (object: string, id: string) => ['records', object, 'timeline', id] as const,
  related: (object: string, id: string, related: string) => ['records', related, 'related', object, id] as const,
};

export function useObjectMeta(object: string | undefined) {
  return useQuery({
    queryKey: ['metadata', 'objects', object],
    queryFn: ({ signal }) => apiFetch<ObjectMeta>(`/metadata/objects/${encodeURIComponent(object!)}`, { signal }),
    enabled: !!object,
    staleTime: META_STALE,
  });
}

export function useObjectSummaries() {
  return useQuery({
    queryKey: ['metadata', 'objects'],
    queryFn: ({ signal }) => apiFetch<{ data: ObjectSummary[] }>('/metadata/objects', { signal }).then((r) => r.data),
    staleTime: META_STALE,
  });
}

interface FetchOptions extends ListParams {
  cursor?: string;
  limit?: number;
  fields?: string;
  /** The recycle bin instead of live records. */
  deleted?: boolean;
}

export function fetchList(object: string, p: FetchOptions, signal?: AbortSignal) {
  return apiFetch<ListPage>(objectPath(object), {
    query: { ...listQuery(p), limit: p.limit ?? PAGE_SIZE, cursor: p.cursor, fields: p.fields, deleted: p.deleted || undefined },
    signal,
  });
}

export function useRecordList(object: string, p: ListParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: recordKeys.list(object, p),
    queryFn: ({ pageParam, signal }) => fetchList(object, { ...p, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useRecord(object: string, id: string) {
  return useQuery({
    queryKey: recordKeys.one(object, id),
    queryFn: ({ signal }) => apiFetch<RecordRow>(objectPath(object, id), { signal }),
  });
}

/** A record that is gone from the live list may be in the recycle bin, from where it can be restored. */
export function useDeletedRecord(object: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...recordKeys.one(object, id), 'deleted'],
    queryFn: async ({ signal }) => {
      const page = await fetchList(object, { filter: { field: 'id', op: 'eq', value: id }, limit: 1, deleted: true }, signal);
      return page.data[0] ?? null;
    },
    enabled,
  });
}
