import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api';
import { fetchList } from '../records-api';

/** The actor of reclaim jobs, imports and seeded data. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH_MAX = 500;

interface Pending {
  ids: Map<string, Array<(name: string | null) => void>>;
  timer: ReturnType<typeof setTimeout> | null;
}

const pending = new Map<string, Pending>();

async function flush(object: string): Promise<void> {
  const batch = pending.get(object);
  if (!batch) return;
  pending.delete(object);
  const entries = [...batch.ids];
  for (let i = 0; i < entries.length; i += BATCH_MAX) {
    const slice = entries.slice(i, i + BATCH_MAX);
    const ids = slice.map(([id]) => id);
    let names = new Map<string, string | null>();
    try {
      const page = await fetchList(object, { filter: { field: 'id', op: 'in', value: ids }, limit: ids.length, fields: 'name' });
      names = new Map(page.data.map((r) => [r.id, r.name ?? null]));
    } catch {
      // A failed lookup shows the raw reference rather than breaking the whole screen.
    }
    for (const [id, waiters] of slice) waiters.forEach((w) => w(names.get(id) ?? null));
  }
}

/**
 * Names of linked records, fetched together: a screen showing a hundred rows that point at accounts costs one
 * request, not a hundred. Only rows on screen ask, since virtualised lists render only those.
 */
function loadName(object: string, id: string): Promise<string | null> {
  return new Promise((resolve) => {
    let batch = pending.get(object);
    if (!batch) {
      batch = { ids: new Map(), timer: null };
      pending.set(object, batch);
    }
    const waiters = batch.ids.get(id) ?? [];
    waiters.push(resolve);
    batch.ids.set(id, waiters);
    batch.timer ??= setTimeout(() => void flush(object), 15);
  });
}

/** The display name of a record, or null while unknown / when the viewer cannot see it. */
export function useRecordName(object: string | undefined, id: unknown) {
  const ok = !!object && typeof id === 'string' && UUID_RE.test(id);
  return useQuery({
    queryKey: ['names', object, id],
    queryFn: () => loadName(object!, id as string),
    enabled: ok,
    staleTime: 5 * 60_000,
  });
}

export interface UserSummary {
  id: string;
  name: string;
  email?: string;
  status?: string;
  departmentId?: string | null;
}

export interface DepartmentSummary {
  id: string;
  name: string;
  parentId: string | null;
}

/** Colleagues for pickers and owner names; one page of up to 500 covers most workspaces. */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: ({ signal }) => apiFetch<{ data: UserSummary[] }>('/users', { query: { limit: 500 }, signal }).then((r) => r.data),
    staleTime: 5 * 60_000,
  });
}

export function useUserName(id: unknown): string | null {
  const users = useUsers();
  const known = typeof id === 'string' ? users.data?.find((u) => u.id === id) : undefined;
  const single = useQuery({
    queryKey: ['users', 'one', id],
    queryFn: ({ signal }) => apiFetch<UserSummary>(`/users/${encodeURIComponent(String(id))}`, { signal }),
    // Only for people beyond the first page (large workspaces) or removed since.
    enabled: !!users.data && !known && typeof id === 'string' && UUID_RE.test(id) && id !== SYSTEM_USER_ID,
    staleTime: 5 * 60_000,
  });
  return known?.name ?? single.data?.name ?? null;
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments', 'all'],
    queryFn: ({ signal }) => apiFetch<{ data: DepartmentSummary[] }>('/departments', { signal }).then((r) => r.data),
    staleTime: 5 * 60_000,
  });
}
