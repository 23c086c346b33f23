import type { FieldMeta, ObjectMeta } from '../records-api';

/** Fields in the order people expect: the name first, then the administrator's order. */
export function orderedFields(meta: ObjectMeta): FieldMeta[] {
  const active = meta.fields.filter((f) => f.status !== 'retired' && f.apiName !== 'id');
  const byPos = [...active].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const name = byPos.filter((f) => f.apiName === 'name');
  return [...name, ...byPos.filter((f) => f.apiName !== 'name')];
}
