import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import type { FilterNode } from '../records-api';

export interface ViewDefinition {
  columns?: string[];
  sort?: string;
  filter?: FilterNode | null;
  q?: string;
}

export interface SavedView {
  id: string;
  object: string;
  name: string;
  ownerId: string;
  shared: boolean;
  definition: ViewDefinition;
  editable: boolean;
}

export const viewKeys = { list: (object: string) => ['views', object] as const };

export function useViews(object: string) {
  return useQuery({
    queryKey: viewKeys.list(object),
    queryFn: ({ signal }) => apiFetch<{ data: SavedView[] }>('/views', { query: { object }, signal }).then((r) => r.data),
    staleTime: 60_000,
  });
}

export function createView(body: { object: string; name: string; shared: boolean; definition: ViewDefinition }) {
  return apiFetch<SavedView>('/views', { method: 'POST', body });
}

export function updateView(id: string, body: Partial<Pick<SavedView, 'name' | 'shared' | 'definition'>>) {
  return apiFetch<SavedView>(`/views/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteView(id: string) {
  return apiFetch<void>(`/views/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Whether the list on screen differs from what the view saved (so "save changes" is worth offering). */
export function sameDefinition(a: ViewDefinition, b: ViewDefinition): boolean {
  const norm = (d: ViewDefinition) => JSON.stringify([d.columns ?? null, d.sort || '', d.filter ?? null, d.q?.trim() || '']);
  return norm(a) === norm(b);
}
