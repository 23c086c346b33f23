import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { FilterNode, ListParams } from '../records-api';

export interface ListState extends ListParams {
  /** Chosen columns, or null for the object's defaults. */
  columns: string[] | null;
  viewId: string | null;
}

export type ListPatch = Partial<ListState>;

function parseFilter(raw: string | null): FilterNode | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' ? (v as FilterNode) : null;
  } catch {
    return null;
  }
}

/**
 * The list's search, sort, filter, columns and view live in the address, so going back from a record finds
 * the list as it was, and a link to a filtered list can be shared.
 */
export function useListState(): [ListState, (patch: ListPatch) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo<ListState>(() => ({
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? '',
    filter: parseFilter(params.get('filter')),
    columns: params.get('cols')?.split(',').filter(Boolean) ?? null,
    viewId: params.get('view'),
  }), [params]);

  const update = useCallback((patch: ListPatch) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      const put = (key: string, value: string | null | undefined) => (value ? next.set(key, value) : next.delete(key));
      if ('q' in patch) put('q', patch.q?.trim() ? patch.q : null);
      if ('sort' in patch) put('sort', patch.sort);
      if ('filter' in patch) put('filter', patch.filter ? JSON.stringify(patch.filter) : null);
      if ('columns' in patch) put('cols', patch.columns?.join(','));
      if ('viewId' in patch) put('view', patch.viewId);
      return next;
    }, { replace: true });
  }, [setParams]);

  return [state, update];
}
