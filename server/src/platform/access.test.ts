import { describe, expect, it } from 'vitest';
import { fieldAccess, mergeRoles, scopeFor } from './access.js';

describe('mergeRoles', () => {
  it('takes the widest scope per object and action, with * as the default row', () => {
    const a = mergeRoles([
      { permissions: { '*': { read: 'own' }, accounts: { read: 'department' } }, field_permissions: {}, can_unmask: false },
      { permissions: { accounts: { read: 'own', update: 'subordinates' } }, field_permissions: {}, can_unmask: true },
    ], false);
    expect(scopeFor(a, 'accounts', 'read')).toBe('department');
    expect(scopeFor(a, 'accounts', 'update')).toBe('subordinates');
    expect(scopeFor(a, 'contacts', 'read')).toBe('own');
    expect(scopeFor(a, 'contacts', 'delete')).toBe('none');
    expect(a.canUnmask).toBe(true);
  });

  it('opens a field when any role leaves it unrestricted', () => {
    const hidden = { permissions: {}, field_permissions: { accounts: { phone: 'hidden' as const } }, can_unmask: false };
    expect(fieldAccess(mergeRoles([hidden], false), 'accounts', 'phone')).toBe('hidden');
    expect(fieldAccess(mergeRoles([hidden, { permissions: {}, field_permissions: {}, can_unmask: false }], false), 'accounts', 'phone')).toBe('editable');
  });

  it('ignores prototype keys instead of polluting Object.prototype', () => {
    const evil = JSON.parse('{"__proto__": {"read": "all"}, "constructor": {"read": "all"}}');
    const a = mergeRoles([{ permissions: evil, field_permissions: JSON.parse('{"__proto__": {"x": "hidden"}}'), can_unmask: false }], false);
    expect(({} as any).read).toBeUndefined();
    expect(scopeFor(a, 'constructor', 'read')).toBe('none');
    expect(scopeFor(a, 'toString', 'read')).toBe('none');
  });
});
