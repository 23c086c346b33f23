import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, get, naughtyStrings, patch, pdfText } from './finance-fixtures.js';

const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

describe.skipIf(SKIP)('products, price books and quotes', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('computes quote totals on the server, exact to the cent: 3 × 100 at 10% off and 13% tax is 305.10', async () => {
    const { admin } = await newWorkspace(env);
    const product = await create(admin, 'products', { name: '企业版订阅 Enterprise', code: 'ENT-1', unit: '年', price: '100.00', currency: 'CNY' });
    const quote = await create(admin, 'quotes', { name: '星辰科技 年度订阅报价' });
    expect(quote).toMatchObject({ status: 'draft', revision: 1, total: '0.00' });
    expect(quote.number).toBe(`BJ-${today()}-0001`);
    const res = await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: product.id, quantity: 3, discountRate: 10, taxRate: '13' }] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ subtotal: '300.00', discountAmount: '30.00', taxAmount: '35.10', total: '305.10', version: 2 });
    expect(body.lines).toEqual([expect.objectContaining({ name: '企业版订阅 Enterprise', unit: '年', quantity: '3', unitPrice: '100.00', subtotal: '300.00', discountAmount: '30.00', taxAmount: '35.10', amount: '305.10' })]);
    expect(res.headers.etag).toBe('"2"');
    expect(await get(admin, 'quotes', quote.id)).toMatchObject({ total: '305.10' });

    // Totals sum the lines' rounded amounts; 0.1 + 0.2 style float errors cannot creep in.
    const many = Array.from({ length: 10 }, (_, i) => ({ name: `Item ${i}`, quantity: '1', unitPrice: '0.10', taxRate: '6' }));
    const res2 = await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: many });
    expect(res2.json()).toMatchObject({ subtotal: '1.00', taxAmount: '0.10', total: '1.10' });
    const lines = await admin.get(`/api/v1/quotes/${quote.id}/lines`);
    expect(lines.json().data).toHaveLength(10);
  });

  it('never takes totals from the client and rejects bad lines with localised errors, changing nothing', async () => {
    const { admin } = await newWorkspace(env);
    const unlisted = await create(admin, 'products', { name: '停产型号 X1', price: '50', isListed: false });
    const quote = await create(admin, 'quotes', { name: 'Q' });
    const forged = await admin.post('/api/v1/quotes', { name: 'forged', total: '1.00', subtotal: '1.00' });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().errors.map((e: any) => e.field).sort()).toEqual(['subtotal', 'total']);
    expect((await admin.patch(`/api/v1/quotes/${quote.id}`, { total: '9' })).statusCode).toBe(422);
    admin.lang = 'zh-CN';
    const bad = await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, {
      lines: [
        { name: 'a', quantity: '-1', unitPrice: '1' },
        { name: 'b', quantity: '1', unitPrice: '1.234' },
        { productId: unlisted.id, quantity: 1 },
        { quantity: 1, unitPrice: 1 },
        { name: 'c', quantity: 1, unitPrice: 1, taxRate: 101, bogus: 1 },
        { name: 'd', quantity: 1 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    const errs = bad.json().errors as { field: string; code: string; message: string }[];
    expect(errs.map((e) => e.field).sort()).toEqual(['lines[0].quantity', 'lines[1].unitPrice', 'lines[3].name', 'lines[4].bogus', 'lines[4].taxRate']);
    const second = await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: unlisted.id, quantity: 1 }, { name: 'd', quantity: 1 }] });
    expect(second.json().errors).toEqual([
      expect.objectContaining({ field: 'lines[0].productId', code: 'finance.line.productUnlisted', message: '产品“停产型号 X1”已下架，不能加入报价单。' }),
      expect.objectContaining({ field: 'lines[1].unitPrice', code: 'finance.line.noPrice' }),
    ]);
    expect(await get(admin, 'quotes', quote.id)).toMatchObject({ version: 1, total: '0.00' });
    expect((await admin.get(`/api/v1/quotes/${quote.id}/lines`)).json().data).toEqual([]);
    const stale = await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [] }, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
  });

  it('organises products in nested categories with units and a listed flag', async () => {
    const { admin } = await newWorkspace(env);
    const software = await create(admin, 'productCategories', { name: '软件 Software' });
    const saas = await create(admin, 'productCategories', { name: 'SaaS', parentId: software.id });
    const cycle = await admin.patch(`/api/v1/productCategories/${software.id}`, { parentId: saas.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().errors[0]).toMatchObject({ field: 'parentId', code: 'finance.category.cycle' });
    expect((await admin.patch(`/api/v1/productCategories/${software.id}`, { parentId: software.id })).statusCode).toBe(422);
    await create(admin, 'products', { name: '云盘 Drive', categoryId: saas.id, unit: '用户', price: '30.00', isListed: true });
    await create(admin, 'products', { name: '旧版 Legacy', categoryId: saas.id, unit: 'licence', price: '10.00', isListed: false });
    const listed = await admin.get(`/api/v1/products?filter=${encodeURIComponent(JSON.stringify({ and: [{ field: 'categoryId', op: 'eq', value: saas.id }, { field: 'isListed', op: 'eq', value: true }] }))}`);
    expect(listed.json().data.map((p: any) => [p.name, p.unit])).toEqual([['云盘 Drive', '用户']]);
    expect((await admin.post('/api/v1/products', { name: 'neg', price: '-1' })).json().errors[0]).toMatchObject({ field: 'price', code: 'field.min' });
  });

  it('prices lines from the quote\'s price book in its currency', async () => {
    const { admin } = await newWorkspace(env);
    const p = await create(admin, 'products', { name: 'Widget', price: '10.00', currency: 'CNY' });
    const book = await create(admin, 'priceBooks', { name: 'USD list', currency: 'USD' });
    const put = await admin.request('PUT', `/api/v1/priceBooks/${book.id}/entries`, { entries: [{ productId: p.id, unitPrice: '1.50' }] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data).toEqual([{ productId: p.id, productName: 'Widget', productCode: null, unitPrice: '1.50' }]);
    const dup = await admin.request('PUT', `/api/v1/priceBooks/${book.id}/entries`, { entries: [{ productId: p.id, unitPrice: '1' }, { productId: p.id, unitPrice: '2' }] });
    expect(dup.statusCode).toBe(422);
    expect((await admin.patch(`/api/v1/priceBooks/${book.id}`, { currency: 'EUR' })).statusCode).toBe(422);
    const quote = await create(admin, 'quotes', { name: 'USD quote', priceBookId: book.id });
    expect(quote.currency).toBe('USD');
    const lines = await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: p.id, quantity: '4' }] });
    expect(lines.json()).toMatchObject({ total: '6.00' });
    const mismatch = await admin.post('/api/v1/quotes', { name: 'x', priceBookId: book.id, currency: 'CNY' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors[0]).toMatchObject({ field: 'priceBookId', code: 'finance.quote.priceBookCurrency' });
    expect((await admin.post('/api/v1/products', { name: 'y', currency: 'rmb' })).json().errors[0].code).toBe('finance.currency.invalid');
  });

  it('keeps revisions under one number, copies lines and supersedes the old revision', async () => {
    const { admin } = await newWorkspace(env);
    const q1 = await create(admin, 'quotes', { name: 'Rev test', validUntil: '2026-12-31' });
    await admin.request('PUT', `/api/v1/quotes/${q1.id}/lines`, { lines: [{ name: 'Service', quantity: 2, unitPrice: '50', taxRate: 6 }] });
    const sent = await patch(admin, 'quotes', q1.id, { status: 'sent' });
    expect(sent.total).toBe('106.00');
    const locked = await admin.request('PUT', `/api/v1/quotes/${q1.id}/lines`, { lines: [] });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('finance.quote.locked');
    const rev = await admin.post(`/api/v1/quotes/${q1.id}/revise`);
    expect(rev.statusCode, rev.body).toBe(201);
    const q2 = rev.json();
    expect(q2).toMatchObject({ number: q1.number, revision: 2, previousQuoteId: q1.id, status: 'draft', total: '106.00', validUntil: '2026-12-31' });
    expect(q2.lines).toHaveLength(1);
    expect(await get(admin, 'quotes', q1.id)).toMatchObject({ status: 'superseded' });
    expect((await admin.post(`/api/v1/quotes/${q1.id}/revise`)).statusCode).toBe(409);
    admin.lang = 'zh-CN';
    const toSuperseded = await admin.patch(`/api/v1/quotes/${q2.id}`, { status: 'superseded' });
    expect(toSuperseded.statusCode).toBe(409);
    await patch(admin, 'quotes', q2.id, { status: 'accepted' });
    const back = await admin.patch(`/api/v1/quotes/${q2.id}`, { status: 'draft' });
    expect(back.statusCode).toBe(409);
    expect(back.json().title).toBe('状态不能从“已接受”改为“草稿”。');
    const next = await create(admin, 'quotes', { name: 'another' });
    expect(next.number).toBe(`BJ-${today()}-0002`);
  });

  it('renders a clean PDF with the company header and Chinese text that can be extracted', async () => {
    const ws = await newWorkspace(env, '上海星辰科技有限公司');
    const { admin } = ws;
    await env.db.executeSql(`update workspaces set settings = $1 where id = $2`, [JSON.stringify({ address: '上海市浦东新区世纪大道 100 号', phone: '021-12345678', email: 'sales@xingchen.example' }), ws.workspaceId]);
    const account = await create(admin, 'accounts', { name: '北京云杉网络科技有限公司' });
    const contact = await create(admin, 'contacts', { name: '李娜', accountId: account.id });
    const quote = await create(admin, 'quotes', { name: '云杉 CRM 实施方案', accountId: account.id, contactId: contact.id, terms: '付款方式：合同签订后 7 日内支付 50%。' });
    await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [
      { name: 'CRM 企业版许可（年）', description: 'Enterprise licence, 50 seats', unit: '套', quantity: 3, unitPrice: '100', discountRate: 10, taxRate: 13 },
      { name: 'Implementation services 实施服务', unit: '天', quantity: '12.5', unitPrice: '1800.00', taxRate: 6 },
    ] });
    const res = await admin.get(`/api/v1/quotes/${quote.id}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(150_000); // the CJK font is embedded as a subset
    const text = (await pdfText(pdf)).replace(/\s+/g, '');
    for (const s of ['北京云杉网络科技有限公司', '上海星辰科技有限公司', '李娜', '云杉CRM实施方案', quote.number, '305.10', '23,850.00', '24,155.10', '实施服务']) {
      expect(text).toContain(s.replace(/\s+/g, ''));
    }
    admin.lang = 'zh-CN';
    const zh = await pdfText((await admin.get(`/api/v1/quotes/${quote.id}/pdf`)).rawPayload);
    expect(zh.replace(/\s+/g, '')).toContain('报价单');
    expect(zh.replace(/\s+/g, '')).toContain('贰万肆仟壹佰伍拾伍元壹角整');
  });

  it('lets reps and managers with the default roles quote from the company catalogue, which only its keepers change', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    const manager = await createUser(env, ws, { roleKeys: ['manager'] });
    const category = await create(ws.admin, 'productCategories', { name: '软件 Software' });
    const p = await create(ws.admin, 'products', { name: '旗舰版 Flagship', price: '80.00', currency: 'CNY', categoryId: category.id });
    const book = await create(ws.admin, 'priceBooks', { name: 'USD list', currency: 'USD' });
    expect((await ws.admin.request('PUT', `/api/v1/priceBooks/${book.id}/entries`, { entries: [{ productId: p.id, unitPrice: '12.00' }] })).statusCode).toBe(200);
    for (const who of [rep.client, manager.client]) {
      expect((await who.get('/api/v1/products')).json().data.map((r: any) => r.id)).toEqual([p.id]);
      expect((await who.get('/api/v1/productCategories')).json().data.map((r: any) => r.id)).toEqual([category.id]);
      expect((await who.get(`/api/v1/priceBooks/${book.id}/entries`)).json().data).toEqual([expect.objectContaining({ productId: p.id, unitPrice: '12.00' })]);
    }
    const quote = await create(rep.client, 'quotes', { name: 'Rep quote', priceBookId: book.id });
    const lines = await rep.client.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: p.id, quantity: '2' }] });
    expect(lines.statusCode, lines.body).toBe(200);
    expect(lines.json()).toMatchObject({ total: '24.00' });
    // Reading the catalogue is not keeping it.
    expect((await rep.client.patch(`/api/v1/products/${p.id}`, { price: '1.00' })).statusCode).toBe(403);
    expect((await rep.client.request('PUT', `/api/v1/priceBooks/${book.id}/entries`, { entries: [] })).statusCode).toBe(403);
    expect(await get(ws.admin, 'products', p.id)).toMatchObject({ price: '80.00' });
  });

  it('keeps quotes of other reps out of reach, PDF included', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    const quote = await create(ws.admin, 'quotes', { name: 'Secret' });
    expect((await rep.client.get(`/api/v1/quotes/${quote.id}/pdf`)).statusCode).toBe(404);
    expect((await rep.client.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [] })).statusCode).toBe(404);
    const own = await create(rep.client, 'quotes', { name: 'Mine' });
    expect((await rep.client.get(`/api/v1/quotes/${own.id}/pdf`)).statusCode).toBe(200);
  });

  it('survives naughty strings in names, lines and the PDF', async () => {
    const { admin } = await newWorkspace(env);
    const strings = naughtyStrings().filter((s) => s.trim() !== '');
    const quote = await create(admin, 'quotes', { name: 'naughty' });
    for (let i = 0; i < strings.length; i += 100) {
      const chunk = strings.slice(i, i + 100);
      const res = await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: chunk.map((s) => ({ name: s.slice(0, 255), description: s, unit: s.slice(0, 20), quantity: 1, unitPrice: '1' })) });
      expect([200, 422]).toContain(res.statusCode);
      if (res.statusCode === 422) {
        expect(res.json().errors.every((e: any) => ['field.badCharacters', 'field.tooLong'].includes(e.code))).toBe(true);
        continue;
      }
      const pdf = await admin.get(`/api/v1/quotes/${quote.id}/pdf`);
      expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    }
    for (const s of strings.slice(0, 120)) {
      const res = await admin.patch(`/api/v1/quotes/${quote.id}`, { name: s, terms: s });
      expect([200, 422]).toContain(res.statusCode);
    }
    expect((await admin.get(`/api/v1/quotes/${quote.id}/pdf`)).statusCode).toBe(200);
  });
});
