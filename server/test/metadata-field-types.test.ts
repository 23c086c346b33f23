import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/platform/i18n/i18n.js';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { addField } from './metadata-support.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const opt = (value: string, zh: string, en: string, disabled = false) => ({ value, label: L(zh, en), ...(disabled ? { disabled } : {}) });
const NO_ID = '0190a5b0-0000-7000-8000-000000000000';

/** One custom field per type on accounts: a definition, a good value (and how it comes back), bad values and their errors. */
function typeCases(ids: { admin: string; dept: string; account: string }) {
  return [
    { def: { apiName: 'code', type: 'text', options: { maxLength: 10 } }, good: ' abc ', back: 'abc', bad: [[123, 'field.type.text'], ['x'.repeat(11), 'field.tooLong', { max: 10 }]] },
    { def: { apiName: 'notes', type: 'longText' }, good: '第一行\n第二行', back: '第一行\n第二行', bad: [[{}, 'field.type.text']] },
    { def: { apiName: 'intro', type: 'richText' }, good: '<p>你好</p>', back: '<p>你好</p>', bad: [[5, 'field.type.text']] },
    { def: { apiName: 'seats', type: 'number', options: { scale: 0, min: 0, max: 1000 } }, good: 12, back: 12, bad: [['abc', 'field.type.number'], [-1, 'field.min', { min: 0 }], [1.5, 'field.scale', { scale: 0 }]] },
    { def: { apiName: 'budget', type: 'currency', options: { precision: 8, scale: 2 } }, good: '1999.90', back: '1999.9', bad: [['1.234', 'field.scale', { scale: 2 }], [1000000, 'field.precision', { digits: 6 }], [true, 'field.type.number']] },
    { def: { apiName: 'share', type: 'percent' }, good: 12.5, back: '12.5', bad: [[101, 'field.max', { max: 100 }], ['1e3', 'field.type.number']] },
    { def: { apiName: 'signedOn', type: 'date' }, good: '2024-02-29', back: '2024-02-29', bad: [['2026-02-30', 'field.type.date'], ['2026/01/01', 'field.type.date']] },
    { def: { apiName: 'meetAt', type: 'datetime' }, good: '2026-01-31T09:30:00+08:00', back: '2026-01-31T01:30:00.000Z', bad: [['tomorrow', 'field.type.datetime'], ['2026-01-31 09:30', 'field.type.datetime']] },
    { def: { apiName: 'vip', type: 'boolean' }, good: false, back: false, bad: [['yes', 'field.type.boolean'], [1, 'field.type.boolean']] },
    {
      def: { apiName: 'tier', type: 'select', options: [opt('gold', '金牌', 'Gold'), opt('silver', '银牌', 'Silver'), opt('old', '旧', 'Old', true)] },
      good: 'gold', back: 'gold', bad: [['bronze', 'field.option', { value: 'bronze' }], ['old', 'field.option', { value: 'old' }], [['gold'], 'field.type.select']],
    },
    {
      def: { apiName: 'regions', type: 'multiSelect', options: { options: [opt('north', '华北', 'North'), opt('south', '华南', 'South')] } },
      good: ['north', 'south', 'north'], back: ['north', 'south'], bad: [['north', 'field.type.multiSelect'], [['west'], 'field.option', { value: 'west' }]],
    },
    { def: { apiName: 'hotline', type: 'phone' }, good: '138 1234 5678', back: '13812345678', bad: [['12345', 'field.type.phone'], ['电话', 'field.type.phone']] },
    { def: { apiName: 'billingEmail', type: 'email' }, good: ' Zhang.Wei@Example.COM ', back: 'zhang.wei@example.com', bad: [['zhang@', 'field.type.email'], ['a b@c.com', 'field.type.email']] },
    { def: { apiName: 'homepage', type: 'url' }, good: 'https://例子.cn/路径', back: 'https://xn--fsqu00a.cn/%E8%B7%AF%E5%BE%84', bad: [['javascript:alert(1)', 'field.type.url'], ['example.com', 'field.type.url']] },
    {
      def: { apiName: 'office', type: 'address' }, good: { province: '广东省', city: '深圳市', district: '南山区', street: '科技园 1 号' },
      back: { province: '广东省', city: '深圳市', district: '南山区', street: '科技园 1 号' }, bad: [[{ planet: 'Mars' }, 'field.type.address'], ['广东省深圳市', 'field.type.address']],
    },
    { def: { apiName: 'reviewer', type: 'user' }, good: ids.admin, back: ids.admin, bad: [['me', 'field.type.reference']] },
    { def: { apiName: 'team', type: 'department' }, good: ids.dept, back: ids.dept, bad: [[42, 'field.type.reference']] },
    { def: { apiName: 'parent', type: 'relation', options: { target: 'accounts' } }, good: ids.account, back: ids.account, bad: [['x', 'field.type.reference']] },
    { def: { apiName: 'contractScan', type: 'file' }, good: NO_ID, back: NO_ID, bad: [['scan.pdf', 'field.type.reference']] },
    { def: { apiName: 'serial', type: 'autoNumber', options: { prefix: 'KH-', digits: 5 } }, good: undefined, back: 'KH-00001', bad: [['KH-1', 'field.readonly']] },
    { def: { apiName: 'perSeat', type: 'formula', options: { expression: 'budget / seats', scale: 2 } }, good: undefined, back: '166.66', bad: [[1, 'field.readonly']] },
  ] as const;
}

