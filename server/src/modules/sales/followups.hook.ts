import { sql } from 'kysely';
import { registerHook } from '../../records/hooks.js';
import type { RecordCtx } from '../../records/record-context.js';

/** A follow-up on a contact or an opportunity is a follow-up on its customer too. */
registerHook('activities.beforeCreate', 'account-of-followup', async ({ ctx, values }) => {
  if (values.account_id) return;
  const via = values.contact_id ? sql`select account_id from contacts where workspace_id = ${ctx.auth.workspaceId}::uuid and id = ${values.contact_id}::uuid`
    : values.opportunity_id ? sql`select account_id from opportunities where workspace_id = ${ctx.auth.workspaceId}::uuid and id = ${values.opportunity_id}::uuid`
      : null;
  if (!via) return;
  const r = await sql<{ account_id: string | null }>`${via}`.execute(ctx.trx);
  if (r.rows[0]?.account_id) values.account_id = r.rows[0].account_id;
});

/**
 * The customer's last-contact time is the latest follow-up that has happened (future-dated ones are plans),
 * recomputed from the live follow-ups so deletes and edits take it back. It feeds the pool rules.
 */
export async function refreshLastContact(ctx: RecordCtx, accountId: string | null | undefined): Promise<void> {
  if (!accountId) return;
  await sql`update accounts set last_contact_at = (select max(a.occurred_at) from activities a
      where a.workspace_id = ${ctx.auth.workspaceId}::uuid and a.account_id = ${accountId}::uuid and a.deleted_at is null
        and a.occurred_at <= ${ctx.now}::timestamptz)
    where workspace_id = ${ctx.auth.workspaceId}::uuid and id = ${accountId}::uuid`.execute(ctx.trx);
}

/** A new follow-up with the same customer, contact or lead settles the earlier ones' next-contact reminders. */
async function settleReminders(ctx: RecordCtx, a: Record<string, any>): Promise<void> {
  const targets = [
    a.account_id && sql`account_id = ${a.account_id}::uuid`, a.contact_id && sql`contact_id = ${a.contact_id}::uuid`,
    a.lead_id && sql`lead_id = ${a.lead_id}::uuid`, a.opportunity_id && sql`opportunity_id = ${a.opportunity_id}::uuid`,
  ].filter(Boolean);
  if (targets.length === 0) return;
  await sql`update activities set next_contact_done = true where workspace_id = ${ctx.auth.workspaceId}::uuid and id <> ${a.id}::uuid
    and deleted_at is null and next_contact_at is not null and not next_contact_done and occurred_at <= ${a.occurred_at}::timestamptz
    and (${sql.join(targets, sql` or `)})`.execute(ctx.trx);
}

registerHook('activities.afterCreate', 'last-contact', async ({ ctx, values }) => {
  await refreshLastContact(ctx, values.account_id);
  await settleReminders(ctx, values);
});

registerHook('activities.afterUpdate', 'last-contact', async ({ ctx, before, values }) => {
  await refreshLastContact(ctx, values.account_id);
  if (before?.account_id !== values.account_id) await refreshLastContact(ctx, before?.account_id);
});

registerHook('activities.afterDelete', 'last-contact', async ({ ctx, before }) => {
  await refreshLastContact(ctx, before?.account_id);
});

registerHook('activities.afterRestore', 'last-contact', async ({ ctx, values }) => {
  await refreshLastContact(ctx, values.account_id);
});
