import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

/** GET/PATCH /api/v1/settings/workspace: recycle-bin retention per workspace (the purge itself: jobs-lifecycle.test.ts). */
describe.skipIf(SKIP)('workspace settings', () => {
  let env: TestEnv;
  // A server default other than the built-in 30, so the test tells the two apart.
  beforeAll(async () => { env = await startTestApp({ recycleBinDays: 45 }); });
  afterAll(async () => { await env?.close(); });

  it('lets an administrator set the recycle-bin retention, audits each change, and resets to the server default', async () => {
    const ws = await newWorkspace(env);
    const url = '/api/v1/settings/workspace';
    expect((await ws.admin.get(url)).json()).toEqual({ recycleBinDays: 45, recycleBinDaysSource: 'server' });

    const set = await ws.admin.patch(url, { recycleBinDays: 7 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ recycleBinDays: 7, recycleBinDaysSource: 'workspace' });
    expect((await ws.admin.get(url)).json()).toEqual({ recycleBinDays: 7, recycleBinDaysSource: 'workspace' });
    const stored = await env.db.executeSql('select settings from workspaces where id = $1', [ws.workspaceId]);
    expect(stored.rows[0].settings).toMatchObject({ recycleBinDays: 7 });
    // The same value again changes nothing and is not audited twice.
    expect((await ws.admin.patch(url, { recycleBinDays: 7 })).statusCode).toBe(200);
    expect((await ws.admin.patch(url, {})).json()).toEqual({ recycleBinDays: 7, recycleBinDaysSource: 'workspace' });

    expect((await ws.admin.patch(url, { recycleBinDays: null })).json()).toEqual({ recycleBinDays: 45, recycleBinDaysSource: 'server' });
    const audit = (await ws.admin.get('/api/v1/audit?event=workspace.*')).json().data;
    expect(audit.map((a: any) => [a.event, a.actorId, a.detail.changes.recycleBinDays])).toEqual([
      ['workspace.settingsUpdated', ws.adminId, { from: 7, to: null }],
      ['workspace.settingsUpdated', ws.adminId, { from: null, to: 7 }],
    ]);
  });

  it('answers bad values with a localised 422 and non-administrators with 403, changing nothing', async () => {
    const ws = await newWorkspace(env);
    const url = '/api/v1/settings/workspace';
    expect((await ws.admin.patch(url, { recycleBinDays: 10 })).statusCode).toBe(200);
    ws.admin.lang = 'zh-CN';
    const cases: [unknown, string][] = [[0, 'field.min'], [3651, 'field.max'], [-5, 'field.min'], [1.5, 'field.type.number'], ['soon', 'field.type.number']];
    for (const [value, code] of cases) {
      const res = await ws.admin.patch(url, { recycleBinDays: value });
      expect(res.statusCode, `${value}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors, String(value)).toEqual([expect.objectContaining({ field: 'recycleBinDays', code })]);
      expect(res.json().errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    const unknown = await ws.admin.patch(url, { recycleBinDays: 20, purgeEverything: true });
    expect([unknown.statusCode, unknown.json().errors[0]]).toEqual([422, expect.objectContaining({ field: 'purgeEverything', code: 'field.unknown' })]);
    expect((await ws.admin.patch(url, { recycleBinDays: 3650 })).json().recycleBinDays).toBe(3650);
    expect((await ws.admin.patch(url, { recycleBinDays: 1 })).json().recycleBinDays).toBe(1);

    const rep = await createUser(env, ws, { roleKeys: ['manager'] });
    rep.client.lang = 'zh-CN';
    for (const res of [await rep.client.get(url), await rep.client.patch(url, { recycleBinDays: 3000 })]) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await ws.admin.get(url)).json().recycleBinDays).toBe(1);
  });
});
