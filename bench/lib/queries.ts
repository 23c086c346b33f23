/**
 * The list pages of the bench: each a filter and a sort a user of the web client would pick. The runner
 * requests them through the API; the bare handler runs the SQL the pipeline generated for the same user.
 */
export interface ListVariant { id: string; object: string; query: Record<string, string> }

const q = (filter: unknown, sort: string) => ({ filter: JSON.stringify(filter), sort, limit: '50' });

export const LIST_VARIANTS: ListVariant[] = [
  // Contacts added in the last 30 days, newest first.
  { id: 'contacts', object: 'contacts', query: q({ field: 'createdAt', op: 'relative', value: 'last30Days' }, '-createdAt') },
  // Open opportunities worth 50k or more, by expected close date.
  { id: 'opportunities', object: 'opportunities', query: q({ and: [{ field: 'status', op: 'eq', value: 'open' }, { field: 'amount', op: 'gte', value: 50000 }] }, 'expectedCloseDate') },
  // Key and regular customers, most recently contacted first.
  { id: 'accounts', object: 'accounts', query: q({ field: 'level', op: 'in', value: ['A', 'B'] }, '-lastContactAt') },
];

export function listPath(v: ListVariant): string {
  return `/api/v1/${v.object}?${new URLSearchParams(v.query).toString()}`;
}

export const SEARCHES = [
  { id: 'search-cjk', q: '张伟', note: 'two-character Chinese name' },
  { id: 'search-pinyin', q: 'zhangwei', note: 'full pinyin' },
  { id: 'search-latin', q: 'joh', note: 'Latin prefix' },
];
