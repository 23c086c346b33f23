import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { addCustomField, countRows, fixture, listAll as all, startAndWait as start, uploadFixture, waitImport } from './dataio-fixtures.js';

describe.skipIf(SKIP)('import: Atomic CRM contacts CSV', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  const csv: Record<string, string>[] = parse(fs.readFileSync(fixture('atomic-crm-csv/contacts.csv')), { columns: true });

  it('suggests the mapping, links companies by name, reports bad references and imports the rest', async () => {
    const { admin } = await newWorkspace(env);
    const companies = ['Gottlieb and Sons', 'Schmitt and Sons', 'Brekke, Dietrich and Klein'];
    for (const name of companies) expect((await admin.post('/api/v1/accounts', { name })).statusCode).toBe(201);
    const up = await uploadFixture(admin, 'contacts', 'atomic-crm-csv/contacts.csv');
    expect(up.statusCode, up.body).toBe(201);
    const imp = up.json();
    expect(imp).toMatchObject({ format: 'csv', encoding: 'utf8', delimiter: ',' });
    expect(imp.columns).toHaveLength(24);
    const byField = Object.fromEntries(imp.suggestedMapping.map((m: any) => [m.field, m]));
    expect(byField.name).toMatchObject({ columns: ['first_name', 'last_name'], combine: 'person' });
    expect(byField.email.columns).toEqual(['email_work', 'email_home', 'email_other']);
    expect(byField.phone.columns).toEqual(['phone_work', 'phone_home', 'phone_other']);
    expect(byField.accountId).toMatchObject({ match: 'name', onMissing: 'error' });
    expect(byField.$externalId.columns).toEqual(['id']);
    expect(byField.description.columns).toEqual(['background']);
    // The company id column would match accounts by external id; the name column is the one to use here.
    const mapping = imp.suggestedMapping.map((m: any) => (m.field === 'accountId' ? { ...m, columns: ['company_name'] } : m))
      .filter((m: any) => m.field !== 'gender');
    const done = await start(admin, imp.id, { mapping, duplicatePolicy: 'create' });
    expect(done.status).toBe('done');
    const linked = csv.filter((r) => companies.includes(r.company_name));
    expect(done).toMatchObject({ processed: csv.length, created: linked.length, failed: csv.length - linked.length, skipped: 0 });
    const errors = (await admin.get(`/api/v1/imports/${imp.id}/errors?limit=1000`)).json().data;
    const bad = errors.filter((e: any) => e.severity === 'error');
    expect(bad).toHaveLength(csv.length - linked.length);
    expect(bad[0]).toMatchObject({ column: 'company_name', field: 'accountId', code: 'field.notFound', message: 'The referenced record does not exist or you cannot see it.' });
    expect(bad[0].value).toBe(csv[bad[0].row - 2].company_name);
    // The "sales" column names a user this workspace does not have: the importer keeps the records.
    expect(errors.filter((e: any) => e.severity === 'warning').every((e: any) => e.field === 'ownerId' && e.code === 'import.referenceNotFound')).toBe(true);
    const contacts = await all(admin, 'contacts');
    expect(contacts).toHaveLength(linked.length);
    const faith = contacts.find((c) => c.name === 'Faith Leuschke');
    expect(faith).toMatchObject({ title: 'Cross-media', email: 'faith72@yahoo.com', description: 'Autem consequuntur voluptas molestiae.' });
    const report = await admin.get(`/api/v1/imports/${imp.id}/errors.csv`);
    expect(report.statusCode).toBe(200);
    expect(report.body.startsWith('\uFEFFRow,Column,Field,Value,Reason')).toBe(true);
    expect(report.body.split('\n').filter(Boolean)).toHaveLength(1 + errors.length);
  });

  it('creates the companies the rows name, drops bad values with a warning, and undo removes exactly what it made', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const kept = (await admin.post('/api/v1/accounts', { name: 'Gottlieb and Sons' })).json();
    const up = (await uploadFixture(admin, 'contacts', 'atomic-crm-csv/contacts.csv')).json();
    const mapping = up.suggestedMapping.map((m: any) => (m.field === 'accountId' ? { ...m, columns: ['company_name'], onMissing: 'create' } : m));
    const done = await start(admin, up.id, { mapping, options: { invalidValues: 'drop' } });
    expect(done).toMatchObject({ status: 'done', processed: 500, created: 500, failed: 0 });
    const companies = new Set(csv.map((r) => r.company_name));
    expect(await countRows(env, ws.workspaceId, 'accounts')).toBe(companies.size);
    const warnings = (await admin.get(`/api/v1/imports/${up.id}/errors?limit=1000`)).json().data;
    const nonbinary = csv.filter((r) => r.gender === 'nonbinary').length;
    expect(nonbinary).toBeGreaterThan(0);
    expect(warnings.filter((w: any) => w.field === 'gender').map((w: any) => [w.severity, w.value, w.code])).toEqual(Array(nonbinary).fill(['warning', 'nonbinary', 'field.option']));
    const contacts = await all(admin, 'contacts');
    const accounts = new Map((await all(admin, 'accounts')).map((a) => [a.id, a.name]));
    for (const r of csv) {
      const c = contacts.find((x) => x.name === `${r.first_name} ${r.last_name}` && accounts.get(x.accountId) === r.company_name);
      expect(c, `${r.first_name} ${r.last_name}`).toBeTruthy();
      expect(c.gender).toBe(r.gender === 'nonbinary' ? null : r.gender);
    }
    expect(contacts.filter((c) => c.accountId === kept.id)).toHaveLength(csv.filter((r) => r.company_name === 'Gottlieb and Sons').length);
    // A company the import created that a new contact now belongs to stays after the undo.
    const made = [...accounts].find(([id]) => id !== kept.id)!;
    const later = (await admin.post('/api/v1/contacts', { name: 'Later Contact', accountId: made[0] })).json();
    expect((await admin.post(`/api/v1/imports/${up.id}/undo`)).statusCode).toBe(202);
    expect((await waitImport(admin, up.id)).status).toBe('undone');
    expect((await all(admin, 'contacts')).map((c) => c.id)).toEqual([later.id]);
    expect((await all(admin, 'accounts')).map((a) => a.name).sort()).toEqual(['Gottlieb and Sons', made[1]].sort());
  });

  it('imports the two-row Atomic CRM export: names, coalesced e-mails and phones, multi-value tags', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    await addCustomField(env, ws.workspaceId, 'contacts', 'tags', 'multiSelect', 'Tags', { options: [], free: true });
    const acme = (await admin.post('/api/v1/accounts', { name: 'Acme' })).json();
    const up = (await uploadFixture(admin, 'contacts', 'atomic-crm-csv/contacts_export_sample.csv')).json();
    expect(up.columns).toHaveLength(18);
    const done = await start(admin, up.id, { mapping: up.suggestedMapping });
    expect(done).toMatchObject({ status: 'done', processed: 2, created: 2, failed: 0 });
    const byName = Object.fromEntries((await all(admin, 'contacts')).map((c) => [c.name, c]));
    expect(byName['John Doe']).toMatchObject({
      accountId: acme.id, title: 'Sales Executive', gender: 'male', email: 'john@doe.example', phone: '+16599802015', tags: ['influencer', 'developer'],
    });
    expect(byName['Jane Doe']).toMatchObject({ accountId: acme.id, title: 'Designer', gender: 'female', email: 'jane@doe.example', phone: '+16599802020', tags: ['UI', 'design'] });
  });
});
