import type { Database } from '../../db/database.js';
import type { Trx } from '../../db/tenant.js';
import { invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { randomToken } from '../../platform/auth/tokens.js';
import { runAsSystem } from '../../platform/jobs/system-context.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { createRecord } from '../../records/record-write.service.js';
import { pickLeadOwner } from './leads-assign.service.js';
import { iso, presetColumns } from './sales-common.js';

/** What a visitor may send; everything else about the lead is decided here. */
export const FORM_FIELDS = ['name', 'company', 'title', 'phone', 'mobile', 'email', 'region', 'industry', 'description', 'address'] as const;
/** Hidden from people by the embedding page; only bots fill it in. */
export const HONEYPOT_FIELD = 'homepage';

export interface LeadFormInput { name?: string; defaultOwnerId?: string; defaultSource?: string | null; active?: boolean }

export function toForm(r: Record<string, any>) {
  return {
    id: r.id, name: r.name, key: r.key, defaultOwnerId: r.default_owner_id, defaultSource: r.default_source, active: r.active,
    submissions: r.submissions, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

/** The key carries its workspace in clear, like session tokens, so a public request finds its tenant first. */
function formKey(ws: string): string {
  return `lf_${ws.replace(/-/g, '')}_${randomToken(18)}`;
}

export function workspaceOfKey(key: string): string | null {
  const m = /^lf_([0-9a-f]{32})_[A-Za-z0-9_-]{20,40}$/.exec(key);
  if (!m) return null;
  const h = m[1];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The default owner must be an active user and the default source one of the lead source options. */
function checkForm(ctx: RecordCtx, f: LeadFormInput): void {
  const issues: FieldIssue[] = [];
  if (f.defaultOwnerId !== undefined && !ctx.org.users.get(f.defaultOwnerId)?.active) issues.push({ field: 'defaultOwnerId', code: 'field.notFound' });
  const source = objectOf(ctx, 'leads').fields.find((x) => x.apiName === 'source');
  const options = new Set((source?.options?.options ?? []).map((o: { value: string }) => o.value));
  if (typeof f.defaultSource === 'string' && !options.has(f.defaultSource)) issues.push({ field: 'defaultSource', code: 'field.option', params: { value: f.defaultSource } });
  if (issues.length) throw invalid(issues);
}

export async function createLeadForm(ctx: RecordCtx, f: LeadFormInput) {
  checkForm(ctx, f);
  const ws = ctx.auth.workspaceId;
  const row = await ctx.trx.insertInto('sales_lead_forms').values({
    workspace_id: ws, id: newId(), name: f.name!, key: formKey(ws), default_owner_id: f.defaultOwnerId!,
    default_source: f.defaultSource === undefined ? 'web' : f.defaultSource, active: f.active ?? true, created_by: ctx.auth.userId,
  }).returningAll().executeTakeFirstOrThrow();
  return toForm(row);
}

export async function updateLeadForm(ctx: RecordCtx, id: string, f: LeadFormInput & { regenerateKey?: boolean }) {
  const { trx, auth: { workspaceId: ws } } = ctx;
  await loadForm(trx, ws, id);
  checkForm(ctx, f);
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (f.name !== undefined) set.name = f.name;
  if (f.defaultOwnerId !== undefined) set.default_owner_id = f.defaultOwnerId;
  if (f.defaultSource !== undefined) set.default_source = f.defaultSource;
  if (f.active !== undefined) set.active = f.active;
  if (f.regenerateKey) set.key = formKey(ws);
  const row = await trx.updateTable('sales_lead_forms').set(set).where('workspace_id', '=', ws).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return toForm(row);
}

export async function loadForm(trx: Trx, ws: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const row = await trx.selectFrom('sales_lead_forms').selectAll().where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function listLeadForms(trx: Trx, ws: string) {
  return (await trx.selectFrom('sales_lead_forms').selectAll().where('workspace_id', '=', ws).orderBy('created_at').execute()).map(toForm);
}

/**
 * A visitor's submission: a bot that filled the honeypot gets the same answer as a person but nothing is
 * stored. The lead goes through the records pipeline (validation, history, hooks) as the system, owned by
 * whoever the assignment rules pick, else the form's default owner.
 */
export async function submitLeadForm(db: Database, key: string, body: Record<string, unknown>): Promise<void> {
  const ws = workspaceOfKey(key);
  if (!ws) throw notFound();
  await runAsSystem(db, ws, async (ctx) => {
    const form = await ctx.trx.selectFrom('sales_lead_forms').selectAll().where('workspace_id', '=', ws).where('key', '=', key).where('active', '=', true).executeTakeFirst();
    if (!form) throw notFound();
    const hp = body[HONEYPOT_FIELD];
    if (typeof hp === 'string' ? hp.trim() !== '' : hp !== undefined && hp !== null) return;
    const lead: Record<string, unknown> = { source: form.default_source ?? 'web' };
    for (const f of FORM_FIELDS) if (body[f] !== undefined && body[f] !== '') lead[f] = body[f];
    const ownerId = (await pickLeadOwner(ctx, lead)) ?? form.default_owner_id;
    presetColumns(ctx, { lead_form_id: form.id });
    await createRecord(ctx, 'leads', { ...lead, ownerId });
    await ctx.trx.updateTable('sales_lead_forms').set((eb) => ({ submissions: eb('submissions', '+', 1) }))
      .where('workspace_id', '=', ws).where('id', '=', form.id).execute();
  });
}
