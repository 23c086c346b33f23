import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { withTenant } from '../src/db/tenant.js';
import { bumpConfigVersion } from '../src/metadata/metadata.service.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { newId } from '../src/platform/ids.js';
import { PASSWORD, signIn, uniqueEmail, type Client, type TestEnv } from './helpers.js';
import { waitFor } from './jobs-helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.resolve(here, '../../../shared/fixtures');
export const fixture = (rel: string) => path.join(FIXTURES, rel);

/**
 * A user with one of the workspace's roles, made with SQL because this area does not own the users API.
 * Returns the signed-in client.
 */
export async function addUser(env: TestEnv, ws: { workspaceId: string; roleIds: Record<string, string>; rootDepartmentId: string },
  role: 'admin' | 'manager' | 'rep', opts: { name?: string; managerId?: string; locale?: 'zh-CN' | 'en-US' } = {}): Promise<{ id: string; client: Client; email: string }> {
  const id = newId();
  const email = uniqueEmail(role);
  const hash = await hashPassword(PASSWORD);
  await env.db.kysely.insertInto('login_directory').values({ email, workspace_id: ws.workspaceId, user_id: id }).execute();
  await withTenant(env.db, ws.workspaceId, async (trx) => {
    await trx.insertInto('users').values({
      workspace_id: ws.workspaceId, id, email, name: opts.name ?? role, password_hash: hash, locale: opts.locale ?? 'en-US',
      time_zone: 'Asia/Shanghai', department_id: ws.rootDepartmentId, manager_id: opts.managerId ?? null, password_changed_at: new Date(),
    }).execute();
    await trx.insertInto('user_roles').values({ workspace_id: ws.workspaceId, user_id: id, role_id: ws.roleIds[role] }).execute();
    await bumpConfigVersion(trx, ws.workspaceId);
  });
  return { id, client: await signIn(env.app, email), email };
}

/** A custom field stored in the custom jsonb column, added with SQL (the metadata API belongs to another area). */
export async function addCustomField(env: TestEnv, workspaceId: string, object: string, apiName: string, type: string,
  label: string, options: Record<string, unknown> = {}): Promise<void> {
  await withTenant(env.db, workspaceId, async (trx) => {
    const obj = await trx.selectFrom('objects').select('id').where('workspace_id', '=', workspaceId).where('api_name', '=', object).executeTakeFirstOrThrow();
    await trx.insertInto('fields').values({
      workspace_id: workspaceId, id: newId(), object_id: obj.id, api_name: apiName, label: JSON.stringify({ 'en-US': label, 'zh-CN': label }),
      type, column_name: null, is_custom: true, options: JSON.stringify(options), position: 100,
    }).execute();
    await bumpConfigVersion(trx, workspaceId);
  });
}

/** A custom object (rows in custom_records) with the common fields, added with SQL. */
export async function addCustomObject(env: TestEnv, workspaceId: string, apiName: string, label: string): Promise<void> {
  await withTenant(env.db, workspaceId, async (trx) => {
    const id = newId();
    await trx.insertInto('objects').values({
      workspace_id: workspaceId, id, api_name: apiName, label: JSON.stringify({ 'en-US': label, 'zh-CN': label }),
      plural_label: JSON.stringify({ 'en-US': label, 'zh-CN': label }), is_custom: true, table_name: 'custom_records',
    }).execute();
    const common: [string, string | null, string, boolean, boolean][] = [
      ['id', 'id', 'text', false, true], ['name', 'name', 'text', true, false], ['ownerId', 'owner_id', 'user', false, false],
      ['createdBy', 'created_by', 'user', false, true], ['createdAt', 'created_at', 'datetime', false, true],
      ['updatedAt', 'updated_at', 'datetime', false, true], ['version', 'version', 'number', false, true],
    ];
    for (const [i, [name, column, type, required, system]] of common.entries()) {
      await trx.insertInto('fields').values({
        workspace_id: workspaceId, id: newId(), object_id: id, api_name: name, label: JSON.stringify({ 'en-US': name }),
        type, column_name: column, is_custom: false, required, readonly: system, options: JSON.stringify(system ? { system: true } : {}), position: i,
      }).execute();
    }
    await bumpConfigVersion(trx, workspaceId);
  });
}

/** A multipart/form-data body with text fields and one file. */
export function multipart(fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----rapport${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file for import; returns the parsed response. */
export async function upload(client: Client, object: string, name: string, data: Buffer, extra: Record<string, string> = {}) {
  const body = multipart({ object, ...extra }, { name, data });
  const res = await client.app.inject({
    method: 'POST', url: '/api/v1/imports', payload: body.payload,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'accept-language': client.lang, ...body.headers },
  });
  return res;
}

export const uploadFixture = (client: Client, object: string, rel: string, extra: Record<string, string> = {}) =>
  upload(client, object, path.basename(rel), fs.readFileSync(fixture(rel)), extra);

/** Polls an import until it finished (done, failed or undone). */
export async function waitImport(client: Client, id: string, timeoutMs = 60_000, stepMs = 50): Promise<any> {
  return waitFor(async () => {
    const res = await client.get(`/api/v1/imports/${id}`);
    const body = res.json();
    return ['done', 'failed', 'undone', 'cancelled'].includes(body.status) ? body : null;
  }, timeoutMs, stepMs);
}

/** Counts live rows of an object in a workspace, as the database owner (no visibility). */
export async function countRows(env: TestEnv, workspaceId: string, table: string, extra = sql``): Promise<number> {
  const r = await withTenant(env.db, workspaceId, (trx) => sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
    where workspace_id = ${workspaceId}::uuid and deleted_at is null ${extra}`.execute(trx));
  return r.rows[0].n;
}

/** Starts an import with a mapping and waits for it to finish. */
export async function startAndWait(c: Client, id: string, body: Record<string, unknown>): Promise<any> {
  const res = await c.post(`/api/v1/imports/${id}/start`, body);
  if (res.statusCode !== 202) throw new Error(`start failed: ${res.statusCode} ${res.body}`);
  return waitImport(c, id);
}

/** Every record of an object the client can see, all pages. */
export async function listAll(c: Client, object: string, query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor = '';
  for (;;) {
    const res = await c.get(`/api/v1/${object}?limit=1000${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
    out.push(...res.json().data);
    if (!res.json().nextCursor) return out;
    cursor = res.json().nextCursor;
  }
}

/** The suggested mapping, with some entries replaced or removed (null). */
export function adjust(mapping: any[], changes: Record<string, any | null>): any[] {
  const out = mapping.filter((m) => !(m.field in changes)).map((m) => ({ ...m }));
  for (const [field, v] of Object.entries(changes)) if (v) out.push({ field, ...v });
  return out;
}

/** Sets a user's time zone directly (the profile API belongs to another area). */
export async function setTimeZone(env: TestEnv, workspaceId: string, userId: string, tz: string): Promise<void> {
  await withTenant(env.db, workspaceId, async (trx) => {
    await trx.updateTable('users').set({ time_zone: tz }).where('workspace_id', '=', workspaceId).where('id', '=', userId).execute();
  });
}
