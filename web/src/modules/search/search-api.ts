import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../app/api';
import { fetchList } from '../records/records-api';

export interface SearchHit {
  object: string;
  objectLabel?: string;
  id: string;
  name: string;
}

export interface SearchResult {
  /** 'fallback' when the search service is missing and each main object's own list search was used. */
  mode: 'full' | 'fallback';
  hits: SearchHit[];
}

export const FALLBACK_OBJECTS = ['accounts', 'contacts', 'leads', 'opportunities'];

async function fallbackSearch(q: string, signal: AbortSignal): Promise<SearchResult> {
  const pages = await Promise.all(FALLBACK_OBJECTS.map((object) =>
    fetchList(object, { q, limit: 5, fields: 'name' }, signal)
      .then((p) => p.data.map((r) => ({ object, id: r.id, name: r.name ?? '' })))
      // One object the user may not read must not sink the others.
      .catch(() => [] as SearchHit[])));
  return { mode: 'fallback', hits: pages.flat() };
}

async function search(q: string, signal: AbortSignal): Promise<SearchResult> {
  try {
    const res = await apiFetch<{ data: SearchHit[] }>('/search', { query: { q, limit: 20 }, signal });
    return { mode: 'full', hits: res.data };
  } catch (err) {
    // Without the search module /search falls through to the generic records route as an unknown object.
    const absent = err instanceof ApiError && err.status === 404 && ['error.routeNotFound', 'error.unknownObject'].includes(err.problem.code ?? '');
    if (absent) return fallbackSearch(q, signal);
    throw err;
  }
}

export function useGlobalSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => search(q, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
