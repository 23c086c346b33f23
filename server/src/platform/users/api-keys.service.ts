import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import type { AuthContext } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { API_KEY_SCOPES, composeToken, randomToken, sha256, type ApiKeyScope } from '../auth/tokens.js';
import { cleanText, futureDate, idOrNull, Issues } from './identity-input.js';

export const MAX_KEYS_PER_USER = 50;

export interface ApiKeyOut {
  id: string; name: string; prefix: string; scopes: string[]; createdAt: string; expiresAt: string | null;
  lastUsedAt: string | null; revokedAt: string | null;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toKey(r: Record<string, any>): ApiKeyOut {
  return {
    id: r.id, name: r.name, prefix: r.prefix, scopes: r.scopes ?? [], createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at),
  };
}

/**
 * A key that acts as its creator with at most the given scopes. The token is returned this once; only its
 * hash is stored, and `prefix` (the first characters of the secret) lets people tell keys apart.
 */
export async function createApiKey(db: Database, auth: AuthContext, body: { name?: unknown; scopes?: unknown; expiresAt?: unknown }): Promise<ApiKeyOut & { token: string }> {
  const issues = new Issues();
  const name = cleanText(body.name, 'name', issues, { max: 100, required: true });
  const expiresAt = futureDate(body.expiresAt, 'expiresAt', issues);
  let scopes: ApiKeyScope[] = [...API_KEY_SCOPES];
  if (body.scopes !== undefined) {
    const list = Array.isArray(body.scopes) ? body.scopes : [];
    if (list.length === 0) issues.add('scopes', 'field.required');
    list.forEach((s, i) => { if (!API_KEY_SCOPES.includes(s as ApiKeyScope)) issues.add(`scopes.${i}`, 'identity.badApiKeyScope', { scope: String(s).slice(0, 40) }); });
    scopes = [...new Set(list as ApiKeyScope[])];
  }
  issues.throwIfAny();
  return withTenant(db, auth.workspaceId, async (trx) => {
    const live = await trx.selectFrom('api_keys').select((eb) => eb.fn.countAll<string>().as('n')).where('workspace_id', '=', auth.workspaceId)
      .where('user_id', '=', auth.userId).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_KEYS_PER_USER) issues.add('name', 'identity.tooManyApiKeys', { max: MAX_KEYS_PER_USER });
    issues.throwIfAny();
    const secret = randomToken(32);
    const row = await trx.insertInto('api_keys').values({
      workspace_id: auth.workspaceId, id: newId(), name: name!, user_id: auth.userId, token_hash: sha256(secret),
      prefix: secret.slice(0, 8), scopes: JSON.stringify(scopes), expires_at: expiresAt ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'apiKey.created', ip: auth.ip, detail: { apiKeyId: row.id, name: row.name, scopes } });
    return { ...toKey(row), token: composeToken('rpk', auth.workspaceId, secret) };
  });
}

/** The caller's own keys (an administrator may ask for another user's), newest first; never the tokens. */
export async function listApiKeys(db: Database, auth: AuthContext, userId?: string): Promise<ApiKeyOut[]> {
  if (userId && userId !== auth.userId && !auth.access.isAdmin) throw forbidden('identity.adminOnly');
  const owner = userId ? idOrNull(userId) : auth.userId;
  if (!owner) throw notFound();
  return withTenant(db, auth.workspaceId, async (trx) => {
    const rows = await trx.selectFrom('api_keys').selectAll().where('workspace_id', '=', auth.workspaceId).where('user_id', '=', owner)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toKey);
  });
}

/** Revokes one of the caller's keys (an administrator may revoke anyone's); revoking twice is harmless. */
export async function revokeApiKey(db: Database, auth: AuthContext, id: string): Promise<void> {
  const keyId = idOrNull(id);
  if (!keyId) throw notFound();
  await withTenant(db, auth.workspaceId, async (trx) => {
    let q = trx.selectFrom('api_keys').selectAll().where('workspace_id', '=', auth.workspaceId).where('id', '=', keyId);
    if (!auth.access.isAdmin) q = q.where('user_id', '=', auth.userId);
    const k = await q.forUpdate().executeTakeFirst();
    if (!k) throw notFound();
    if (k.revoked_at) return;
    await trx.updateTable('api_keys').set({ revoked_at: new Date() }).where('workspace_id', '=', auth.workspaceId).where('id', '=', keyId).execute();
    await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'apiKey.revoked', ip: auth.ip, detail: { apiKeyId: keyId, ownerId: k.user_id, name: k.name } });
  });
}
