import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant.js';
import { bumpConfigVersion } from '../src/metadata/metadata.service.js';
import { newWorkspace, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';
import { addCustomField, addCustomObject, addUser, fixture, listAll, startAndWait, upload } from './dataio-fixtures.js';

const csv = (rows: string[][]) => Buffer.from(stringify(rows));

async function rawUpload(c: Client, payload: Buffer, headers: Record<string, string>) {
  return c.app.inject({ method: 'POST', url: '/api/v1/imports', payload, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'accept-language': c.lang, ...headers } });
}

describe.skipIf(SKIP)('import API', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('answers bad uploads and bad mappings with localised 4xx and changes nothing', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    admin.lang = 'zh-CN';
    const json = await admin.post('/api/v1/imports', { object: 'contacts' });
    expect(json.statusCode).toBe(415);
    expect(json.json().title).toBe('请以 multipart/form-data 上传文件（字段 object 和 file）。');
    const boundary = 'xx';
    const fileFirst = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname\nA\r\n--${boundary}\r\nContent-Disposition: form-data; name="object"\r\n\r\ncontacts\r\n--${boundary}--\r\n`);
    const ff = await rawUpload(admin, fileFirst, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(ff.statusCode).toBe(422);
    expect(ff.json().errors[0]).toMatchObject({ field: 'object', code: 'import.objectFirst' });
    expect((await upload(admin, 'nothing', 'a.csv', csv([['name'], ['a']]))).statusCode).toBe(404);
    expect((await upload(admin, 'contacts', 'a.csv', Buffer.alloc(0))).json().code).toBe('import.emptyFile');
    expect((await upload(admin, 'contacts', 'a.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 7)]))).json().code).toBe('import.badFile');
    const enc = await upload(admin, 'contacts', 'a.csv', csv([['name'], ['a']]), { encoding: 'klingon' });
    expect([enc.statusCode, enc.json().errors[0].code]).toEqual([422, 'import.badEncoding']);
    expect((await upload(admin, 'contacts', 'a.csv', csv([['name'], ['a']]), { delimiter: '""' })).statusCode).toBe(422);
    const up = (await upload(admin, 'contacts', 'a.csv', csv([['姓名', '手机'], ['张伟', '13812345678']]))).json();
    const bad = await admin.post(`/api/v1/imports/${up.id}/start`, {
      mapping: [{ field: 'nope', columns: ['姓名'] }, { field: 'mobile', columns: ['missing'] }, { field: 'mobile', columns: ['手机'] }, { field: 'title', columns: ['手机'], match: 'name' }, { field: 'createdAt', value: 'x' }],
      duplicatePolicy: 'skip',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: any) => e.code).sort()).toEqual(['import.badMatch', 'import.badTarget', 'import.badTarget', 'import.duplicateTarget', 'import.matchFieldsRequired', 'import.nameRequired', 'import.unknownColumn'].sort());
    expect(bad.json().errors.find((e: any) => e.code === 'import.unknownColumn').message).toBe('文件中没有名为“missing”的列。');
    expect((await admin.get(`/api/v1/imports/${up.id}`)).json().status).toBe('uploaded');
    const nul = await admin.post(`/api/v1/imports/${up.id}/start`, { mapping: [{ field: 'name', columns: ['姓名\u0000'] }] });
    expect([nul.statusCode, nul.json().errors?.[0]?.code]).toEqual([422, 'field.badCharacters']);
    const ok = await startAndWait(admin, up.id, { mapping: up.suggestedMapping });
    expect(ok).toMatchObject({ status: 'done', created: 1 });
    expect((await admin.post(`/api/v1/imports/${up.id}/start`, { mapping: up.suggestedMapping })).statusCode).toBe(409);
    const rep = await addUser(env, ws, 'rep');
    expect((await rep.client.get(`/api/v1/imports/${up.id}`)).statusCode).toBe(404);
    await withTenant(env.db, ws.workspaceId, async (trx) => {
      await sql`update roles set permissions = jsonb_set(permissions, '{*,import}', '"none"') where workspace_id = ${ws.workspaceId}::uuid and id = ${ws.roleIds.rep}::uuid`.execute(trx);
      await bumpConfigVersion(trx, ws.workspaceId);
    });
    expect((await upload(rep.client, 'contacts', 'a.csv', csv([['name'], ['a']]))).statusCode).toBe(403);
    expect(await listAll(admin, 'contacts')).toHaveLength(1);
  });

  it('survives the naughty strings as cells, names and template names', async () => {
    const { admin } = await newWorkspace(env);
    const blns: string[] = JSON.parse(fs.readFileSync(fixture('naughty-strings/blns.json'), 'utf8'));
    const rows = blns.map((s, i) => [String(i), s]);
    // Browsers percent-encode quotes and line breaks in the file name of a multipart part; the rest goes through as is.
    const up = await upload(admin, 'contacts', `${blns[100].replace(/["\r\n\\]/g, '_')}.csv`, csv([['ref', 'name'], ...rows]));
    expect(up.statusCode, up.body).toBe(201);
    const imp = up.json();
    const done = await startAndWait(admin, imp.id, { mapping: [{ field: 'name', columns: ['name'] }, { field: 'description', columns: ['ref'] }], saveAsTemplate: blns[200] });
    expect(done.status).toBe('done');
    expect(done.created + done.failed).toBe(blns.length);
    expect(done.created).toBeGreaterThan(blns.length * 0.9);
    const contacts = await listAll(admin, 'contacts');
    const byRef = new Map(contacts.map((c) => [c.description, c.name]));
    // eslint-disable-next-line no-control-regex -- NUL cannot be stored; the importer drops it
    for (const [i, s] of blns.entries()) if (byRef.has(String(i))) expect(byRef.get(String(i))).toBe(s.replace(/\u0000/g, '').trim());
    const errors = (await admin.get(`/api/v1/imports/${imp.id}/errors?limit=1000`)).json().data.filter((e: any) => e.severity === 'error');
    expect(errors).toHaveLength(done.failed);
    for (const s of blns.slice(0, 60)) {
      const t = await admin.post('/api/v1/import-templates', { object: 'contacts', name: s || 'x', mapping: [{ field: 'name', columns: [s || 'x'] }] });
      expect([201, 422], s).toContain(t.statusCode);
      const q = await admin.get(`/api/v1/search?q=${encodeURIComponent(s || 'x')}`);
      expect([200, 400], s).toContain(q.statusCode);
    }
  }, 300_000);

  it('imports XLSX into a custom object, GBK and UTF-16 text with their separators, with preview and templates', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    await addCustomObject(env, ws.workspaceId, 'projects', 'Project');
    await addCustomField(env, ws.workspaceId, 'projects', 'budget', 'currency', '预算');
    await addCustomField(env, ws.workspaceId, 'projects', 'startDate', 'date', '开始日期');
    await addCustomField(env, ws.workspaceId, 'projects', 'phase', 'select', '阶段', { options: [{ value: 'plan', label: { 'zh-CN': '计划', 'en-US': 'Plan' } }, { value: 'build', label: { 'zh-CN': '实施', 'en-US': 'Build' } }] });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('项目');
    sheet.addRow(['名称', '预算', '开始日期', '阶段']);
    sheet.addRow(['智慧园区一期', 1234567.5, new Date(Date.UTC(2026, 0, 31)), '计划']);
    sheet.addRow(['ＥＲＰ 升级', '¥5万', '2026/3/1', 'Build']);
    sheet.addRow(['坏数据', 'abc', '2026-02-30', '未知']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const up = (await upload(admin, 'projects', 'projects.xlsx', xlsx)).json();
    expect(up).toMatchObject({ format: 'xlsx', columns: ['名称', '预算', '开始日期', '阶段'] });
    expect(up.suggestedMapping.map((m: any) => m.field)).toEqual(['name', 'budget', 'startDate', 'phase']);
    const preview = await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: up.suggestedMapping });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().data.map((r: any) => [r.row, r.action])).toEqual([[2, 'create'], [3, 'create'], [4, 'error']]);
    expect(preview.json().data[2].issues.map((i: any) => i.column).sort()).toEqual(['阶段', '预算', '开始日期'].sort());
    expect(await listAll(admin, 'projects')).toHaveLength(0);
    const done = await startAndWait(admin, up.id, { mapping: up.suggestedMapping, saveAsTemplate: '项目表' });
    expect(done).toMatchObject({ created: 2, failed: 1 });
    const projects = await listAll(admin, 'projects');
    expect(projects.find((p) => p.name === '智慧园区一期')).toMatchObject({ budget: '1234567.5', startDate: '2026-01-31', phase: 'plan' });
    expect(projects.find((p) => p.name === 'ＥＲＰ 升级')).toMatchObject({ budget: '50000', startDate: '2026-03-01', phase: 'build' });
    const again = (await upload(admin, 'projects', 'again.xlsx', xlsx)).json();
    expect(again.templateId).toBeTruthy();
    const templates = (await admin.get('/api/v1/import-templates?object=projects')).json().data;
    expect(templates.map((t: any) => t.name)).toEqual(['项目表']);
    expect((await admin.delete(`/api/v1/import-templates/${templates[0].id}`)).statusCode).toBe(204);
    expect((await admin.post(`/api/v1/imports/${again.id}/cancel`)).json().status).toBe('cancelled');
    expect((await admin.post(`/api/v1/imports/${again.id}/start`, { mapping: again.suggestedMapping })).statusCode).toBe(409);

    const gbk = iconv.encode('姓名;手机;邮箱\n张伟;138 1234 5678;ZW@Example.CN\n李娜;13900001111;ln@example.cn\n张伟;13800000000;zw@example.cn\n', 'gbk');
    const g = (await upload(admin, 'contacts', 'gbk.csv', gbk)).json();
    expect(g).toMatchObject({ encoding: 'gb18030', delimiter: ';', columns: ['姓名', '手机', '邮箱'] });
    expect(await startAndWait(admin, g.id, { mapping: g.suggestedMapping, duplicatePolicy: 'skip', matchFields: ['email'] })).toMatchObject({ created: 2, skipped: 1 });
    const tsv = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Name\tE-mail Address\tMobile Phone\n张伟\tzw@example.cn\t13812345678\n王芳\twf@example.cn\t13700000000\n', 'utf16le')]);
    const t = (await upload(admin, 'contacts', 'outlook.txt', tsv)).json();
    expect(t).toMatchObject({ encoding: 'utf16le', delimiter: '\t' });
    expect(await startAndWait(admin, t.id, { mapping: t.suggestedMapping, duplicatePolicy: 'update', matchFields: ['email'] })).toMatchObject({ created: 1, updated: 1 });
    const contacts = await listAll(admin, 'contacts');
    expect(contacts.map((c) => [c.name, c.email, c.mobile]).sort()).toEqual([
      ['张伟', 'zw@example.cn', '13812345678'], ['李娜', 'ln@example.cn', '13900001111'], ['王芳', 'wf@example.cn', '13700000000']].sort());
  });
  it('recognises the column names of Gmail, Outlook, Thunderbird, HubSpot and Salesforce exports', async () => {
    const { admin } = await newWorkspace(env);
    const fields = async (file: string, object = 'contacts', data?: Buffer) => {
      const up = data ? await upload(admin, object, file, data) : await upload(admin, object, file, fs.readFileSync(fixture(`vcard/roundcube/Csv2vcard/${file}`)));
      expect(up.statusCode, up.body).toBe(201);
      return Object.fromEntries(up.json().suggestedMapping.map((m: any) => [m.field, m.columns]));
    };
    expect(await fields('gmail.csv')).toMatchObject({ name: ['Name'], email: expect.arrayContaining(['E-mail 1 - Value']), birthday: ['Birthday'], description: ['Notes'], title: ['Organization 1 - Title'], accountId: ['Organization 1 - Name'] });
    expect(await fields('outlook.csv')).toMatchObject({ email: ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'] });
    const tb = await fields('tb_plain.csv');
    expect(tb).toMatchObject({ name: ['Display Name'], email: ['Primary Email', 'Secondary Email'], mobile: ['Mobile Number'], phone: ['Work Phone', 'Home Phone'], title: ['Job Title'], accountId: ['Organization'] });
    const outlook = await fields('all.csv');
    expect(outlook).toMatchObject({ name: ['Display Name'], title: ['Job Title', 'Title'], accountId: ['Company'], mobile: ['Home Mobile'], gender: ['Gender'] });
    const hubspot = Buffer.from('Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Job Title,Company Name,Contact owner,Lifecycle Stage\n1,Ada,Lovelace,ada@example.com,+44 20 7946 0000,,Countess,Analytical Engines,,lead\n');
    expect(await fields('hubspot.csv', 'contacts', hubspot)).toMatchObject({
      $externalId: ['Record ID'], name: ['First Name', 'Last Name'], email: ['Email'], phone: ['Phone Number'], mobile: ['Mobile Phone Number'],
      title: ['Job Title'], accountId: ['Company Name'], ownerId: ['Contact owner'],
    });
    const sfLead = Buffer.from('ID,FIRSTNAME,LASTNAME,COMPANY,TITLE,EMAIL,PHONE,MOBILEPHONE,LEADSOURCE,STATUS,INDUSTRY\n00Q1,Jane,Roe,Acme,CTO,j@acme.com,(415) 555-0100,,Web,Open - Not Contacted,Technology\n');
    expect(await fields('lead.csv', 'leads', sfLead)).toMatchObject({ $externalId: ['ID'], company: ['COMPANY'], source: ['LEADSOURCE'], status: ['STATUS'], industry: ['INDUSTRY'], mobile: ['MOBILEPHONE'], phone: ['PHONE'] });
  });

  it('matches phone numbers written with or without +86 when updating duplicates', async () => {
    const { admin } = await newWorkspace(env);
    const zw = (await admin.post('/api/v1/contacts', { name: '张伟', mobile: '13812345678' })).json();
    const ln = (await admin.post('/api/v1/contacts', { name: '李娜', mobile: '+8613900001111', phone: '021-61234567' })).json();
    const up = (await upload(admin, 'contacts', 'phones.csv', csv([['姓名', '手机', '职务'], ['张伟', '+86 138 1234 5678', '经理'], ['李娜', '139 0000 1111', '总监'], ['王芳', '13700000000', '助理']]))).json();
    expect(up.suggestedMapping.map((m: any) => m.field)).toEqual(['name', 'mobile', 'title']);
    expect(await startAndWait(admin, up.id, { mapping: up.suggestedMapping, duplicatePolicy: 'update', matchFields: ['mobile'] })).toMatchObject({ created: 1, updated: 2, failed: 0 });
    const land = (await upload(admin, 'contacts', 'land.csv', csv([['电话', '职务'], ['+86 21 6123 4567', 'VP']]))).json();
    expect(await startAndWait(admin, land.id, { mapping: land.suggestedMapping, duplicatePolicy: 'update', matchFields: ['phone'] })).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const byId = new Map((await listAll(admin, 'contacts')).map((c) => [c.id, c]));
    expect(byId.size).toBe(3);
    // Matched, then updated with the file's values: its spelling of the number included.
    expect(byId.get(zw.id)).toMatchObject({ mobile: '+8613812345678', title: '经理' });
    expect(byId.get(ln.id)).toMatchObject({ name: '李娜', mobile: '13900001111', phone: '+862161234567', title: 'VP' });
  });

  it('detects every encoding and stores no byte-order mark or ideographic space at either end of any value', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const rows = [['名称', '备注', '行业'], ['\uFEFF星辰科技\u3000', '\uFEFF第一行 Crème brûlée “quoted” €5', '\uFEFFIT'], ['\u3000北辰𠀀集团', '\u3000说明\uFEFF', '制造业']];
    const text = stringify(rows);
    const files: [string, Buffer, string][] = [
      ['utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf8'],
      ['utf16le-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'utf16le'],
      ['utf16be-nobom.csv', iconv.encode(text, 'utf16be'), 'utf16be'],
      ['gb18030.csv', iconv.encode(text, 'gb18030'), 'gb18030'],
    ];
    for (const [name, data, encoding] of files) {
      const up = (await upload(admin, 'accounts', name, data)).json();
      expect([up.encoding, up.columns], name).toEqual([encoding, ['名称', '备注', '行业']]);
      const mapping = [...up.suggestedMapping, { field: 'source', value: '\uFEFFweb\u3000' }];
      expect(await startAndWait(admin, up.id, { mapping }), name).toMatchObject({ created: 2, failed: 0 });
    }
    const latin = Buffer.from(iconv.encode('Name;Description\nCrème brûlée;“quoted” €5\n', 'windows-1252'));
    const w = (await upload(admin, 'accounts', 'latin.csv', latin)).json();
    expect([w.encoding, w.delimiter]).toEqual(['windows1252', ';']);
    expect(await startAndWait(admin, w.id, { mapping: w.suggestedMapping })).toMatchObject({ created: 1 });
    const accounts = await listAll(admin, 'accounts');
    const got = accounts.map((a) => [a.name, a.description, a.industry, a.source]).sort();
    expect(got).toEqual([
      ...Array(4).fill(['北辰𠀀集团', '说明', 'manufacturing', 'web']),
      ...Array(4).fill(['星辰科技', '第一行 Crème brûlée “quoted” €5', 'it', 'web']),
      ['Crème brûlée', '“quoted” €5', null, null],
    ].sort());
    // What the database holds, not what the driver hands back: PGlite drops a leading U+FEFF when it reads text.
    const marked = await withTenant(env.db, ws.workspaceId, (trx) => sql<{ n: number }>`select count(*)::int as n from accounts
      where workspace_id = ${ws.workspaceId}::uuid and (left(name, 1) in (chr(65279), chr(12288)) or left(description, 1) in (chr(65279), chr(12288))
        or right(name, 1) in (chr(65279), chr(12288)) or right(description, 1) in (chr(65279), chr(12288)) or left(source, 1) = chr(65279))`.execute(trx));
    expect(marked.rows[0].n).toBe(0);
  });

  it('at import scope own, imports rows owned by the importer and never writes someone else\'s', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    // The default rep role: import, create, read and update at scope own.
    const rep = await addUser(env, ws, 'rep', { name: 'Importer' });
    const colleague = await addUser(env, ws, 'rep', { name: 'Colleague' });
    const theirs = (await admin.post('/api/v1/contacts', { name: 'Colleague customer', mobile: '13900000001', title: 'kept', ownerId: colleague.id })).json();
    const up = (await upload(rep.client, 'contacts', 'mine.csv', csv([
      ['name', 'mobile', 'title', 'owner'],
      ['No owner given', '13900000002', 'x', ''],
      ['Owned by me', '13900000003', 'x', rep.email],
      ['For my colleague', '13900000004', 'x', colleague.email],
      ['Colleague customer', '13900000001', 'overwritten', ''],
    ]))).json();
    const mapping = [{ field: 'name', columns: ['name'] }, { field: 'mobile', columns: ['mobile'] }, { field: 'title', columns: ['title'] },
      { field: 'ownerId', columns: ['owner'], match: 'email', onMissing: 'ignore' }];
    const done = await startAndWait(rep.client, up.id, { mapping, duplicatePolicy: 'update', matchFields: ['mobile'] });
    // The colleague's record is not among those the rep may update, so its row makes a new record of the rep's own.
    expect(done).toMatchObject({ status: 'done', created: 3, updated: 0, failed: 1 });
    const errors = (await rep.client.get(`/api/v1/imports/${up.id}/errors`)).json().data.filter((e: any) => e.severity === 'error');
    // Rows are numbered as in a spreadsheet, the header being row 1.
    expect(errors.map((e: any) => [e.row, e.field, e.code])).toEqual([[4, 'ownerId', 'field.forbidden']]);
    const all = await listAll(admin, 'contacts');
    const created = all.filter((c) => c.createdBy === rep.id);
    expect(created.map((c) => [c.name, c.ownerId]).sort()).toEqual([
      ['Colleague customer', rep.id], ['No owner given', rep.id], ['Owned by me', rep.id],
    ]);
    expect(all.some((c) => c.ownerId === colleague.id && c.id !== theirs.id)).toBe(false);
    expect((await admin.get(`/api/v1/contacts/${theirs.id}`)).json()).toMatchObject({ title: 'kept', version: 1, ownerId: colleague.id });
  });
});
