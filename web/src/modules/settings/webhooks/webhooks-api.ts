import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import { settingsKeys } from '../shared/settings-api';

export const WEBHOOK_EVENTS = ['created', 'updated', 'deleted', 'restored', 'purged'] as const;

export interface Webhook {
  id: string;
  name: string;
  url: string;
  objects: string[];
  events: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Delivery {
  id: string;
  eventId: string;
  event: string;
  attempt: number;
  status: string;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  nextAttemptAt: string | null;
}

export type WebhookWrite = Partial<Pick<Webhook, 'name' | 'url' | 'objects' | 'events' | 'active'>>;

export function useWebhooks() {
  return useQuery({
    queryKey: settingsKeys.webhooks,
    queryFn: ({ signal }) => apiFetch<{ data: Webhook[] }>('/webhooks', { signal }).then((r) => r.data),
  });
}

export function useWebhook(id: string | undefined) {
  return useQuery({
    queryKey: [...settingsKeys.webhooks, id],
    queryFn: ({ signal }) => apiFetch<Webhook>(`/webhooks/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: [...settingsKeys.webhooks, id, 'deliveries'],
    queryFn: ({ pageParam, signal }) => apiFetch<{ data: Delivery[]; nextCursor: string | null }>(
      `/webhooks/${encodeURIComponent(id)}/deliveries`, { query: { limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const createWebhook = (body: WebhookWrite) => apiFetch<Webhook & { secret: string }>('/webhooks', { method: 'POST', body });
export const updateWebhook = (id: string, body: WebhookWrite) => apiFetch<Webhook>(`/webhooks/${id}`, { method: 'PATCH', body });
export const deleteWebhook = (id: string) => apiFetch<void>(`/webhooks/${id}`, { method: 'DELETE' });
export const rotateSecret = (id: string) => apiFetch<Webhook & { secret: string }>(`/webhooks/${id}/rotate-secret`, { method: 'POST' });
export const testWebhook = (id: string) => apiFetch<Delivery>(`/webhooks/${id}/test`, { method: 'POST' });
