import type { FieldMeta, FilterNode } from '../records-api';

/** One row of the builder. `op` is an API operator, or `isNotNull` (sent as isNull with value false). */
export interface FilterCondition {
  kind: 'cond';
  key: string;
  field: string;
  op: string;
  value?: unknown;
}

export interface FilterGroup {
  kind: 'group';
  key: string;
  logic: 'and' | 'or';
  items: FilterItem[];
}

export type FilterItem = FilterCondition | FilterGroup;

/** What the value editor must ask for under an operator. */
export type ValueShape = 'none' | 'single' | 'list' | 'range' | 'period';

/** Named periods the server resolves in the user's time zone (server/src/records/relative-dates.ts). */
export const RELATIVE_PERIODS = [
  'today', 'yesterday', 'tomorrow', 'thisWeek', 'lastWeek', 'nextWeek', 'thisMonth', 'lastMonth', 'nextMonth',
  'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'last7Days', 'last30Days', 'next7Days', 'next30Days',
] as const;

/** How deep groups may nest in the builder; the server allows more, people rarely need it. */
export const MAX_GROUP_DEPTH = 2;

let seq = 0;
const nextKey = () => `f${++seq}`;

export function emptyGroup(logic: 'and' | 'or' = 'and'): FilterGroup {
  return { kind: 'group', key: nextKey(), logic, items: [] };
}

/** Operators a field supports, in the order the builder lists them; "is not empty" joins "is empty". */
export function opsFor(field: FieldMeta): string[] {
  const ops = field.ops ?? ['eq', 'neq', 'isNull'];
  return ops.flatMap((op) => (op === 'isNull' ? ['isNull', 'isNotNull'] : [op]));
}

/** A sensible first operator: "contains" for text, "is" otherwise, "in the period" for dates. */
export function defaultOp(field: FieldMeta): string {
  const ops = opsFor(field);
  if (['date', 'datetime'].includes(field.type) && ops.includes('relative')) return 'relative';
  if (ops.includes('contains') && ['text', 'longText', 'richText', 'address', 'phone', 'email', 'url'].includes(field.type)) {
    return 'contains';
  }
  return ops[0] ?? 'eq';
}

export function newCondition(field: FieldMeta): FilterCondition {
  return { kind: 'cond', key: nextKey(), field: field.apiName, op: defaultOp(field) };
}

export function valueShape(field: FieldMeta | undefined, op: string): ValueShape {
  if (['isNull', 'isNotNull', 'me', 'myTeam'].includes(op)) return 'none';
  if (op === 'relative') return 'period';
  if (op === 'between') return 'range';
  if (op === 'in') return 'list';
  // A multi-select "contains" asks for one option.
  void field;
  return 'single';
}

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Rows still being filled in are left out of the request instead of failing it. */
export function isComplete(c: FilterCondition, field: FieldMeta | undefined): boolean {
  if (!field) return false;
  switch (valueShape(field, c.op)) {
    case 'none': return true;
    case 'range': return Array.isArray(c.value) && c.value.length === 2 && hasValue(c.value[0]) && hasValue(c.value[1]);
    default: return hasValue(c.value);
  }
}

function conditionToApi(c: FilterCondition): FilterNode {
  if (c.op === 'isNotNull') return { field: c.field, op: 'isNull', value: false };
  if (['isNull', 'me', 'myTeam'].includes(c.op)) return { field: c.field, op: c.op };
  return { field: c.field, op: c.op, value: c.value };
}

/** The builder's tree as the list API's `filter`, or null when nothing is complete yet. */
export function toApiFilter(item: FilterItem, fields: Map<string, FieldMeta>): FilterNode | null {
  if (item.kind === 'cond') return isComplete(item, fields.get(item.field)) ? conditionToApi(item) : null;
  const parts = item.items.map((i) => toApiFilter(i, fields)).filter((n): n is FilterNode => n !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  return item.logic === 'and' ? { and: parts } : { or: parts };
}

function itemFromApi(node: FilterNode): FilterItem | null {
  if ('and' in node || 'or' in node) {
    const logic = 'and' in node ? 'and' : 'or';
    const list = ('and' in node ? node.and : node.or) ?? [];
    const items = list.map(itemFromApi).filter((i): i is FilterItem => i !== null);
    return { kind: 'group', key: nextKey(), logic, items };
  }
  // The builder never writes "not"; a view saved by an API client with one keeps it out of the editor.
  if ('not' in node) return null;
  const op = node.op === 'isNull' && node.value === false ? 'isNotNull' : node.op;
  const value = ['isNull', 'isNotNull', 'me', 'myTeam'].includes(op) ? undefined : node.value;
  return { kind: 'cond', key: nextKey(), field: node.field, op, value };
}

/** A saved or linked filter back into the builder; the root is always a group. */
export function fromApiFilter(node: FilterNode | null | undefined): FilterGroup {
  if (!node) return emptyGroup();
  const item = itemFromApi(node);
  if (!item) return emptyGroup();
  return item.kind === 'group' ? item : { ...emptyGroup(), items: [item] };
}

export function countConditions(item: FilterItem): number {
  return item.kind === 'cond' ? 1 : item.items.reduce((n, i) => n + countConditions(i), 0);
}

/** Immutable update of one item anywhere in the tree, by key; `null` removes it. */
export function replaceItem(root: FilterGroup, key: string, next: FilterItem | null): FilterGroup {
  const walk = (g: FilterGroup): FilterGroup => ({
    ...g,
    items: g.items.flatMap((i) => {
      if (i.key === key) return next ? [next] : [];
      return [i.kind === 'group' ? walk(i) : i];
    }),
  });
  return root.key === key && next?.kind === 'group' ? next : walk(root);
}
