import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { bumpConfigVersion, syncStandardObjects } from '../src/metadata/metadata.service.js';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { addField, createMember, filterQuery } from './metadata-support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

describe.skipIf(SKIP)('metadata: objects', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('lists active objects and describes one with fields, labels and filter operators', async () => {
    const { admin } = await newWorkspace(env);
    const list = await admin.get('/api/v1/metadata/objects');
    expect(list.statusCode, list.body).toBe(200);
    const names = list.json().data.map((o: any) => o.apiName);
    expect(names).toEqual(expect.arrayContaining(['accounts', 'contacts', 'leads', 'opportunities']));
    expect(list.json().data.find((o: any) => o.apiName === 'accounts')).toMatchObject({ label: { 'zh-CN': '客户', 'en-US': 'Account' }, isCustom: false });
    const acc = (await admin.get('/api/v1/metadata/objects/accounts')).json();
    const level = acc.fields.find((f: any) => f.apiName === 'level');
    expect(level).toMatchObject({ type: 'select', isCustom: false, system: false, ops: ['eq', 'neq', 'in', 'isNull'] });
    expect(level.options.options.map((o: any) => o.value)).toEqual(['A', 'B', 'C']);
    expect(acc.fields.find((f: any) => f.apiName === 'createdAt')).toMatchObject({ system: true, readonly: true });
    expect((await admin.get('/api/v1/metadata/objects/nothing')).statusCode).toBe(404);
    const types = (await admin.get('/api/v1/metadata/field-types')).json().data;
    expect(types.find((t: any) => t.type === 'autoNumber')).toMatchObject({ computed: true, canBeUnique: true, optionKeys: ['prefix', 'dateFormat', 'digits', 'reset'] });
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of ['/api/v1/metadata/objects', '/api/v1/metadata/objects/{object}', '/api/v1/metadata/objects/{object}/fields', '/api/v1/metadata/objects/{object}/fields/{field}']) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
    expect(doc.paths['/api/v1/metadata/objects/{object}/fields'].post.requestBody).toBeTruthy();
  });

  it('runs a custom object through its whole life on the generic records API', async () => {
    const { admin } = await newWorkspace(env);
    const created = await admin.post('/api/v1/metadata/objects', { apiName: 'projects', label: L('项目', 'Project'), pluralLabel: L('项目', 'Projects') });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ apiName: 'projects', isCustom: true, label: L('项目', 'Project') });
    expect(created.json().fields.map((f: any) => f.apiName)).toEqual(['id', 'name', 'ownerId', 'createdBy', 'createdAt', 'updatedAt', 'version']);
    await addField(admin, 'projects', { apiName: 'budget', type: 'currency', filterable: true });

    const rec = await admin.post('/api/v1/projects', { name: '官网改版', budget: '120000.50' });
    expect(rec.statusCode, rec.body).toBe(201);
    const id = rec.json().id;
    expect(rec.json()).toMatchObject({ name: '官网改版', budget: '120000.5', version: 1 });
    await admin.post('/api/v1/projects', { name: 'ERP', budget: 5000 });
    const list = await admin.get(`/api/v1/projects?${filterQuery({ field: 'budget', op: 'gt', value: 10000 })}`);
    expect(list.json().data.map((r: any) => r.name)).toEqual(['官网改版']);
    expect((await admin.get(`/api/v1/projects/${id}`)).json().budget).toBe('120000.5');
    const upd = await admin.patch(`/api/v1/projects/${id}`, { budget: 99 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ budget: '99', version: 2 });
    expect((await admin.delete(`/api/v1/projects/${id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/projects/${id}`)).statusCode).toBe(404);
    const restored = await admin.post(`/api/v1/projects/${id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    // Custom-object rows never show up under another object, even by id.
    expect((await admin.get(`/api/v1/accounts/${id}`)).statusCode).toBe(404);

    const renamed = await admin.patch('/api/v1/metadata/objects/projects', { label: { 'en-US': 'Initiative' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().label).toEqual(L('项目', 'Initiative'));

    expect((await admin.delete('/api/v1/metadata/objects/projects')).statusCode).toBe(204);
    expect((await admin.get('/api/v1/projects')).statusCode).toBe(404);
    expect((await admin.post('/api/v1/projects', { name: 'x' })).statusCode).toBe(404);
    expect((await admin.get('/api/v1/metadata/objects/projects')).statusCode).toBe(404);
    expect((await admin.get('/api/v1/metadata/objects')).json().data.map((o: any) => o.apiName)).not.toContain('projects');
    // The name stays taken.
    const again = await admin.post('/api/v1/metadata/objects', { apiName: 'projects', label: L('项目', 'Project') });
    expect(again.statusCode).toBe(409);
  });

  it('keeps retired custom-object rows in custom_records', async () => {
    const w = await newWorkspace(env);
    await w.admin.post('/api/v1/metadata/objects', { apiName: 'assets', label: L('资产', 'Asset') });
    expect((await w.admin.post('/api/v1/assets', { name: '服务器' })).statusCode).toBe(201);
    expect((await w.admin.delete('/api/v1/metadata/objects/assets')).statusCode).toBe(204);
    const rows = await withTenant(env.db, w.workspaceId, (trx) => trx.selectFrom('custom_records').select('name').where('workspace_id', '=', w.workspaceId).execute());
    expect(rows.map((r) => r.name)).toEqual(['服务器']);
  });

  it('rejects bad, reserved and taken names with localised errors', async () => {
    const { admin } = await newWorkspace(env);
    admin.lang = 'zh-CN';
    const cases: [unknown, string][] = [
      ['Projects', 'metadata.apiName.format'], ['my-things', 'metadata.apiName.format'], ['a'.repeat(41), 'metadata.apiName.format'],
      ['users', 'metadata.apiName.reserved'], ['apikeys', 'metadata.apiName.reserved'], ['metadata', 'metadata.apiName.reserved'],
      ['paymentPlans', 'metadata.apiName.reserved'], ['pipelines', 'metadata.apiName.reserved'], ['accounts', 'metadata.apiName.reserved'],
      ['openapi', 'metadata.apiName.reserved'], ['healthz', 'metadata.apiName.reserved'], ['constructor', 'metadata.apiName.reserved'],
    ];
    for (const [apiName, code] of cases) {
      const res = await admin.post('/api/v1/metadata/objects', { apiName, label: L('项目', 'Project') });
      expect(res.statusCode, String(apiName)).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ field: 'apiName', code });
    }
    const zh = await admin.post('/api/v1/metadata/objects', { apiName: 'users', label: L('项目', 'Project') });
    expect(zh.json().errors[0].message).toBe('“users”是系统保留的名称，请换一个。');
    const noLabel = await admin.post('/api/v1/metadata/objects', { apiName: 'things', label: { 'zh-CN': '  ', 'en-US': '' } });
    expect(noLabel.json().errors[0]).toMatchObject({ field: 'label', code: 'metadata.label.required', message: '请至少填写一种语言的名称。' });
    const long = await admin.post('/api/v1/metadata/objects', { apiName: 'things', label: { 'en-US': 'x'.repeat(101) } });
    expect(long.json().errors[0]).toMatchObject({ field: 'label.en-US', code: 'field.tooLong' });
    const nul = await admin.post('/api/v1/metadata/objects', { apiName: 'things', label: { 'en-US': 'a\u0000b' } });
    expect(nul.json().errors[0]).toMatchObject({ field: 'label.en-US', code: 'field.badCharacters' });
    expect((await admin.post('/api/v1/metadata/objects', { apiName: 'things', label: L('东西', 'Thing') })).statusCode).toBe(201);
    const dup = await admin.post('/api/v1/metadata/objects', { apiName: 'Things'.toLowerCase(), label: L('东西', 'Thing') });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('metadata.objectExists');
    expect((await admin.delete('/api/v1/metadata/objects/accounts')).json().code).toBe('metadata.standardObjectRetire');
  });

  it('accepts hostile label text and stores it as given', async () => {
    const { admin } = await newWorkspace(env);
    const labels = ['<script>alert(1)</script>', "Robert'); DROP TABLE objects;--", '﷽', '👩🏽‍💻 项目', '\u202Eevil', '{{7*7}}', '${process.exit()}'];
    for (const [i, label] of labels.entries()) {
      const res = await admin.post('/api/v1/metadata/objects', { apiName: `things${i}`, label: { 'en-US': label } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().label['en-US']).toBe(label.trim());
    }
  });

  it('refuses to retire an object that relation fields point at', async () => {
    const { admin } = await newWorkspace(env);
    await admin.post('/api/v1/metadata/objects', { apiName: 'projects', label: L('项目', 'Project') });
    await addField(admin, 'accounts', { apiName: 'mainProject', type: 'relation', options: { target: 'projects' } });
    const p = (await admin.post('/api/v1/projects', { name: 'P1' })).json();
    const acc = await admin.post('/api/v1/accounts', { name: 'A1', mainProject: p.id });
    expect(acc.statusCode, acc.body).toBe(201);
    const related = await admin.get(`/api/v1/projects/${p.id}/related/accounts`);
    expect(related.json().data.map((r: any) => r.name)).toEqual(['A1']);
    const res = await admin.delete('/api/v1/metadata/objects/projects');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'metadata.objectInUse' });
    expect(res.json().detail).toContain('accounts.mainProject');
    expect((await admin.delete('/api/v1/metadata/objects/accounts/fields/mainProject')).statusCode).toBe(204);
    expect((await admin.delete('/api/v1/metadata/objects/projects')).statusCode).toBe(204);
  });

  it('lets only administrators change metadata, and hides fields a role hides', async () => {
    const w = await newWorkspace(env);
    await addField(w.admin, 'accounts', { apiName: 'secretScore', type: 'number' });
    const roleId = w.roleIds.rep;
    await withTenant(env.db, w.workspaceId, async (trx) => {
      await trx.updateTable('roles').set({ field_permissions: JSON.stringify({ accounts: { secretScore: 'hidden', phone: 'hidden', email: 'readonly' } }) })
        .where('workspace_id', '=', w.workspaceId).where('id', '=', roleId).execute();
      await bumpConfigVersion(trx, w.workspaceId);
    });
    const rep = await createMember(env, w, roleId);
    const md = await rep.get('/api/v1/metadata/objects/accounts');
    expect(md.statusCode, md.body).toBe(200);
    const names = md.json().fields.map((f: any) => f.apiName);
    expect(names).toContain('name');
    expect(names).not.toContain('secretScore');
    expect(names).not.toContain('phone');
    expect(md.json().fields.find((f: any) => f.apiName === 'email').readonly).toBe(true);
    expect((await w.admin.get('/api/v1/metadata/objects/accounts')).json().fields.map((f: any) => f.apiName)).toContain('secretScore');

    const attempts = [
      rep.post('/api/v1/metadata/objects', { apiName: 'projects', label: L('项目', 'Project') }),
      rep.patch('/api/v1/metadata/objects/accounts', { label: { 'en-US': 'Client' } }),
      rep.delete('/api/v1/metadata/objects/accounts'),
      rep.post('/api/v1/metadata/objects/accounts/fields', { apiName: 'x', type: 'text', label: L('x', 'x') }),
      rep.patch('/api/v1/metadata/objects/accounts/fields/secretScore', { label: { 'en-US': 'y' } }),
      rep.delete('/api/v1/metadata/objects/accounts/fields/secretScore'),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('metadata.adminOnly');
    }
    expect((await w.admin.get('/api/v1/metadata/objects')).json().data.map((o: any) => o.apiName)).not.toContain('projects');
  });

  it('relabels standard objects and keeps the change across a re-sync', async () => {
    const w = await newWorkspace(env);
    const res = await w.admin.patch('/api/v1/metadata/objects/accounts', { label: { 'zh-CN': '门店' }, pluralLabel: { 'zh-CN': '门店' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().label).toEqual(L('门店', 'Account'));
    await withTenant(env.db, w.workspaceId, (trx) => syncStandardObjects(trx, w.workspaceId));
    const after = (await w.admin.get('/api/v1/metadata/objects')).json().data.find((o: any) => o.apiName === 'accounts');
    expect(after.label).toEqual(L('门店', 'Account'));
    const audit = await withTenant(env.db, w.workspaceId, (trx) => trx.selectFrom('audit_log').select(['event', 'detail']).where('workspace_id', '=', w.workspaceId).where('event', 'like', 'metadata.%').execute());
    expect(audit.map((a) => a.event)).toEqual(['metadata.objectUpdated']);
  });
});
