import { sql } from 'kysely';
import { registerVisibilityExtension } from '../../records/visibility.js';
import type { RecordCtx } from '../../records/record-context.js';
import { departmentsAbove } from './sales-common.js';

/** Pools the user may browse: their department (or one above it) is a member, or they administer the pool. */
function poolVisible(ctx: RecordCtx, poolRef: ReturnType<typeof sql.ref>, wsRef: ReturnType<typeof sql.ref>) {
  const depts = departmentsAbove(ctx.org, ctx.auth.userId);
  return sql<boolean>`exists (select 1 from sales_pools p where p.workspace_id = ${wsRef} and p.id = ${poolRef} and p.active
    and (p.department_ids && ${depts}::uuid[] or ${ctx.auth.userId}::uuid = any(p.admin_ids)))`;
}

// Pool customers have no owner, so the owner-based scopes never reach them. Members may read (not change)
// them; contact details stay masked because the reader is not the owner.
registerVisibilityExtension('accounts', (ctx, _obj, action, alias) => {
  if (action !== 'read' && action !== 'export') return null;
  return sql<boolean>`(${sql.ref(`${alias}.owner_id`)} is null and ${sql.ref(`${alias}.pool_id`)} is not null
    and ${poolVisible(ctx, sql.ref(`${alias}.pool_id`), sql.ref(`${alias}.workspace_id`))})`;
});

registerVisibilityExtension('contacts', (ctx, _obj, action, alias) => {
  if (action !== 'read' && action !== 'export') return null;
  return sql<boolean>`(${sql.ref(`${alias}.owner_id`)} is null and exists (select 1 from accounts pa
    where pa.workspace_id = ${sql.ref(`${alias}.workspace_id`)} and pa.id = ${sql.ref(`${alias}.account_id`)}
    and pa.owner_id is null and pa.pool_id is not null and pa.deleted_at is null
    and ${poolVisible(ctx, sql.ref('pa.pool_id'), sql.ref('pa.workspace_id'))}))`;
});