describe.skipIf(SKIP)('metadata: custom field types', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('every type accepts good values and rejects bad ones with localised field errors', async () => {
    const w = await newWorkspace(env);
    const account = (await w.admin.post('/api/v1/accounts', { name: '母公司' })).json();
    const cases = typeCases({ admin: w.adminId, dept: w.rootDepartmentId, account: account.id });
    for (const c of cases) await addField(w.admin, 'accounts', c.def);

    const good: Record<string, unknown> = { name: '深圳前海科技' };
    for (const c of cases) if (c.good !== undefined) good[c.def.apiName] = c.good;
    const created = await w.admin.post('/api/v1/accounts', good);
    expect(created.statusCode, created.body).toBe(201);
    for (const c of cases) expect(created.json()[c.def.apiName], c.def.apiName).toEqual(c.back);
    const read = (await w.admin.get(`/api/v1/accounts/${created.json().id}`)).json();
    for (const c of cases) expect(read[c.def.apiName], c.def.apiName).toEqual(c.back);

    for (const lang of ['zh-CN', 'en-US'] as const) {
      w.admin.lang = lang;
      const rounds = Math.max(...cases.map((c) => c.bad.length));
      for (let i = 0; i < rounds; i++) {
        const body: Record<string, unknown> = { name: '坏数据' };
        const expected = cases.filter((c) => c.bad[i]).map((c) => ({ field: c.def.apiName, bad: c.bad[i] }));
        for (const e of expected) body[e.field] = e.bad[0];
        const res = await w.admin.post('/api/v1/accounts', body);
        expect(res.statusCode, res.body).toBe(422);
        const errors = res.json().errors as { field: string; code: string; message: string; params?: Record<string, unknown> }[];
        for (const e of expected) {
          const got = errors.find((x) => x.field === e.field);
          expect(got, `${e.field} ${JSON.stringify(e.bad[0])}`).toMatchObject({ code: e.bad[1] });
          const params = (e.bad[2] ?? {}) as Record<string, unknown>;
          expect(got!.message).toBe(t(lang, e.bad[1], params));
        }
        expect(errors).toHaveLength(expected.length);
      }
    }
    // References are checked once the values parse: every missing one is reported together.
    w.admin.lang = 'zh-CN';
    const missing = await w.admin.post('/api/v1/accounts', { name: 'x', reviewer: NO_ID, team: NO_ID, parent: NO_ID });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: any) => [e.field, e.code]).sort()).toEqual([['parent', 'field.notFound'], ['reviewer', 'field.notFound'], ['team', 'field.notFound']]);
    expect(missing.json().errors[0].message).toBe(t('zh-CN', 'field.notFound'));
    expect(t('zh-CN', 'field.notFound')).not.toBe(t('en-US', 'field.notFound'));
    expect(t('zh-CN', 'field.precision', { digits: 6 })).toBe('整数部分最多 6 位。');
    const list = (await w.admin.get('/api/v1/accounts?limit=100')).json().data;
    expect(list.map((r: any) => r.name).sort()).toEqual(['母公司', '深圳前海科技']);
  });

  it('updates custom values, keeps types strict on PATCH and evolves select options', async () => {
    const w = await newWorkspace(env);
    await addField(w.admin, 'accounts', { apiName: 'tier', type: 'select', options: [opt('gold', '金牌', 'Gold'), opt('silver', '银牌', 'Silver')] });
    const acc = (await w.admin.post('/api/v1/accounts', { name: 'A', tier: 'silver' })).json();
    // Rename one option, disable another, add a third; removing one is refused.
    const removed = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/tier', { options: [opt('gold', '金牌', 'Gold')] });
    expect(removed.statusCode).toBe(422);
    expect(removed.json().errors[0]).toMatchObject({ field: 'options.options', code: 'metadata.options.choiceRemoved', params: { value: 'silver' } });
    const patched = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/tier', {
      options: [opt('gold', '黄金', 'Golden'), opt('silver', '银牌', 'Silver', true), opt('platinum', '白金', 'Platinum')],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().options.options.map((o: any) => [o.value, o.label['en-US'], !!o.disabled])).toEqual([['gold', 'Golden', false], ['silver', 'Silver', true], ['platinum', 'Platinum', false]]);
    expect((await w.admin.get(`/api/v1/accounts/${acc.id}`)).json().tier).toBe('silver');
    expect((await w.admin.patch(`/api/v1/accounts/${acc.id}`, { tier: 'platinum' })).json().tier).toBe('platinum');
    const back = await w.admin.patch(`/api/v1/accounts/${acc.id}`, { tier: 'silver' });
    expect(back.json().errors[0]).toMatchObject({ field: 'tier', code: 'field.option' });
    const typeChange = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/tier', { type: 'text' });
    expect(typeChange.statusCode).toBe(422);
    expect(typeChange.json()).toMatchObject({ code: 'metadata.typeChange', detail: 'The type of "tier" cannot change from select to text. Create a new field and move the values instead.' });
    const rename = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/tier', { apiName: 'grade' });
    expect(rename.json().errors[0].code).toBe('metadata.apiNameChange');
  });

  it('validates field definitions', async () => {
    const w = await newWorkspace(env);
    w.admin.lang = 'zh-CN';
    const bad: [Record<string, unknown>, string, string][] = [
      [{ apiName: 'Code', type: 'text' }, 'apiName', 'metadata.apiName.format'],
      [{ apiName: 'x'.repeat(41), type: 'text' }, 'apiName', 'metadata.apiName.format'],
      [{ apiName: 'phone', type: 'text' }, 'apiName', 'metadata.fieldExists'],
      [{ apiName: 'deletedAt', type: 'text' }, 'apiName', 'metadata.apiName.reserved'],
      [{ apiName: 'toString', type: 'text' }, 'apiName', 'metadata.apiName.reserved'],
      [{ apiName: 'creditcode', type: 'text' }, 'apiName', 'metadata.fieldExists'],
      [{ apiName: 'code', type: 'integer' }, 'type', 'metadata.type.unknown'],
      [{ apiName: 'code', type: 'text', options: { maxLength: 0 } }, 'options.maxLength', 'metadata.options.integer'],
      [{ apiName: 'code', type: 'text', options: { colour: 'red' } }, 'options.colour', 'metadata.options.unknown'],
      [{ apiName: 'n', type: 'number', options: { min: 10, max: 1 } }, 'options.min', 'metadata.options.minMax'],
      [{ apiName: 'n', type: 'number', options: { precision: 2, scale: 4 } }, 'options.precision', 'metadata.options.precisionScale'],
      [{ apiName: 'p', type: 'percent', options: { max: 200 } }, 'options.max', 'metadata.options.number'],
      [{ apiName: 's', type: 'select' }, 'options.options', 'metadata.options.choicesRequired'],
      [{ apiName: 's', type: 'select', options: [opt('a', 'A', 'A'), opt('a', 'B', 'B')] }, 'options.options.1.value', 'metadata.options.duplicateValue'],
      [{ apiName: 's', type: 'select', options: [{ value: ' a', label: L('A', 'A') }] }, 'options.options.0.value', 'metadata.options.choiceValue'],
      [{ apiName: 'r', type: 'relation', options: { target: 'nothing' } }, 'options.target', 'metadata.options.target'],
      [{ apiName: 'r', type: 'relation' }, 'options.target', 'metadata.options.target'],
      [{ apiName: 'c', type: 'currency', options: { currency: 'rmb' } }, 'options.currency', 'metadata.options.currency'],
      [{ apiName: 'a', type: 'autoNumber', options: { reset: 'daily', dateFormat: 'YYYYMM' } }, 'options.dateFormat', 'metadata.options.resetNeedsDate'],
      [{ apiName: 'a', type: 'autoNumber', options: { dateFormat: 'hh:mm' } }, 'options.dateFormat', 'metadata.options.dateFormat'],
      [{ apiName: 'a', type: 'autoNumber', options: { reset: 'hourly' } }, 'options.reset', 'metadata.options.reset'],
      [{ apiName: 'a', type: 'autoNumber', required: true }, 'required', 'metadata.computedRequired'],
      [{ apiName: 'f', type: 'formula', options: { expression: 'amount * ' } }, 'options.expression', 'metadata.formula.incomplete'],
      [{ apiName: 'f', type: 'formula', options: { expression: 'require("fs")' } }, 'options.expression', 'metadata.formula.unexpected'],
      [{ apiName: 'f', type: 'formula', options: { expression: 'nothing * 2' } }, 'options.expression', 'metadata.formula.unknownField'],
      [{ apiName: 'f', type: 'formula', options: { expression: 'name * 2' } }, 'options.expression', 'metadata.formula.fieldType'],
      [{ apiName: 'u', type: 'boolean', unique: true }, 'unique', 'metadata.uniqueType'],
    ];
    for (const [def, field, code] of bad) {
      const res = await w.admin.post('/api/v1/metadata/objects/accounts/fields', { label: L('字段', 'Field'), ...def });
      expect([409, 422], JSON.stringify(def)).toContain(res.statusCode);
      expect(res.json().errors?.find((e: any) => e.field === field), `${JSON.stringify(def)} → ${res.body}`).toMatchObject({ code });
    }
    const msg = (await w.admin.post('/api/v1/metadata/objects/accounts/fields', { apiName: 'f', type: 'formula', label: L('f', 'f'), options: { expression: 'a $ b' } })).json();
    expect(msg.errors[0].message).toBe('公式第 3 个字符处的“$”无法识别。只能使用数字、字段名、+ - * / 和括号。');
    const fields = (await w.admin.get('/api/v1/metadata/objects/accounts')).json().fields;
    expect(fields.filter((f: any) => f.isCustom)).toEqual([]);
  });

  it('lets standard fields change only labels and select options', async () => {
    const w = await newWorkspace(env);
    const label = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/industry', { label: { 'zh-CN': '所属行业' } });
    expect(label.statusCode, label.body).toBe(200);
    expect(label.json().label).toEqual(L('所属行业', 'Industry'));
    const codeOptions = label.json().options.options;
    const options = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/industry', {
      options: [...codeOptions.map((o: any) => (o.value === 'finance' ? { ...o, disabled: true } : o)), opt('energy', '能源', 'Energy')],
    });
    expect(options.statusCode, options.body).toBe(200);
    expect((await w.admin.post('/api/v1/accounts', { name: 'E', industry: 'energy' })).statusCode).toBe(201);
    expect((await w.admin.post('/api/v1/accounts', { name: 'F', industry: 'finance' })).json().errors[0].code).toBe('field.option');
    for (const body of [{ required: true }, { unique: true }, { sensitive: true }, { filterable: false }]) {
      const res = await w.admin.patch('/api/v1/metadata/objects/accounts/fields/industry', body);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].code).toBe('metadata.standardFieldLocked');
    }
    expect((await w.admin.patch('/api/v1/metadata/objects/accounts/fields/website', { options: { maxLength: 5 } })).json().errors[0].code).toBe('metadata.standardFieldLocked');
    expect((await w.admin.delete('/api/v1/metadata/objects/accounts/fields/industry')).json().code).toBe('metadata.standardFieldRetire');
    expect((await w.admin.patch('/api/v1/metadata/objects/accounts/fields/nothing', { label: L('x', 'x') })).statusCode).toBe(404);
  });
});
