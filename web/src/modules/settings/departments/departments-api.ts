import { apiFetch } from '../../../app/api';
import type { Department } from '../shared/settings-api';

export interface DepartmentWrite { name?: string; parentId?: string | null; headId?: string | null; position?: number }

export const createDepartment = (body: DepartmentWrite) => apiFetch<Department>('/departments', { method: 'POST', body });
export const updateDepartment = (id: string, body: DepartmentWrite) =>
  apiFetch<Department>(`/departments/${id}`, { method: 'PATCH', body });
export const deleteDepartment = (id: string) => apiFetch<void>(`/departments/${id}`, { method: 'DELETE' });

/** Parent of each department and the sibling order under each parent, from the nested tree. */
export function indexTree(roots: Department[]) {
  const parentOf = new Map<string, string | null>();
  const byId = new Map<string, Department>();
  const walk = (list: Department[], parent: string | null) => list.forEach((d) => {
    parentOf.set(d.id, parent);
    byId.set(d.id, d);
    walk(d.children ?? [], d.id);
  });
  walk(roots, null);
  const childrenOf = (id: string | null) => (id ? byId.get(id)?.children ?? [] : roots);
  return { parentOf, byId, childrenOf };
}

/**
 * Moves a department under `parentId` at `index` among its new siblings. Siblings are ordered by position,
 * so those whose position no longer matches their place are renumbered too.
 */
export async function moveDepartment(id: string, parentId: string, siblings: Department[], index: number): Promise<void> {
  const order = siblings.filter((d) => d.id !== id);
  order.splice(Math.max(0, Math.min(index, order.length)), 0, { id } as Department);
  await updateDepartment(id, { parentId, position: order.findIndex((d) => d.id === id) * 10 });
  for (const [i, d] of order.entries()) {
    if (d.id !== id && d.position !== i * 10) await updateDepartment(d.id, { position: i * 10 });
  }
}
