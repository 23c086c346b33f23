import type { Action, Scope } from './access.js';

const ALL: Action[] = ['create', 'read', 'update', 'delete', 'export', 'import', 'transfer'];
const grant = (s: Partial<Record<Action, Scope>>) => s;

/** Roles every new workspace starts with; administrators edit them like any other role. */
export const DEFAULT_ROLES = [
  {
    key: 'admin', name: '系统管理员 Administrator', description: 'Everything, everywhere',
    permissions: { '*': Object.fromEntries(ALL.map((a) => [a, 'all'])) }, canUnmask: true,
  },
  {
    key: 'manager', name: '销售经理 Sales manager', description: 'Their department and below',
    permissions: { '*': grant({ create: 'departmentTree', read: 'departmentTree', update: 'departmentTree', delete: 'departmentTree', export: 'departmentTree', import: 'departmentTree', transfer: 'departmentTree' }) },
    canUnmask: true,
  },
  {
    key: 'rep', name: '销售代表 Sales rep', description: 'Their own records',
    permissions: { '*': grant({ create: 'own', read: 'own', update: 'own', delete: 'own', export: 'none', import: 'own', transfer: 'none' }) },
    canUnmask: false,
  },
];
