import type { Action, Scope } from './access.js';

const ALL: Action[] = ['create', 'read', 'update', 'delete', 'export', 'import', 'transfer'];
const grant = (s: Partial<Record<Action, Scope>>) => s;
/** The catalogue is the whole company's: every seller quotes from the same products and price books. */
const CATALOGUE = ['products', 'productCategories', 'priceBooks'];
const readCatalogue = Object.fromEntries(CATALOGUE.map((o) => [o, grant({ read: 'all' })]));

/** Roles every new workspace starts with; administrators edit them like any other role. */
export const DEFAULT_ROLES = [
  {
    key: 'admin', name: '系统管理员 Administrator', description: '全部数据 Everything, everywhere',
    permissions: { '*': Object.fromEntries(ALL.map((a) => [a, 'all'])) }, canUnmask: true,
  },
  {
    key: 'manager', name: '销售经理 Sales manager', description: '本部门及下级 Their department and below',
    permissions: { '*': grant({ create: 'departmentTree', read: 'departmentTree', update: 'departmentTree', delete: 'departmentTree', export: 'departmentTree', import: 'departmentTree', transfer: 'departmentTree' }), ...readCatalogue },
    canUnmask: true,
  },
  {
    key: 'rep', name: '销售代表 Sales rep', description: '本人的数据 Their own records',
    permissions: { '*': grant({ create: 'own', read: 'own', update: 'own', delete: 'own', export: 'none', import: 'own', transfer: 'none' }), ...readCatalogue },
    canUnmask: false,
  },
];
