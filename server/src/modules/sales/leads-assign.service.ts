import { sql } from 'kysely';
import type { Trx } from '../../db/tenant.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Org } from '../../platform/org.service.js';
import type { RecordCtx } from '../../records/record-context.js';
import { iso } from './sales-common.js';

export interface LeadRuleInput {
  name?: string;
  position?: number;
  active?: boolean;
  regions?: string[];
  industries?: string[];
  sources?: string[];
  departmentId?: string | null;
  userIds?: string[];
}

export function toRule(r: Record<string, any>) {
  return {
    id: r.id, name: r.name, position: r.position, active: r.active, regions: r.regions ?? [], industries: r.industries ?? [],
    sources: r.sources ?? [], departmentId: r.department_id, userIds: r.user_ids ?? [], lastUserId: r.last_user_id,
    createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

async function checkRule(trx: Trx, ws: string, org: Org, r: LeadRuleInput, merged: LeadRuleInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if (r.departmentId) {
    const d = await trx.selectFrom('departments').select('id').where('workspace_id', '=', ws).where('id', '=', r.departmentId).executeTakeFirst();
    if (!d) issues.push({ field: 'departmentId', code: 'field.notFound' });
  }
  r.userIds?.forEach((u, i) => { if (!org.users.get(u)?.active) issues.push({ field: `userIds.${i}`, code: 'field.notFound' }); });
  if (!merged.departmentId && !merged.userIds?.length) issues.push({ field: 'userIds', code: 'sales.leadRule.noTeam' });
  if (issues.length) throw invalid(issues);
}

export async function createLeadRule(trx: Trx, ws: string, org: Org, r: LeadRuleInput) {
  await checkRule(trx, ws, org, r, r);
  const row = await trx.insertInto('sales_lead_rules').values({
    workspace_id: ws, id: newId(), name: r.name!, position: r.position ?? 0, active: r.active ?? true, regions: r.regions ?? [],
    industries: r.industries ?? [], sources: r.sources ?? [], department_id: r.departmentId ?? null, user_ids: r.userIds ?? [],
  }).returningAll().executeTakeFirstOrThrow();
  return toRule(row);
}

export async function updateLeadRule(trx: Trx, ws: string, org: Org, id: string, r: LeadRuleInput) {
  const cur = toRule(await loadRuleRow(trx, ws, id));
  await checkRule(trx, ws, org, r, { ...cur, ...r });
  const cols: Record<string, [string, unknown]> = {
    name: ['name', r.name], position: ['position', r.position], active: ['active', r.active], regions: ['regions', r.regions],
    industries: ['industries', r.industries], sources: ['sources', r.sources], departmentId: ['department_id', r.departmentId], userIds: ['user_ids', r.userIds],
  };
  const set: Record<string, unknown> = { updated_at: new Date() };
  for (const [col, v] of Object.values(cols)) if (v !== undefined) set[col] = v;
  const row = await trx.updateTable('sales_lead_rules').set(set).where('workspace_id', '=', ws).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return toRule(row);
}

export async function deleteLeadRule(trx: Trx, ws: string, id: string): Promise<void> {
  await loadRuleRow(trx, ws, id);
  await trx.deleteFrom('sales_lead_rules').where('workspace_id', '=', ws).where('id', '=', id).execute();
}

async function loadRuleRow(trx: Trx, ws: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const row = await trx.selectFrom('sales_lead_rules').selectAll().where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function listLeadRules(trx: Trx, ws: string) {
  const rows = await trx.selectFrom('sales_lead_rules').selectAll().where('workspace_id', '=', ws).orderBy('position').orderBy('created_at').execute();
  return rows.map(toRule);
}

const lc = (s: unknown) => (typeof s === 'string' ? s.trim().toLowerCase() : '');

/** An empty list matches anything; a region matches the lead's region, province or city. */
function matches(rule: Record<string, any>, lead: Record<string, any>): boolean {
  const inList = (list: string[], ...vals: unknown[]) => list.length === 0 || vals.some((v) => list.some((x) => lc(x) === lc(v) && lc(v) !== ''));
  return inList(rule.regions ?? [], lead.region, lead.address?.province, lead.address?.city)
    && inList(rule.industries ?? [], lead.industry) && inList(rule.sources ?? [], lead.source);
}

/** The rule's team in a fixed order: its listed users, else the active members of its department. */
function team(rule: Record<string, any>, org: Org): string[] {
  const ids = rule.user_ids?.length ? rule.user_ids as string[]
    : [...org.users.values()].filter((u) => u.departmentId === rule.department_id).map((u) => u.id);
  return ids.filter((id) => org.users.get(id)?.active).sort();
}

/** Active rules and the round-robin position of each rule used so far, kept for one transaction (an import batch). */
interface RuleState { rules: Record<string, any>[]; last: Map<string, string | null> }
const ruleStates = new WeakMap<RecordCtx, RuleState>();

/**
 * The owner the first matching rule gives this lead, taking turns within the rule's team. The rule row is
 * locked on first use in the transaction, so leads arriving together still go round the team one by one.
 * Null when no rule matches.
 */
export async function pickLeadOwner(ctx: RecordCtx, lead: Record<string, any>): Promise<string | null> {
  let st = ruleStates.get(ctx);
  if (!st) {
    const rules = await sql<Record<string, any>>`select * from sales_lead_rules where workspace_id = ${ctx.auth.workspaceId}::uuid
      and active order by position, created_at`.execute(ctx.trx);
    st = { rules: rules.rows, last: new Map() };
    ruleStates.set(ctx, st);
  }
  const rule = st.rules.find((r) => matches(r, lead) && team(r, ctx.org).length > 0);
  if (!rule) return null;
  let last: string | null;
  if (st.last.has(rule.id)) last = st.last.get(rule.id) ?? null;
  else {
    const locked = await sql<Record<string, any>>`select last_user_id from sales_lead_rules where workspace_id = ${ctx.auth.workspaceId}::uuid
      and id = ${rule.id}::uuid for update`.execute(ctx.trx);
    last = locked.rows[0]?.last_user_id ?? null;
  }
  const members = team(rule, ctx.org);
  const next = members.find((id) => last !== null && id > last) ?? members[0];
  st.last.set(rule.id, next);
  await ctx.trx.updateTable('sales_lead_rules').set({ last_user_id: next }).where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', rule.id).execute();
  return next;
}

export class NoRuleError extends AppError {
  constructor() { super(409, 'sales.lead.noRule'); }
}
