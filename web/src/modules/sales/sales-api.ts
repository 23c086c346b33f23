import { useQuery } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../app/api';
import type { LocalizedText } from '../../ui/localized-text';
import type { RecordRow } from '../records/records-api';

export interface Stage { key: string; label: LocalizedText; probability: number; kind: string; position: number }
export interface Pipeline { id: string; name: string; isDefault: boolean; active: boolean; position: number; stages: Stage[] }

export interface QuoteLine {
  id?: string;
  productId: string | null;
  name: string;
  description?: string | null;
  unit?: string | null;
  quantity: string;
  unitPrice: string;
  discountRate: string;
  taxRate: string;
}

export interface Pool {
  id: string; name: string; adminIds: string[]; departmentIds: string[]; warnDays: number;
  claimDailyCap: number | null; cooldownDays: number; active: boolean; rules: Array<Record<string, unknown>>;
}

export interface TodayItem { object: string; id: string; name: string; at: string | null; overdue?: boolean; [k: string]: unknown }
export interface TodayList { date: string; timeZone: string; sections: Record<string, TodayItem[]> }

export interface Reminders {
  today: string;
  contracts: Array<Record<string, unknown>>;
  instalments: Array<Record<string, unknown>>;
}

export interface Completion {
  targetId: string; name: string; scope: string; metric: string; period: string; currency: string;
  target: string; actual: string; remaining: string; rate: string | null;
}

/** A route another engineer may still be building: a 404 means "not there yet", so callers fall back. */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 501);
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}

export const salesKeys = {
  pipelines: ['sales', 'pipelines'] as const,
  pools: ['sales', 'pools'] as const,
  pool: (id: string) => ['sales', 'pools', id] as const,
  poolAccounts: (id: string, q: string) => ['sales', 'pools', id, 'accounts', q] as const,
  quoteLines: (id: string) => ['sales', 'quotes', id, 'lines'] as const,
  today: ['sales', 'today'] as const,
  reminders: ['sales', 'reminders'] as const,
  completion: (period: string) => ['sales', 'completion', period] as const,
};

export function usePipelines() {
  return useQuery({
    queryKey: salesKeys.pipelines,
    queryFn: ({ signal }) => orNull(apiFetch<{ data: Pipeline[] }>('/sales/pipelines', { signal }).then((r) => r.data)),
    staleTime: 5 * 60_000,
  });
}

export function usePools() {
  return useQuery({
    queryKey: salesKeys.pools,
    queryFn: ({ signal }) => orNull(apiFetch<{ data: Pool[] }>('/sales/pools', { signal }).then((r) => r.data)),
  });
}

export function useQuoteLines(id: string) {
  return useQuery({
    queryKey: salesKeys.quoteLines(id),
    queryFn: ({ signal }) => apiFetch<{ data: QuoteLine[] }>(`/quotes/${encodeURIComponent(id)}/lines`, { signal }).then((r) => r.data),
    refetchOnWindowFocus: false,
  });
}

/** Sends only what a line is made of: the editor's row keys and the server's computed amounts stay behind. */
export function saveQuoteLines(id: string, lines: Array<QuoteLine & { key?: string }>, version?: number): Promise<RecordRow> {
  return apiFetch<RecordRow>(`/quotes/${encodeURIComponent(id)}/lines`, {
    method: 'PUT',
    body: {
      lines: lines.map((l) => ({
        productId: l.productId, name: l.name, description: l.description ?? null, unit: l.unit ?? null,
        quantity: l.quantity, unitPrice: l.unitPrice, discountRate: l.discountRate, taxRate: l.taxRate,
      })),
    },
    headers: version === undefined ? undefined : { 'If-Match': `"${version}"` },
  });
}

export function reviseQuote(id: string): Promise<RecordRow> {
  return apiFetch<RecordRow>(`/quotes/${encodeURIComponent(id)}/revise`, { method: 'POST' });
}

export const quotePdfUrl = (id: string, download = false) =>
  `/api/v1/quotes/${encodeURIComponent(id)}/pdf${download ? '?download=1' : ''}`;

export function useToday() {
  return useQuery({
    queryKey: salesKeys.today,
    queryFn: ({ signal }) => orNull(apiFetch<TodayList>('/sales/today', { signal })),
  });
}

export function useReminders(enabled: boolean) {
  return useQuery({
    queryKey: salesKeys.reminders,
    queryFn: ({ signal }) => orNull(apiFetch<Reminders>('/finance/reminders', { signal })),
    enabled,
  });
}

export function useCompletion(period: string) {
  return useQuery({
    queryKey: salesKeys.completion(period),
    queryFn: ({ signal }) => orNull(apiFetch<{ data: Completion[] }>('/targets/completion', { query: { period }, signal }).then((r) => r.data)),
  });
}

export function poolAction(accountId: string, action: 'claim' | 'release' | 'assign', body?: Record<string, unknown>): Promise<RecordRow> {
  return apiFetch<RecordRow>(`/accounts/${encodeURIComponent(accountId)}/${action}`, { method: 'POST', body });
}
