import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import type { FieldMeta } from '../records-api';

/**
 * Fields that point at configuration rather than at records: an account's public pool, an opportunity's
 * pipeline. They cannot be looked up through the records API, so their names come from the settings lists.
 */
const SOURCES: Record<string, { path: string; link?: (id: string) => string }> = {
  salesPools: { path: '/sales/pools', link: (id) => `/sales/pools/${id}` },
  salesPipelines: { path: '/sales/pipelines' },
};

export function configSource(field: FieldMeta): string | null {
  const target = String(field.options?.target ?? '');
  if (field.type === 'relation' && SOURCES[target]) return target;
  if (field.apiName === 'pipelineId' && field.type === 'text') return 'salesPipelines';
  return null;
}

export function configLink(source: string, id: string): string | undefined {
  return SOURCES[source]?.link?.(id);
}

export interface ConfigItem { id: string; name: string; active?: boolean }

export function useConfigItems(source: string | null) {
  return useQuery({
    queryKey: ['config-refs', source],
    queryFn: ({ signal }) => apiFetch<{ data: ConfigItem[] }>(SOURCES[source!].path, { signal }).then((r) => r.data),
    enabled: !!source && !!SOURCES[source],
    staleTime: 5 * 60_000,
  });
}
