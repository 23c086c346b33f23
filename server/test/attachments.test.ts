import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../src/platform/files/index.js';
import { form, upload } from './attachments-fixtures.js';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BLNS: string[] = JSON.parse(fs.readFileSync(path.resolve(here, '../../../shared/fixtures/naughty-strings/blns.json'), 'utf8'));

// eslint-disable-next-line no-control-regex -- what a cleaned file name must not hold
const CLEANED_AWAY = /[\u0000-\u001f\u007f\u202a-\u202e/\\]/;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(SKIP)('record attachments', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('uploads, lists, downloads byte for byte and removes a file with a Chinese name', async () => {
    const { admin } = await newWorkspace(env);
    const acc = (await admin.post('/api/v1/accounts', { name: '上海星辰科技有限公司' })).json();
    const data = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 255, 254, 10, 13])]);
    const up = await upload(admin, 'accounts', acc.id, '合同 扫描件（2024）.pdf', data, 'application/pdf');
    expect(up.statusCode, up.body).toBe(201);
    const att = up.json();
    expect(att).toMatchObject({ fileName: '合同 扫描件（2024）.pdf', contentType: 'application/pdf', size: data.length, createdByName: expect.any(String) });

    const list = (await admin.get(`/api/v1/accounts/${acc.id}/attachments`)).json();
    expect(list.data.map((a: any) => a.id)).toEqual([att.id]);

    const dl = await admin.get(`/api/v1/attachments/${att.id}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(data)).toBe(true);
    expect(sha(dl.rawPayload)).toBe(sha(data));
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('合同 扫描件（2024）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[ -~]+"/);

    const tl = (await admin.get(`/api/v1/accounts/${acc.id}/timeline`)).json().data;
    expect(tl[0]).toMatchObject({ op: 'attach', newValue: { id: att.id, fileName: '合同 扫描件（2024）.pdf' } });

    expect((await admin.delete(`/api/v1/attachments/${att.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/accounts/${acc.id}/attachments`)).json().data).toEqual([]);
    expect((await admin.get(`/api/v1/attachments/${att.id}/content`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/attachments/${att.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/accounts/${acc.id}/timeline`)).json().data[0]).toMatchObject({ op: 'detach', oldValue: { fileName: '合同 扫描件（2024）.pdf' } });
  });

  it('follows the parent record\'s visibility: 404 when it cannot be read, 403 when it cannot be updated', async () => {
    const ws = await newWorkspace(env);
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'Hidden Co' })).json();
    const att = (await upload(ws.admin, 'accounts', acc.id, 'plan.txt', Buffer.from('secret plan'), 'text/plain')).json();
    const rep = await createUser(env, ws);
    expect((await rep.client.get(`/api/v1/accounts/${acc.id}/attachments`)).statusCode).toBe(404);
    expect((await rep.client.get(`/api/v1/attachments/${att.id}/content`)).statusCode).toBe(404);
    expect((await upload(rep.client, 'accounts', acc.id, 'x.txt', Buffer.from('x'))).statusCode).toBe(404);
    expect((await rep.client.delete(`/api/v1/attachments/${att.id}`)).statusCode).toBe(404);

    // Shared for reading: the rep sees and downloads, but may neither add nor remove.
    const share = await ws.admin.post(`/api/v1/accounts/${acc.id}/shares`, { userId: rep.id, access: 'read' });
    expect(share.statusCode, share.body).toBe(200);
    expect((await rep.client.get(`/api/v1/accounts/${acc.id}/attachments`)).json().data).toHaveLength(1);
    expect((await rep.client.get(`/api/v1/attachments/${att.id}/content`)).body).toBe('secret plan');
    const denied = await upload(rep.client, 'accounts', acc.id, 'x.txt', Buffer.from('x'));
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    expect((await rep.client.delete(`/api/v1/attachments/${att.id}`)).statusCode).toBe(403);
    expect((await ws.admin.get(`/api/v1/accounts/${acc.id}/attachments`)).json().data).toHaveLength(1);

    // Another workspace knows nothing of it.
    const other = await newWorkspace(env, 'Other Co');
    expect((await other.admin.get(`/api/v1/attachments/${att.id}/content`)).statusCode).toBe(404);
    expect((await other.admin.delete(`/api/v1/attachments/${att.id}`)).statusCode).toBe(404);
    expect((await other.admin.get(`/api/v1/accounts/${acc.id}/attachments`)).statusCode).toBe(404);

    // A record in the recycle bin hides its files; a purge removes them for good.
    await ws.admin.delete(`/api/v1/accounts/${acc.id}`);
    expect((await ws.admin.get(`/api/v1/attachments/${att.id}/content`)).statusCode).toBe(404);
    await ws.admin.post(`/api/v1/accounts/${acc.id}/restore`);
    expect((await ws.admin.get(`/api/v1/attachments/${att.id}/content`)).statusCode).toBe(200);
    await ws.admin.delete(`/api/v1/accounts/${acc.id}`);
    expect((await ws.admin.post(`/api/v1/accounts/${acc.id}/purge`)).statusCode).toBe(204);
    const left = await env.db.executeSql('select count(*)::int as n from attachments where record_id = $1', [acc.id]);
    expect(left.rows[0].n).toBe(0);
  });

  it('rejects bad uploads with localised problems and stores nothing', async () => {
    const { admin } = await newWorkspace(env);
    admin.lang = 'zh-CN';
    const acc = (await admin.post('/api/v1/accounts', { name: 'Limits Co' })).json();
    const big = await upload(admin, 'accounts', acc.id, 'big.bin', Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1));
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json().title).toBe(`附件太大（上限 ${Math.round(ATTACHMENT_MAX_BYTES / 1048576)} MiB）。`);
    const empty = await upload(admin, 'accounts', acc.id, 'empty.txt', Buffer.alloc(0));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0]).toMatchObject({ field: 'file', message: '文件是空的，请选择有内容的文件。' });
    const { payload, headers } = form('a.txt', Buffer.from('a'), 'text/plain', 'other');
    const noFile = await admin.app.inject({ method: 'POST', url: `/api/v1/accounts/${acc.id}/attachments`, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': 'zh-CN', ...headers } });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().errors[0].field).toBe('file');
    const json = await admin.post(`/api/v1/accounts/${acc.id}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect(json.json().title).toBe('请以 multipart/form-data 上传附件（字段 file）。');
    const unknown = await upload(admin, 'nothings', acc.id, 'a.txt', Buffer.from('a'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('error.unknownObject');
    expect((await admin.get(`/api/v1/attachments/not-a-uuid/content`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/accounts/${acc.id}/attachments`)).json().data).toEqual([]);
  });

  it('serves active content as a download, never as a page', async () => {
    const { admin } = await newWorkspace(env);
    const acc = (await admin.post('/api/v1/accounts', { name: 'XSS Co' })).json();
    for (const [name, type] of [['x.html', 'text/html'], ['x.svg', 'image/svg+xml'], ['x', 'text/html; charset=utf-8"><script>']]) {
      const att = (await upload(admin, 'accounts', acc.id, name, Buffer.from('<script>alert(1)</script>'), type)).json();
      const dl = await admin.get(`/api/v1/attachments/${att.id}/content`);
      expect(dl.headers['content-type']).toBe('application/octet-stream');
      expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
      expect(dl.headers['content-security-policy']).toContain('sandbox');
    }
  });

  it('keeps or cleans every naughty file name, never failing', async () => {
    const { admin } = await newWorkspace(env);
    const acc = (await admin.post('/api/v1/accounts', { name: 'Naughty Co' })).json();
    // Every name goes through the cleaner in attachment-file-name.test.ts; here a spread of them takes the whole trip.
    const sample = BLNS.filter((s, i) => s.length > 0 && i % 12 === 0);
    for (const name of [...sample, 'Ω≈ç√∫˜µ≤≥÷', '../../etc/passwd', 'C:\\Windows\\win.ini', '\u202Egnp.exe', 'a\u0000b.txt', 'x'.repeat(1000) + '.txt']) {
      const res = await upload(admin, 'accounts', acc.id, name, Buffer.from('n'));
      expect(res.statusCode, `${JSON.stringify(name)} → ${res.body}`).toBe(201);
      const saved: string = res.json().fileName;
      expect(saved.length).toBeGreaterThan(0);
      expect([...saved].length).toBeLessThanOrEqual(255);
      expect(saved).not.toMatch(CLEANED_AWAY);
      const dl = await admin.get(`/api/v1/attachments/${res.json().id}/content`);
      expect(dl.statusCode, name).toBe(200);
      expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[ -~]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/);
    }
    const list = (await admin.get(`/api/v1/accounts/${acc.id}/attachments`)).json().data;
    expect(list.map((a: any) => a.fileName)).toEqual(expect.arrayContaining(['passwd', 'win.ini', 'gnp.exe', 'ab.txt', 'Ω≈ç√∫˜µ≤≥÷']));
  });
});
