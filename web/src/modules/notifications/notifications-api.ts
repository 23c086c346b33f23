import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../app/api';

export interface AppNotification {
  id: string;
  kind: string;
  object: string | null;
  recordId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

interface Page { data: AppNotification[]; nextCursor: string | null; unreadCount: number }

const KEY = ['notifications'] as const;
// Reminders are made by a job every quarter of an hour; a minute's delay in the badge is plenty.
const POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: ({ signal }) => apiFetch<{ unreadCount: number }>('/notifications/unread-count', { signal }).then((r) => r.unreadCount),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
}

export function useNotifications(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list'],
    queryFn: ({ pageParam, signal }) => apiFetch<Page>('/notifications', { query: { limit: 20, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export const markRead = (id: string) => apiFetch<AppNotification>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
export const markAllRead = () => apiFetch<{ updated: number }>('/notifications/read-all', { method: 'POST' });
export const refreshNotifications = (qc: QueryClient) => qc.invalidateQueries({ queryKey: KEY });

/** Where a notification leads: the record it is about, on its own page. */
export function notificationLink(n: Pick<AppNotification, 'object' | 'recordId'>): string | null {
  if (!n.object || !n.recordId || !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(n.object)) return null;
  return `/${n.object}/${encodeURIComponent(n.recordId)}`;
}

/** Badge text: exact up to 99, then "99+" so the header never grows. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}
