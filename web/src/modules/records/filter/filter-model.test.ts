import { describe, expect, it } from 'vitest';
import type { FieldMeta, FilterNode } from '../records-api';
import {
  countConditions, defaultOp, emptyGroup, fromApiFilter, newCondition, opsFor, replaceItem, toApiFilter, type FilterGroup,
} from './filter-model';

const fields: FieldMeta[] = [
  { apiName: 'name', type: 'text', label: 'Name', ops: ['eq', 'neq', 'in', 'contains', 'startsWith', 'isNull'] },
  { apiName: 'level', type: 'select', label: 'Level', ops: ['eq', 'neq', 'in', 'isNull'] },
  { apiName: 'ownerId', type: 'user', label: 'Owner', ops: ['eq', 'neq', 'in', 'isNull', 'me', 'myTeam'] },
  { apiName: 'createdAt', type: 'datetime', label: 'Created', ops: ['eq', 'lt', 'gt', 'between', 'isNull', 'relative'] },
  { apiName: 'amount', type: 'currency', label: 'Amount', ops: ['eq', 'gt', 'between', 'isNull'] },
];
const byName = new Map(fields.map((f) => [f.apiName, f]));

describe('filter model', () => {
  it('offers the server operators plus "is not empty", with a sensible default', () => {
    expect(opsFor(fields[2])).toEqual(['eq', 'neq', 'in', 'isNull', 'isNotNull', 'me', 'myTeam']);
    expect(defaultOp(fields[0])).toBe('contains');
    expect(defaultOp(fields[3])).toBe('relative');
    expect(defaultOp(fields[1])).toBe('eq');
  });

  it('serialises groups to the API tree, leaving out rows still being filled in', () => {
    const root: FilterGroup = {
      ...emptyGroup('and'),
      items: [
        { kind: 'cond', key: 'a', field: 'name', op: 'contains', value: '星辰' },
        { kind: 'cond', key: 'b', field: 'level', op: 'eq' },
        { kind: 'cond', key: 'c', field: 'ownerId', op: 'me' },
        {
          ...emptyGroup('or'),
          items: [
            { kind: 'cond', key: 'd', field: 'createdAt', op: 'relative', value: 'last30Days' },
            { kind: 'cond', key: 'e', field: 'amount', op: 'between', value: [100, 500] },
            { kind: 'cond', key: 'f', field: 'amount', op: 'between', value: [100, null] },
            { kind: 'cond', key: 'g', field: 'level', op: 'isNotNull' },
          ],
        },
      ],
    };
    expect(toApiFilter(root, byName)).toEqual({
      and: [
        { field: 'name', op: 'contains', value: '星辰' },
        { field: 'ownerId', op: 'me' },
        { or: [
          { field: 'createdAt', op: 'relative', value: 'last30Days' },
          { field: 'amount', op: 'between', value: [100, 500] },
          { field: 'level', op: 'isNull', value: false },
        ] },
      ],
    });
    expect(countConditions(root)).toBe(7);
  });

  it('collapses a single condition and drops empty groups', () => {
    expect(toApiFilter(emptyGroup(), byName)).toBeNull();
    const one = { ...emptyGroup('or'), items: [{ kind: 'cond' as const, key: 'x', field: 'level', op: 'in', value: ['A', 'B'] }] };
    expect(toApiFilter(one, byName)).toEqual({ field: 'level', op: 'in', value: ['A', 'B'] });
    const unknownField = { ...emptyGroup(), items: [{ kind: 'cond' as const, key: 'y', field: 'ghost', op: 'eq', value: 1 }] };
    expect(toApiFilter(unknownField, byName)).toBeNull();
  });

  it('reads a saved filter back into the builder and writes the same tree again', () => {
    const api: FilterNode = { or: [{ field: 'level', op: 'isNull', value: false }, { and: [{ field: 'ownerId', op: 'myTeam' }, { field: 'name', op: 'startsWith', value: 'A' }] }] };
    const group = fromApiFilter(api);
    expect(group.logic).toBe('or');
    expect(group.items[0]).toMatchObject({ kind: 'cond', op: 'isNotNull' });
    expect(toApiFilter(group, byName)).toEqual(api);
    expect(fromApiFilter({ field: 'name', op: 'eq', value: 'x' }).items).toHaveLength(1);
    expect(fromApiFilter(null).items).toEqual([]);
  });

  it('replaces and removes items anywhere in the tree', () => {
    const inner = { ...emptyGroup('or'), items: [newCondition(fields[1])] };
    const root = { ...emptyGroup(), items: [newCondition(fields[0]), inner] };
    const target = inner.items[0];
    const changed = replaceItem(root, target.key, { ...target, value: 'A' } as typeof target);
    expect((changed.items[1] as FilterGroup).items[0]).toMatchObject({ value: 'A' });
    const removed = replaceItem(changed, inner.key, null);
    expect(removed.items).toHaveLength(1);
    expect(root.items).toHaveLength(2);
  });
});
