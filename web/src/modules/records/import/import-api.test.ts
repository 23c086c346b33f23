import { describe, expect, it } from 'vitest';
import { columnTargets, toMapping, type MappingEntry } from './import-api';

describe('import mapping in the wizard', () => {
  const suggested: MappingEntry[] = [
    { field: 'name', columns: ['First name', 'Last name'], combine: 'person' },
    { field: 'email', columns: ['E-mail'] },
    { field: 'accountId', columns: ['Company'], match: 'name', onMissing: 'create' },
  ];
  const columns = ['First name', 'Last name', 'E-mail', 'Company', 'Notes'];

  it('shows each file column with the field it fills', () => {
    expect(columnTargets(suggested, columns)).toEqual({
      'First name': 'name', 'Last name': 'name', 'E-mail': 'email', Company: 'accountId', Notes: null,
    });
  });

  it('keeps what the suggestion knew for fields left alone, and maps new choices plainly', () => {
    const targets = { ...columnTargets(suggested, columns), Notes: 'description', 'E-mail': null };
    expect(toMapping(targets, suggested)).toEqual([
      { field: 'name', columns: ['First name', 'Last name'], combine: 'person' },
      { field: 'accountId', columns: ['Company'], match: 'name', onMissing: 'create' },
      { field: 'description', columns: ['Notes'] },
    ]);
  });

  it('drops the suggestion’s extras once the person changes a field’s columns', () => {
    const targets = { ...columnTargets(suggested, columns), 'Last name': null };
    expect(toMapping(targets, suggested)[0]).toEqual({ field: 'name', columns: ['First name'] });
  });
});
