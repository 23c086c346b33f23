import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { FIXTURES, listAll, startAndWait, upload, uploadFixture } from './dataio-fixtures.js';

const VCARDS = path.join(FIXTURES, 'vcard');

function vcfFiles(dir = VCARDS): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? vcfFiles(path.join(dir, d.name))
    : d.name.endsWith('.vcf') ? [path.join(dir, d.name)] : [])).sort();
}

/** Cards in a file, counted from its BEGIN lines (the UTF-16 sample decoded first). */
function cardCount(file: string): number {
  const b = fs.readFileSync(file);
  const text = b[0] === 0 && b[1] !== 0 ? iconv.decode(b, 'utf16be') : b.toString('latin1');
  return (text.match(/^BEGIN:VCARD\s*$/gim) ?? []).length;
}

/** Cards that name no one: no FN, N, ORG, NICKNAME, e-mail or phone. */
const NAMELESS: Record<string, number> = { 'v21_android_custom_prop.vcf': 1, 'photo-base64.vcf': 1 };

describe.skipIf(SKIP)('vCard import and export', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('imports every vCard fixture: 2.1 / 3.0 / 4.0, charsets, quoted-printable, folding, nesting', async () => {
    const { admin } = await newWorkspace(env);
    const files = vcfFiles();
    expect(files).toHaveLength(82);
    let total = 0;
    for (const f of files) {
      const rel = path.relative(FIXTURES, f);
      const up = await uploadFixture(admin, 'contacts', rel);
      expect(up.statusCode, `${rel}: ${up.body}`).toBe(201);
      expect(up.json().format, rel).toBe('vcard');
      const n = cardCount(f);
      const done = await startAndWait(admin, up.json().id, { mapping: up.json().suggestedMapping });
      const nameless = NAMELESS[path.basename(f)] ?? 0;
      const report = done.failed !== nameless ? JSON.stringify((await admin.get(`/api/v1/imports/${up.json().id}/errors`)).json().data) : '';
      expect([done.status, done.created, done.failed], `${rel} ${report}`).toEqual(['done', n - nameless, nameless]);
      if (nameless) {
        const errors = (await admin.get(`/api/v1/imports/${up.json().id}/errors`)).json().data.filter((e: any) => e.severity === 'error');
        expect(errors.map((e: any) => [e.field, e.code]), rel).toEqual([['name', 'field.required']]);
      }
      total += n - nameless;
    }
    const contacts = await listAll(admin, 'contacts');
    expect(contacts).toHaveLength(total);
    const names = new Set(contacts.map((c) => c.name));
    for (const n of ['安藤ロイド', '安藤 ロイド 1', '伊能 圭一 伊予', '山田太郎', 'Ǽgean ĽdaMonté', 'Hans-Peter Mustermann', 'nest1', 'nest2', 'parent', 'Nick', 'John Doë', 'Ämi Display']) {
      expect(names.has(n), n).toBe(true);
    }
    const by = (n: string) => contacts.find((c) => c.name === n);
    expect(by('安藤 ロイド 1')).toMatchObject({ description: 'メモ' });
    expect(by('Conference Call')?.description).toBe('This is an (sharp ->#<- sharp) example. This message must NOT be ignored.');
    expect(by('Hans-Peter Mustermann')).toMatchObject({ title: 'CTO' });
    expect(by('Omega')).toMatchObject({ email: 'omega@example.com' });
    expect(by('Greg Dartmouth')).toMatchObject({ title: 'TheJobTitle', birthday: '1960-09-10', email: 'gdartmouth@hotmail.com' });
    expect(by('Simon Perreault')).toMatchObject({ gender: 'male', phone: '+14186569254' });
    expect(by('Mr. Michael Angstadt Jr.')?.description).toBe('This is the NOTE field\t\r\nI assume it encodes this text inside a NOTE vCard type.\r\nBut I\'m not sure because there\'s text formatting going on here.\r\nIt does not preserve the formatting');
  }, 600_000);

  it('links cards to accounts by organisation and matches duplicates by UID on re-import', async () => {
    const { admin } = await newWorkspace(env);
    const ibm = (await admin.post('/api/v1/accounts', { name: 'IBM' })).json();
    const up = (await uploadFixture(admin, 'contacts', 'vcard/ez-vcard/John_Doe_EVOLUTION.vcf')).json();
    const m = Object.fromEntries(up.suggestedMapping.map((e: any) => [e.field, e]));
    expect(m.accountId).toMatchObject({ columns: ['Organization'], match: 'name', onMissing: 'ignore' });
    expect(m.$externalId.columns).toEqual(['UID']);
    await startAndWait(admin, up.id, { mapping: up.suggestedMapping });
    const again = (await uploadFixture(admin, 'contacts', 'vcard/ez-vcard/John_Doe_EVOLUTION.vcf')).json();
    const done = await startAndWait(admin, again.id, { mapping: again.suggestedMapping, duplicatePolicy: 'update', matchFields: ['$externalId'] });
    expect(done).toMatchObject({ created: 0, updated: 1 });
    const [c] = await listAll(admin, 'contacts');
    expect(c).toMatchObject({ accountId: ibm.id, title: 'Money Counter', mobile: '+19056661234', phone: '+19055551234', email: 'john.doe@ibm.com', birthday: '1980-03-22' });
  });

  it.each(['2.1', '3.0', '4.0'])('exports vCard %s that reads back the same', async (version) => {
    const { admin } = await newWorkspace(env);
    const acct = (await admin.post('/api/v1/accounts', { name: '上海星辰科技有限公司' })).json();
    const people = [
      { name: '张伟', accountId: acct.id, title: '销售总监; 华东区', mobile: '13812345678', phone: '021-61234567', email: 'zhang.wei@xingchen.cn', birthday: '1985-04-15', description: '第一行\n第二行, 还有;分号\\反斜杠', wechat: 'zw_1985' },
      { name: 'Zoë Crédito-Ñandú', mobile: '+14155550123', email: 'zoe@example.com', gender: 'female', description: 'A line that is quite long so that it has to be folded somewhere past seventy-five octets, mixing 中文 in.' },
    ];
    for (const p of people) expect((await admin.post('/api/v1/contacts', p)).statusCode).toBe(201);
    const res = await admin.get(`/api/v1/contacts/export?format=vcf&version=${version}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(res.body.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(2);
    expect(res.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 76)).toBe(true);
    const other = await newWorkspace(env);
    await other.admin.post('/api/v1/accounts', { name: '上海星辰科技有限公司' });
    const up = await upload(other.admin, 'contacts', `contacts.vcf`, Buffer.from(res.body, 'utf8'));
    expect(up.statusCode, up.body).toBe(201);
    expect(await startAndWait(other.admin, up.json().id, { mapping: up.json().suggestedMapping })).toMatchObject({ created: 2, failed: 0 });
    const back = await listAll(other.admin, 'contacts');
    for (const p of people) {
      const { accountId: _a, gender, ...rest } = p;
      const got = back.find((c) => c.name === p.name);
      expect(got, p.name).toMatchObject(rest);
      if (version === '4.0' && gender) expect(got.gender).toBe(gender);
      if (p.accountId) expect(got.accountId).toBeTruthy();
    }
  });
});
