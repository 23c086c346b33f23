import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type Client, type TestEnv } from './helpers.js';
import { addCustomField, addCustomObject, listAll, startAndWait, upload } from './dataio-fixtures.js';

interface Field { apiName: string; type: string; required?: boolean; readonly?: boolean; system?: boolean; label: string; options?: any }

/** A value a field accepts, as a spreadsheet would hold it. */
function cell(f: Field, targets: Map<string, string>, i: number): string {
  switch (f.type) {
    case 'number': case 'currency': case 'percent': return String(10 + i);
    case 'date': return `2026-05-0${1 + i}`;
    case 'datetime': return `2026-05-0${1 + i} 09:30`;
    case 'boolean': return 'true';
    case 'select': return f.options?.options?.[0]?.value ?? '';
    case 'relation': return targets.get(f.options?.target) ?? '';
    case 'email': return `row${i}@example.cn`;
    case 'phone': return `1380013800${i}`;
    default: return f.apiName === 'currency' ? 'CNY' : `导入 ${f.apiName} ${i}`;
  }
}

/** Columns some objects need besides their required fields (their hooks' rules: a signed contract, a company invoice title). */
const EXTRA: Record<string, Record<string, (i: number) => string>> = {
  contracts: { status: () => 'signed', amount: () => '100000', signDate: () => '2026-05-01' },
  invoices: { title: () => '上海星辰科技有限公司', taxNumber: () => '91310000MA1FL0001X' },
  targets: { year: () => '2026', month: (i) => String(5 + i) },
};

describe.skipIf(SKIP)('import into every object', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  async function objects(c: Client) {
    const res = await c.get('/api/v1/metadata/objects');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as { apiName: string }[];
  }

  it('takes a CSV and an XLSX file for each standard and custom object', { timeout: 300_000 }, async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    await addCustomObject(env, ws.workspaceId, 'projects', 'Project');
    await addCustomField(env, ws.workspaceId, 'projects', 'budget', 'currency', 'Budget');
    const all = (await objects(admin)).map((o) => o.apiName);
    // Objects whose required relations point at others come after those.
    const order = [...all.filter((o) => !['paymentPlans', 'payments'].includes(o)), 'paymentPlans', 'payments'].filter((o) => all.includes(o));
    expect(order).toEqual(expect.arrayContaining(['accounts', 'contacts', 'leads', 'opportunities', 'activities', 'tasks', 'products', 'quotes', 'contracts', 'projects']));
    const targets = new Map<string, string>();
    for (const object of order) {
      const meta = (await admin.get(`/api/v1/metadata/objects/${object}`)).json();
      const fields = (meta.fields as Field[]).filter((f) => (f.required || f.apiName === 'name') && !f.readonly && !f.system);
      const extra = EXTRA[object] ?? {};
      const header = [...fields.map((f) => f.apiName).filter((n) => !(n in extra)), ...Object.keys(extra)];
      const byName = new Map(fields.map((f) => [f.apiName, f]));
      const rows = [0, 1, 2].map((i) => header.map((n) => (n === 'name' ? `${object} 导入 ${i}` : n in extra ? extra[n](i) : cell(byName.get(n)!, targets, i))));
      const mapping = header.map((n) => ({ field: n, columns: [n], ...(byName.get(n)?.type === 'relation' ? { match: 'name', onMissing: 'error' as const } : {}) }));
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Sheet1');
      sheet.addRow(header);
      sheet.addRow(rows[2]);
      const files: [string, Buffer][] = [[`${object}.csv`, Buffer.from(stringify([header, rows[0], rows[1]]))], [`${object}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer())]];
      for (const [name, data] of files) {
        const up = await upload(admin, object, name, data);
        expect(up.statusCode, `${name}: ${up.body}`).toBe(201);
        const done = await startAndWait(admin, up.json().id, { mapping });
        const errors = (await admin.get(`/api/v1/imports/${up.json().id}/errors`)).json().data;
        expect([done.status, done.error, done.failed, errors.map((e: any) => `${e.field} ${e.code} ${e.value}`)], name).toEqual(['done', null, 0, []]);
        expect(done.created, name).toBe(name.endsWith('.csv') ? 2 : 1);
      }
      const names = (await listAll(admin, object)).map((r) => r.name).sort();
      expect(names, object).toEqual([0, 1, 2].map((i) => `${object} 导入 ${i}`));
      targets.set(object, names[0]);
    }
  });
});
