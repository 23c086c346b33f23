import fs from 'node:fs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { addCustomField, adjust, fixture, listAll, setTimeZone, startAndWait, uploadFixture } from './dataio-fixtures.js';

const SF = 'salesforce-dataloader-csv';
const sfRows = (rel: string, encoding = 'utf8'): Record<string, string>[] =>
  parse(iconv.decode(fs.readFileSync(fixture(`${SF}/${rel}`)), encoding), { columns: true, bom: true });

describe.skipIf(SKIP)('import: Salesforce Data Loader CSVs', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('imports the Windows-1252 account export, then opportunities linked by Salesforce id', async () => {
    const { admin } = await newWorkspace(env);
    const up = await uploadFixture(admin, 'accounts', `${SF}/samples/accountData.csv`);
    expect(up.statusCode, up.body).toBe(201);
    const imp = up.json();
    expect(imp).toMatchObject({ encoding: 'windows1252', delimiter: ',', format: 'csv' });
    expect(imp.columns).toHaveLength(38);
    const m = Object.fromEntries(imp.suggestedMapping.map((e: any) => [e.field, e.columns]));
    expect(m).toMatchObject({
      $externalId: ['ID'], name: ['NAME'], phone: ['PHONE'], website: ['WEBSITE'], industry: ['INDUSTRY'], level: ['RATING'],
      description: ['DESCRIPTION'], 'address.street': ['BILLINGSTREET'], 'address.city': ['BILLINGCITY'], 'address.country': ['BILLINGCOUNTRY'],
    });
    const src = sfRows('samples/accountData.csv', 'windows-1252');
    // Industries this workspace has no option for go to "other" through the mapping's value map.
    const values = Object.fromEntries(src.map((r) => r.INDUSTRY).filter((v) => v && !['Technology', 'Manufacturing'].includes(v)).map((v) => [v, 'other']));
    const mapping = imp.suggestedMapping.map((e: any) => (e.field === 'industry' ? { ...e, values } : e));
    const done = await startAndWait(admin, imp.id, { mapping });
    const report = (await admin.get(`/api/v1/imports/${imp.id}/errors?limit=1000`)).json().data;
    expect(report.map((e: any) => `${e.row} ${e.column} ${e.code}`)).toEqual([]);
    expect(done).toMatchObject({ status: 'done', processed: src.length, created: src.length, failed: 0 });
    expect(src).toHaveLength(423);
    const accounts = await listAll(admin, 'accounts');
    const byName = new Map(accounts.map((a) => [a.name, a]));
    for (const r of src) {
      const a = accounts.find((x) => x.name === r.NAME && (x.address?.street ?? '') === r.BILLINGSTREET.trim());
      expect(a, `${r.NAME} / ${r.BILLINGSTREET}`).toBeTruthy();
      expect(a.address?.city ?? '').toBe(r.BILLINGCITY.trim());
    }
    expect(byName.has('Crédito Inmobiliario Terras') && byName.has('Pébéo of America')).toBe(true);
    expect(accounts.some((a) => a.address?.street?.includes('Paseo de la Castellana, Nº 77'))).toBe(true);
    const madrid = src.find((r) => r.BILLINGSTREET.includes('San Romualdo'))!;
    expect(byName.get(madrid.NAME)?.address.street).toBe('00045844 c/ San Romualdo, 26 5º');
    const sfdc = src.find((r) => r.WEBSITE === 'http://www.salesforce.com')!;
    expect(byName.get(sfdc.NAME)).toMatchObject({ phone: '+14159017000', website: 'http://www.salesforce.com/' });
    const rated = src.filter((r) => r.RATING);
    expect(rated.length).toBeGreaterThan(0);
    for (const r of rated) expect(byName.get(r.NAME)?.level).toBe({ Hot: 'A', Warm: 'B', Cold: 'C' }[r.RATING]);

    const opp = await uploadFixture(admin, 'opportunities', `${SF}/samples/opportunityData.csv`);
    const oimp = opp.json();
    const om = Object.fromEntries(oimp.suggestedMapping.map((e: any) => [e.field, e]));
    expect(om.accountId).toMatchObject({ columns: ['ACCOUNTID'], match: 'externalId' });
    expect(om.stage.columns).toEqual(['STAGENAME']);
    const odone = await startAndWait(admin, oimp.id, { mapping: oimp.suggestedMapping });
    const osrc = sfRows('samples/opportunityData.csv', 'windows-1252');
    const oerr = (await admin.get(`/api/v1/imports/${oimp.id}/errors?limit=1000`)).json().data;
    expect(oerr.map((e: any) => `${e.row} ${e.column} ${e.code} ${e.value}`)).toEqual([]);
    expect(odone).toMatchObject({ status: 'done', created: 38, failed: 0 });
    const opps = await listAll(admin, 'opportunities');
    const acctName = new Map(src.map((r) => [r.ID, r.NAME]));
    const byId = new Map(accounts.map((a) => [a.id, a.name]));
    const want = osrc.map((o) => [o.NAME, o.AMOUNT ? Number(o.AMOUNT).toFixed(2) : null, acctName.get(o.ACCOUNTID), o.CLOSEDATE].join(' | ')).sort();
    const got = opps.map((x) => [x.name, x.amount, byId.get(x.accountId), x.expectedCloseDate].join(' | ')).sort();
    expect(got).toEqual(want);
    const stages = Object.fromEntries(osrc.map((o) => [o.STAGENAME, opps.find((x) => x.name === o.NAME)!.stage]));
    expect(stages).toMatchObject({ Prospecting: 'qualification', 'Closed Won': 'won', 'Negotiation/Review': 'negotiation', 'Proposal/Price Quote': 'proposal' });
  });

  it('decodes byte-order marks in UTF-8, UTF-16 and UTF-32, and separators', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    await addCustomField(env, ws.workspaceId, 'accounts', 'column2', 'text', 'Column 2');
    const expected = [['row1-1', 'row1-2'], ['row2-1', 'row2-2']];
    const files = ['csvtext.csv', 'csvtext_BOM_UTF8.csv', 'csvtext_BOM_UTF16LE.csv', 'csvtext_BOM_UTF16BE.csv', 'csvtext_BOM_UTF32LE.csv', 'csvtext_BOM_UTF32BE.csv'];
    const encodings = ['utf8', 'utf8', 'utf16le', 'utf16be', 'utf32le', 'utf32be'];
    for (const [i, f] of files.entries()) {
      const up = await uploadFixture(admin, 'accounts', `${SF}/testfiles/${f}`);
      expect(up.statusCode, `${f}: ${up.body}`).toBe(201);
      const imp = up.json();
      expect(imp.encoding, f).toBe(encodings[i]);
      expect(imp.columns, f).toEqual(['column1', 'column2', 'column3']);
      const done = await startAndWait(admin, imp.id, { mapping: [{ field: 'name', columns: ['column1'] }, { field: 'column2', columns: ['column2'] }] });
      expect(done, f).toMatchObject({ status: 'done', created: 2 });
    }
    const accounts = await listAll(admin, 'accounts');
    expect(accounts).toHaveLength(12);
    for (const [n, c2] of expected) expect(accounts.filter((a) => a.name === n && a.column2 === c2)).toHaveLength(6);

    const quotes = await uploadFixture(admin, 'accounts', `${SF}/testfiles/csvEscapedQuotes.csv`);
    await startAndWait(admin, quotes.json().id, { mapping: [{ field: 'name', columns: ['column1'] }] });
    const names = (await listAll(admin, 'accounts')).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['"The Best" Account', 'The "Best" Account']));

    const sep = await uploadFixture(admin, 'accounts', `${SF}/testfiles/csvSeparator.csv`);
    expect(sep.json().columns).toEqual(['column1', 'column2!some', 'column3']);
    const bang = await uploadFixture(admin, 'accounts', `${SF}/testfiles/csvSeparator.csv`, { delimiter: '!' });
    expect(bang.json().columns).toEqual(['column1,column2', 'some,column3']);
    expect(bang.json().preview.map((r: any) => r.cells)).toEqual([['col11,col12', 'somev1,col13'], ['col21,col22', 'somev2,col23']]);
    const before = new Set((await listAll(admin, 'accounts')).map((a) => a.id));
    expect(await startAndWait(admin, sep.json().id, { mapping: [{ field: 'name', columns: ['column1'] }, { field: 'column2', columns: ['column2!some'] }] })).toMatchObject({ created: 2, failed: 0 });
    expect(await startAndWait(admin, bang.json().id, { mapping: [{ field: 'name', columns: ['column1,column2'] }, { field: 'column2', columns: ['some,column3'] }] })).toMatchObject({ created: 2, failed: 0 });
    const added = (await listAll(admin, 'accounts')).filter((a) => !before.has(a.id)).map((a) => [a.name, a.column2]).sort();
    expect(added).toEqual([['col11', 'col12!somev1'], ['col11,col12', 'somev1,col13'], ['col21', 'col22!somev2'], ['col21,col22', 'somev2,col23']]);
  });

  it('reads dates with and without zones, and reports bad ones while good rows import', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    await setTimeZone(env, ws.workspaceId, ws.adminId, 'Asia/Shanghai');
    await addCustomField(env, ws.workspaceId, 'accounts', 'date', 'datetime', 'Date');
    await addCustomField(env, ws.workspaceId, 'accounts', 'dateOnly', 'date', 'Date only');
    const cases: [string, string, (string | undefined)[][]][] = [
      ['dateEndingInZ.csv', 'account insert #0', [['2010-10-14T12:00:00.000Z', '2010-10-14']]],
      ['dateUsingDefaultTimeZone.csv', 'account insert #0', [['2010-10-14T04:00:00.000Z', '2010-10-14']]],
      ['dateWithTimeZone.csv', 'account insert #0', [['2010-10-14T15:00:00.000Z', '2010-10-14'], ['2010-10-14T15:00:00.000Z', '2010-10-14']]],
      ['dateOnlyWithTimeZone.csv', 'account insert #0', [[undefined, '2010-10-14'], [undefined, '2010-10-14']]],
    ];
    for (const [file, , rows] of cases) {
      const before = new Set((await listAll(admin, 'accounts')).map((a) => a.id));
      const up = (await uploadFixture(admin, 'accounts', `${SF}/testfiles/${file}`)).json();
      const byField = Object.fromEntries(up.suggestedMapping.map((e: any) => [e.field, e.columns]));
      expect(byField.dateOnly, file).toEqual(['DATE_ONLY']);
      const done = await startAndWait(admin, up.id, { mapping: up.suggestedMapping });
      expect(done, file).toMatchObject({ status: 'done', created: rows.length, failed: 0 });
      const added = (await listAll(admin, 'accounts')).filter((a) => !before.has(a.id)).sort((a, b) => a.name.localeCompare(b.name));
      expect(added.map((a) => [a.date ?? undefined, a.dateOnly]), file).toEqual(rows);
      expect(added[0].phone).toBe('+14155550000');
    }
    const t = (await uploadFixture(admin, 'tasks', `${SF}/testfiles/timeZoneFormatTesting.csv`)).json();
    expect(t.suggestedMapping).toEqual([{ field: 'name', columns: ['Name'] }, { field: 'dueAt', columns: ['Date'] }]);
    expect(await startAndWait(admin, t.id, { mapping: t.suggestedMapping })).toMatchObject({ created: 12, failed: 0 });
    const due = Object.fromEntries((await listAll(admin, 'tasks')).map((x) => [x.name, x.dueAt]));
    expect(due).toMatchObject({
      A: '2009-07-14T18:14:45.000Z', B: '2009-07-14T06:14:45.000Z', C: '2009-07-14T12:14:45.000Z', D: '2009-07-14T14:14:45.000Z',
      E: '2009-07-14T10:14:45.000Z', F: '2009-07-14T12:14:45.000Z', AT: '2009-07-14T18:14:45.000Z', FT: '2009-07-14T12:14:45.000Z',
    });
    const bad = (await uploadFixture(admin, 'tasks', `${SF}/testfiles/timeZoneFormatTestingWithErrors.csv`)).json();
    expect(await startAndWait(admin, bad.id, { mapping: bad.suggestedMapping })).toMatchObject({ status: 'done', created: 4, failed: 2 });
    const errors = (await admin.get(`/api/v1/imports/${bad.id}/errors`)).json().data;
    expect(errors.map((e: any) => [e.row, e.column, e.value, e.code])).toEqual([
      [3, 'Date', '2009\\7\\14 22:14:45+0800', 'field.type.datetime'], [4, 'Date', '2009-07/14 02:14:45-0800', 'field.type.datetime']]);
  });

  it('trims ideographic spaces, upserts by a match field, undoes the update, keeps rich text and drops bad values', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    await addCustomField(env, ws.workspaceId, 'accounts', 'accountNumber', 'text', 'Account number');
    await addCustomField(env, ws.workspaceId, 'accounts', 'oracleId', 'text', 'Oracle id');
    await addCustomField(env, ws.workspaceId, 'accounts', 'annualRevenue', 'currency', 'Annual revenue');
    await addCustomField(env, ws.workspaceId, 'accounts', 'richtext', 'richText', 'Rich text');
    const ins = (await uploadFixture(admin, 'accounts', `${SF}/testfiles/insertAccountCsv.csv`)).json();
    expect(ins.suggestedMapping.map((e: any) => e.field).sort()).toEqual(['accountNumber', 'annualRevenue', 'name', 'oracleId', 'phone', 'website']);
    expect(await startAndWait(admin, ins.id, { mapping: ins.suggestedMapping })).toMatchObject({ created: 100, failed: 0 });
    const ups = (await uploadFixture(admin, 'accounts', `${SF}/testfiles/upsertAccountCsvTemplate.csv`)).json();
    const done = await startAndWait(admin, ups.id, { mapping: ups.suggestedMapping, duplicatePolicy: 'update', matchFields: ['accountNumber'] });
    expect(done).toMatchObject({ status: 'done', created: 0, updated: 100, failed: 0 });
    let accounts = await listAll(admin, 'accounts');
    expect(accounts).toHaveLength(100);
    const first = accounts.find((a) => a.accountNumber === 'ACCT_0');
    expect(first).toMatchObject({ name: 'account Upsert #0', oracleId: '1-000000', annualRevenue: '0' });
    expect(accounts.find((a) => a.accountNumber === 'ACCT_99')).toMatchObject({ annualRevenue: '99000', website: 'http://www.accountupsert99.com/' });
    expect((await admin.post(`/api/v1/imports/${ups.id}/undo`)).statusCode).toBe(202);
    const undone = await (await import('./dataio-fixtures.js')).waitImport(admin, ups.id);
    expect(undone.status).toBe('undone');
    accounts = await listAll(admin, 'accounts');
    expect(accounts.find((a) => a.accountNumber === 'ACCT_0')).toMatchObject({ name: 'account insert #0', oracleId: '1-00000' });

    const rtf = (await uploadFixture(admin, 'accounts', `${SF}/testfiles/acctsWithBinaryDataInRTF.csv`)).json();
    expect(await startAndWait(admin, rtf.id, { mapping: rtf.suggestedMapping })).toMatchObject({ created: 1 });
    const img = (await listAll(admin, 'accounts')).find((a) => a.name === 'Company A');
    expect(img.richtext).toMatch(/^<img alt="testBinaryDataInRTF" src="data:image\/png;base64,iVBOR.*CYII"><\/img>$/);

    const empty = (await uploadFixture(admin, 'accounts', `${SF}/testfiles/emptyFirstRowFieldValueInCsvTemplate.csv`)).json();
    const strict = await startAndWait(admin, empty.id, { mapping: empty.suggestedMapping });
    expect(strict).toMatchObject({ created: 1, failed: 1 });
    const lenient = (await uploadFixture(admin, 'accounts', `${SF}/testfiles/emptyFirstRowFieldValueInCsvTemplate.csv`)).json();
    expect(await startAndWait(admin, lenient.id, { mapping: adjust(lenient.suggestedMapping, {}), options: { invalidValues: 'drop' } })).toMatchObject({ created: 2, failed: 0 });
    const warn = (await admin.get(`/api/v1/imports/${lenient.id}/errors`)).json().data;
    expect(warn).toEqual([expect.objectContaining({ row: 3, column: 'WEBSITE', value: 'updated', severity: 'warning', code: 'field.type.url' })]);

    const contact = await admin.post('/api/v1/contacts', { name: 'Who', email: 'contactFor@PolymorphicMappingOfTask.com' });
    const task = (await uploadFixture(admin, 'tasks', `${SF}/testfiles/insertTaskWithContactAsWhoCsv.csv`)).json();
    expect(task.suggestedMapping).toEqual([{ field: 'name', columns: ['Subject'] }, { field: 'contactId', columns: ['Who:Contact-email'], match: 'email', onMissing: 'error' }]);
    expect(await startAndWait(admin, task.id, { mapping: task.suggestedMapping })).toMatchObject({ created: 1, failed: 0 });
    expect((await listAll(admin, 'tasks'))[0]).toMatchObject({ name: 'testPolymorphicLookup', contactId: contact.json().id });
  });
});

