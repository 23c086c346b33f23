import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import { objectPath, recordKeys } from '../records-api';

export interface ChangeItem {
  kind: 'change';
  id: string;
  at: string;
  op: 'create' | 'update' | 'delete' | 'restore' | 'purge' | string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  actorId: string | null;
}

export interface ActivityItem {
  kind: 'activity';
  id: string;
  at: string;
  name: string | null;
  type: string | null;
  content: string | null;
  actorId: string | null;
}

/** A record of another object created against this one (a contact of this account, …). */
export interface LinkedRecordItem {
  kind: 'record';
  id: string;
  at: string;
  object: string;
  name: string | null;
  actorId: string | null;
}

export type TimelineItem = ChangeItem | ActivityItem | LinkedRecordItem;

const KNOWN = new Set(['change', 'activity', 'record']);

/** Kinds this client does not know yet are left out rather than shown as something they are not. */
export function knownItems(items: TimelineItem[]): TimelineItem[] {
  return items.filter((i) => KNOWN.has(i.kind));
}

interface TimelinePage {
  data: TimelineItem[];
  nextCursor: string | null;
}

export function useTimeline(object: string, id: string) {
  return useInfiniteQuery({
    queryKey: recordKeys.timeline(object, id),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<TimelinePage>(objectPath(object, id, 'timeline'), { query: { limit: 30, before: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
