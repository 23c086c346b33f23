import { sql } from 'kysely';
import { AppError, invalid, type FieldIssue } from '../../platform/errors.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';
import { applyUpdate, createRecord } from '../../records/record-write.service.js';
import { visibilitySql } from '../../records/visibility.js';
import { refreshLastContact } from './followups.hook.js';

export interface ConvertInput {
  accountId?: string;
  account?: Record<string, unknown>;
  contactId?: string;
  contact?: Record<string, unknown>;
  opportunity?: Record<string, unknown> | null;
  ownerId?: string;
  /** Create new records even though existing ones match. */
  ignoreDuplicates?: boolean;
}

export interface Match { id: string; name: string; ownerId: string | null; matchedOn: string[] }
/**
 * A matching record the caller may not read: only that it exists and who owns it (null: unowned, in a
 * public pool), so the rep can talk to the owner instead of creating a duplicate. Never its id, its name or
 * which of the lead's details matched.
 */
export interface HiddenMatch { object: 'accounts' | 'contacts'; ownerName: string | null }
export interface Matches { accounts: Match[]; contacts: Match[]; hidden: HiddenMatch[] }

const digits = (p: unknown) => (typeof p === 'string' && p ? p.replace(/^\+86/, '').replace(/[-\s]/g, '') : null);
const norm = (col: string) => sql`regexp_replace(replace(${sql.ref(col)}, '-', ''), '^\\+86', '')`;

/** The lead's name, phones and e-mail, and the SQL that finds accounts and contacts sharing one of them. */
function matchSql(lead: Record<string, any>) {
  const phones = [digits(lead.phone), digits(lead.mobile)].filter((p): p is string => !!p);
  const email = typeof lead.email === 'string' && lead.email ? lead.email.toLowerCase() : null;
  const company = typeof lead.company === 'string' && lead.company.trim() ? lead.company.trim().toLowerCase() : null;
  return {
    accounts: {
      cols: sql`(lower(trim(t.name)) = ${company}) as by_name, (${norm('t.phone')} = any(${phones}::text[])) as by_phone, (lower(t.email) = ${email}) as by_email`,
      where: sql`(lower(trim(t.name)) = ${company} or ${norm('t.phone')} = any(${phones}::text[]) or lower(t.email) = ${email})`,
    },
    contacts: {
      cols: sql`false as by_name, (${norm('t.phone')} = any(${phones}::text[]) or ${norm('t.mobile')} = any(${phones}::text[])) as by_phone, (lower(t.email) = ${email}) as by_email`,
      where: sql`(${norm('t.phone')} = any(${phones}::text[]) or ${norm('t.mobile')} = any(${phones}::text[]) or lower(t.email) = ${email})`,
    },
  };
}

/**
 * Accounts and contacts that look like the lead: same company name, phone or e-mail. Those the caller can
 * read come with their ids; those they cannot only as "exists, owned by …" (see HiddenMatch).
 */
export async function findMatches(ctx: RecordCtx, lead: Record<string, any>): Promise<Matches> {
  const m = matchSql(lead);
  const out: Matches = { accounts: [], contacts: [], hidden: [] };
  for (const object of ['accounts', 'contacts'] as const) {
    const table = sql.table(object);
    const visible = visibilitySql(ctx, objectOf(ctx, object), 'read');
    const rows = await sql<Record<string, any>>`select t.id, t.name, t.owner_id, ${m[object].cols}
      from ${table} t where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null and ${visible} and ${m[object].where}
      order by t.created_at limit 10`.execute(ctx.trx);
    out[object] = rows.rows.map((r) => ({
      id: r.id, name: r.name, ownerId: r.owner_id,
      matchedOn: [r.by_name && 'name', r.by_phone && 'phone', r.by_email && 'email'].filter(Boolean) as string[],
    }));
    const hidden = await sql<{ owner_name: string | null }>`select distinct u.name as owner_name from ${table} t
      left join users u on u.workspace_id = t.workspace_id and u.id = t.owner_id
      where t.workspace_id = ${ctx.auth.workspaceId}::uuid and t.deleted_at is null and not coalesce(${visible}, false) and ${m[object].where}
      order by u.name limit 5`.execute(ctx.trx);
    for (const r of hidden.rows) out.hidden.push({ object, ownerName: r.owner_name });
  }
  return out;
}

