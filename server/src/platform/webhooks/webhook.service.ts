import type { Database } from '../../db/database.js';
import { isUuid, withTenant, type Trx } from '../../db/tenant.js';
import { BAD_TEXT_RE } from '../../metadata/field-types.js';
import { getMetadata } from '../../metadata/metadata.service.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError, type FieldIssue } from '../errors.js';
import { newId } from '../ids.js';
import { checkWebhookUrl } from './ssrf-guard.js';
import { newWebhookSecret } from './webhook-http.js';

export const WEBHOOK_EVENTS = ['created', 'updated', 'deleted', 'restored', 'purged'] as const;

export interface WebhookInput { name?: string; url?: string; objects?: string[]; events?: string[]; active?: boolean }

export interface WebhookOut {
  id: string; name: string; url: string; objects: string[]; events: string[]; active: boolean;
  createdAt: string; updatedAt: string; secret?: string;
}

export function toWebhookOut(r: Record<string, any>): WebhookOut {
  return {
    id: r.id, name: r.name, url: r.url, objects: r.objects ?? [], events: r.events ?? [], active: r.active,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function requireAdmin(auth: AuthContext | null): AuthContext {
  if (!auth) throw new AppError(401, 'error.unauthenticated');
  if (!auth.access.isAdmin) throw new AppError(403, 'error.forbidden');
  return auth;
}

const notFound = () => new AppError(404, 'webhooks.notFound');

/** Checks what the caller sent; the URL check resolves DNS, so it runs before any transaction opens. */
async function validate(input: WebhookInput, allowHosts: string[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (input.name !== undefined && BAD_TEXT_RE.test(input.name)) issues.push({ field: 'name', code: 'field.badCharacters' });
  if (input.url !== undefined && BAD_TEXT_RE.test(input.url)) issues.push({ field: 'url', code: 'webhooks.urlInvalid' });
  else if (input.url !== undefined) {
    const r = await checkWebhookUrl(input.url, allowHosts);
    if ('code' in r) {
      const params = r.code === 'webhooks.urlForbidden' ? { host: r.host, address: r.address } : r.code === 'webhooks.urlUnresolvable' ? { host: r.host } : {};
      issues.push({ field: 'url', code: r.code, params });
    }
  }
  input.events?.forEach((e) => {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(e)) issues.push({ field: 'events', code: 'webhooks.badEvent', params: { value: e } });
  });
  return issues;
}

async function checkObjects(trx: Trx, ws: string, version: number, objects: string[] | undefined, issues: FieldIssue[]): Promise<void> {
  if (!objects?.length) return;
  const md = await getMetadata(trx, ws, version);
  for (const o of objects) {
    if (!md.objects.has(o)) issues.push({ field: 'objects', code: 'webhooks.badObject', params: { value: o } });
  }
}

const dedupe = (a: string[] | undefined) => (a ? [...new Set(a)] : a);

/** Bad input that needs no metadata to judge is refused before a transaction opens. */
function failEarly(issues: FieldIssue[], input: WebhookInput): void {
  if (issues.length && !input.objects?.length) throw new AppError(422, 'error.validation', {}, issues);
}

export async function createWebhook(db: Database, auth: AuthContext, input: WebhookInput, allowHosts: string[]): Promise<WebhookOut> {
  const issues = await validate(input, allowHosts);
  failEarly(issues, input);
  const secret = newWebhookSecret();
  return withTenant(db, auth.workspaceId, async (trx, version) => {
    await checkObjects(trx, auth.workspaceId, version, input.objects, issues);
    if (issues.length) throw new AppError(422, 'error.validation', {}, issues);
    const row = await trx.insertInto('webhooks').values({
      workspace_id: auth.workspaceId, id: newId(), name: input.name ?? '', url: input.url, secret,
      objects: JSON.stringify(dedupe(input.objects) ?? []), events: JSON.stringify(dedupe(input.events) ?? []),
      active: input.active ?? true, created_by: auth.userId,
    }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'webhook.created', ip: auth.ip, detail: { webhookId: row.id, url: row.url } });
    return { ...toWebhookOut(row), secret };
  });
}

export async function listWebhooks(db: Database, auth: AuthContext): Promise<WebhookOut[]> {
  return withTenant(db, auth.workspaceId, async (trx) => (await trx.selectFrom('webhooks').selectAll()
    .where('workspace_id', '=', auth.workspaceId).orderBy('created_at').orderBy('id').execute()).map(toWebhookOut));
}

export async function loadWebhook(trx: Trx, ws: string, id: string): Promise<Record<string, any>> {
  if (!isUuid(id)) throw notFound();
  const row = await trx.selectFrom('webhooks').selectAll().where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getWebhook(db: Database, auth: AuthContext, id: string): Promise<WebhookOut> {
  return withTenant(db, auth.workspaceId, async (trx) => toWebhookOut(await loadWebhook(trx, auth.workspaceId, id)));
}

export async function updateWebhook(db: Database, auth: AuthContext, id: string, input: WebhookInput, allowHosts: string[]): Promise<WebhookOut> {
  const issues = await validate(input, allowHosts);
  failEarly(issues, input);
  return withTenant(db, auth.workspaceId, async (trx, version) => {
    await loadWebhook(trx, auth.workspaceId, id);
    await checkObjects(trx, auth.workspaceId, version, input.objects, issues);
    if (issues.length) throw new AppError(422, 'error.validation', {}, issues);
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (input.name !== undefined) set.name = input.name;
    if (input.url !== undefined) set.url = input.url;
    if (input.objects !== undefined) set.objects = JSON.stringify(dedupe(input.objects));
    if (input.events !== undefined) set.events = JSON.stringify(dedupe(input.events));
    if (input.active !== undefined) set.active = input.active;
    const row = await trx.updateTable('webhooks').set(set).where('workspace_id', '=', auth.workspaceId).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'webhook.updated', ip: auth.ip, detail: { webhookId: id, fields: Object.keys(input) } });
    return toWebhookOut(row);
  });
}

export async function deleteWebhook(db: Database, auth: AuthContext, id: string): Promise<void> {
  await withTenant(db, auth.workspaceId, async (trx) => {
    await loadWebhook(trx, auth.workspaceId, id);
    await trx.deleteFrom('webhooks').where('workspace_id', '=', auth.workspaceId).where('id', '=', id).execute();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'webhook.deleted', ip: auth.ip, detail: { webhookId: id } });
  });
}

/** A new secret, shown once; the old one stops working at once. */
export async function rotateWebhookSecret(db: Database, auth: AuthContext, id: string): Promise<WebhookOut> {
  const secret = newWebhookSecret();
  return withTenant(db, auth.workspaceId, async (trx) => {
    await loadWebhook(trx, auth.workspaceId, id);
    const row = await trx.updateTable('webhooks').set({ secret, updated_at: new Date() })
      .where('workspace_id', '=', auth.workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'webhook.secretRotated', ip: auth.ip, detail: { webhookId: id } });
    return { ...toWebhookOut(row), secret };
  });
}