/** Field errors of a nested create, named after the part of the request they came from. */
async function nested<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.errors.length) {
      throw new AppError(err.status, err.code, err.params, err.errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` })));
    }
    throw err;
  }
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));

function duplicatesError(m: Matches, input: ConvertInput): AppError | null {
  const issues: FieldIssue[] = [];
  if (!input.accountId) for (const a of m.accounts) issues.push({ field: 'accountId', code: 'sales.lead.matchingAccount', params: { id: a.id, name: a.name, matchedOn: a.matchedOn.join(',') } });
  if (!input.contactId) for (const c of m.contacts) issues.push({ field: 'contactId', code: 'sales.lead.matchingContact', params: { id: c.id, name: c.name, matchedOn: c.matchedOn.join(',') } });
  for (const h of m.hidden) {
    const field = h.object === 'accounts' ? 'accountId' : 'contactId';
    if (input[field]) continue;
    const kind = h.object === 'accounts' ? 'Account' : 'Contact';
    issues.push(h.ownerName === null
      ? { field, code: `sales.lead.matchingHidden${kind}InPool` }
      : { field, code: `sales.lead.matchingHidden${kind}`, params: { ownerName: h.ownerName } });
  }
  return issues.length ? new AppError(409, 'sales.lead.duplicates', {}, issues) : null;
}

/**
 * Turns a lead into an account, a contact and optionally an opportunity, in the caller's one transaction:
 * any failure on the way leaves nothing behind. Existing matches are offered (409 with their ids) instead
 * of creating duplicates, unless the caller picks them or insists on new records.
 */
export async function convertLead(ctx: RecordCtx, id: string, input: ConvertInput) {
  const leads = objectOf(ctx, 'leads');
  const lead = await loadRow(ctx, leads, id, 'update', { forUpdate: true });
  if (lead.status === 'converted') throw new AppError(409, 'sales.lead.alreadyConverted');
  if (lead.status === 'lost') throw new AppError(409, 'sales.lead.isLost');
  if (!input.ignoreDuplicates && (!input.accountId || !input.contactId)) {
    const dup = duplicatesError(await findMatches(ctx, lead), input);
    if (dup) throw dup;
  }
  const ownerId = input.ownerId ?? lead.owner_id ?? ctx.auth.userId;
  const accountId = input.accountId
    ? (await nested('accountId', () => loadRow(ctx, objectOf(ctx, 'accounts'), input.accountId!, 'read'))).id as string
    : (await nested('account', () => createRecord(ctx, 'accounts', {
      ...defined({ name: lead.company || lead.name, phone: lead.phone ?? lead.mobile, email: lead.email, industry: lead.industry, source: lead.source, address: lead.address }),
      ownerId, ...(input.account ?? {}),
    }))).id as string;
  let contactId: string;
  if (input.contactId) {
    const c = await nested('contactId', () => loadRow(ctx, objectOf(ctx, 'contacts'), input.contactId!, 'read'));
    if (c.account_id && c.account_id !== accountId) throw invalid([{ field: 'contactId', code: 'sales.lead.contactOfOtherAccount' }]);
    contactId = c.id;
  } else {
    contactId = (await nested('contact', () => createRecord(ctx, 'contacts', {
      ...defined({ name: lead.name, title: lead.title, phone: lead.phone, mobile: lead.mobile, email: lead.email }),
      accountId, ownerId, ...(input.contact ?? {}),
    }))).id as string;
  }
  const opportunityId = input.opportunity
    ? (await nested('opportunity', () => createRecord(ctx, 'opportunities', {
      name: lead.company || lead.name, accountId, contactId, ownerId, ...input.opportunity,
    }))).id as string
    : null;
  const done = { status: 'converted', converted_at: ctx.now, converted_account_id: accountId, converted_contact_id: contactId, converted_opportunity_id: opportunityId };
  await applyUpdate(ctx, leads, lead, {
    columns: done, custom: {},
    byField: { status: 'converted', convertedAt: ctx.now.toISOString(), convertedAccountId: accountId, convertedContactId: contactId, convertedOpportunityId: opportunityId },
  });
  // The lead's follow-ups become part of the customer's timeline.
  await sql`update activities set account_id = coalesce(account_id, ${accountId}::uuid), contact_id = coalesce(contact_id, ${contactId}::uuid)
    where workspace_id = ${ctx.auth.workspaceId}::uuid and lead_id = ${id}::uuid`.execute(ctx.trx);
  await refreshLastContact(ctx, accountId);
  return { accountId, contactId, opportunityId };
}
