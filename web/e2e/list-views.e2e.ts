import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiClient, type ApiClient, type Row } from './api-client';
import { chooseOption, launchBrowser, MESSAGES, named, newContext, shot, uniqueName, signIn } from './browser';

const DEMO_PASSWORD = 'rapport-demo-2026';

/**
 * The list screens against the real server: sort by a column, operators of the filter builder producing the
 * same rows the API gives for the same filter, a shared view a colleague opens, transfer, delete and export
 * of selected rows, the empty state's way out, and the loading skeleton while a record is on its way.
 */
describe('lists: sort, filters, shared views, transfer, delete, export (en-US)', () => {
  const lang = 'en-US' as const;
  const m = MESSAGES[lang];
  const token = uniqueName('LV').split(' ')[1];
  const names = ['Alpha', 'Bravo', 'Charlie'].map((n) => `LV ${token} ${n}`);
  let api: ApiClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const accounts: Row[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    api = await apiClient(inject('baseUrl'));
    for (const [i, name] of names.entries()) accounts.push(await api.post('/accounts', { name, level: ['A', 'B', 'C'][i], phone: `021-6000000${i}` }));
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    await signIn(page, lang);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-lists-${task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.dispose();
  });

  /** The name column (the first link in each row), top to bottom. */
  const rowNames = () => page.locator('.ant-table-row').evaluateAll((rows) => rows.map((r) => r.querySelector('a')?.textContent ?? ''));
  const row = (name: string) => page.locator('.ant-table-row', { hasText: name });

  it('finds the accounts by quick search and sorts them by a column, both ways', async () => {
    await page.goto('/accounts');
    await page.getByLabel(m.records.search).fill(token);
    await page.getByText(m.records.allLoadedCount.replace('{{count}}', '3')).waitFor();
    await page.getByRole('columnheader', { name: 'Name' }).click();
    await page.waitForURL(/sort=name/);
    await expect.poll(rowNames).toEqual(names);
    await page.getByRole('columnheader', { name: 'Name' }).click();
    await page.waitForURL(/sort=-name/);
    await expect.poll(rowNames).toEqual([...names].reverse());
    await shot(page, 'lists-01-sorted.en-US');
  });

  it('labels every filter operator the API offers, in both languages', async () => {
    const objects = await api.get<{ data: Array<{ apiName: string }> }>('/metadata/objects');
    const ops = new Set<string>();
    for (const o of objects.data) {
      const meta = await api.get<{ fields: Array<{ ops?: string[] }> }>(`/metadata/objects/${o.apiName}`);
      for (const f of meta.fields) for (const op of f.ops ?? []) ops.add(op);
    }
    expect(ops.size).toBeGreaterThan(10);
    for (const l of ['en-US', 'zh-CN'] as const) {
      const labels = MESSAGES[l].filter.op as Record<string, string>;
      expect([...ops].filter((op) => !labels[op]), `operators without a ${l} label`).toEqual([]);
    }
  });

  it('gives the same rows as the API for a range, a period and "is me"', async () => {
    await page.goto('/opportunities');
    await page.getByRole('button', { name: named(m.filter.title) }).click();
    const add = async (field: string, op: string) => {
      await page.getByRole('button', { name: named(m.filter.addCondition) }).click();
      await page.getByLabel(m.filter.field).last().click();
      await page.keyboard.type(field);
      await chooseOption(page, field);
      await page.getByLabel(m.filter.operator).last().click();
      await chooseOption(page, op);
    };
    await add('Amount', m.filter.op.between);
    await page.getByLabel(`Amount ${m.filter.value} ${m.filter.from}`).fill('60000');
    await page.getByLabel(`Amount ${m.filter.value} ${m.filter.to}`).fill('200000');
    await add('Created at', m.filter.op.relative);
    await page.getByLabel(`Created at ${m.filter.value}`).click();
    await page.keyboard.type(m.filter.period.thisYear);
    await chooseOption(page, m.filter.period.thisYear);
    await shot(page, 'lists-02-filter-operators.en-US');
    await page.getByRole('button', { name: named(m.filter.apply) }).click();
    await page.waitForURL(/filter=/);
    const filter = new URL(page.url()).searchParams.get('filter')!;
    expect(JSON.parse(filter)).toEqual({ and: [
      { field: 'amount', op: 'between', value: [60000, 200000] },
      { field: 'createdAt', op: 'relative', value: 'thisYear' },
    ] });
    const expected = (await api.get<{ data: Row[] }>('/opportunities', { filter, limit: 200 })).data.map((r) => String(r.name)).sort();
    expect(expected.length).toBeGreaterThan(0);
    await page.getByText(m.records.allLoadedCount.replace('{{count}}', String(expected.length))).waitFor();
    expect((await rowNames()).sort()).toEqual(expected);

    // The owner "is me" for the administrator, who owns none of the demo deals: the empty state says so.
    await page.goto('/opportunities');
    await page.getByRole('button', { name: named(m.filter.title) }).click();
    await add('Owner', m.filter.op.me);
    await page.getByRole('button', { name: named(m.filter.apply) }).click();
    await page.waitForURL(/filter=/);
    const mine = (await api.get<{ data: Row[] }>('/opportunities', { filter: new URL(page.url()).searchParams.get('filter')!, limit: 200 })).data;
    if (mine.length === 0) await page.getByText(m.records.noMatches).waitFor();
    else await page.getByText(m.records.allLoadedCount.replace('{{count}}', String(mine.length))).waitFor();
  });

  it('leaves an empty search with a way back to every record', async () => {
    await page.goto('/accounts');
    await page.getByLabel(m.records.search).fill(`nothing-called-${token}`);
    await page.getByText(m.records.noMatches).waitFor();
    await shot(page, 'lists-03-no-matches.en-US');
    await page.getByRole('button', { name: named(m.records.clearFilters) }).click();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByLabel(m.records.search).inputValue()).toBe('');
  });

  it('shares a view that a colleague then opens', async () => {
    await page.goto('/accounts');
    await page.getByRole('button', { name: named(m.filter.title) }).click();
    await page.getByRole('button', { name: named(m.filter.addCondition) }).click();
    await page.getByLabel(m.filter.field).last().click();
    await page.keyboard.type('Owner');
    await chooseOption(page, 'Owner');
    await page.getByLabel(m.filter.operator).last().click();
    await chooseOption(page, m.filter.op.me);
    await page.getByRole('button', { name: named(m.filter.apply) }).click();
    await page.waitForURL(/filter=/);
    await page.getByRole('button', { name: m.views.title }).click();
    await page.getByRole('menuitem', { name: m.views.saveAs }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(m.views.name).fill(`My customers ${token}`);
    await dialog.getByRole('checkbox', { name: m.views.shared }).check();
    await dialog.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByRole('button', { name: m.views.title }).filter({ hasText: token }).waitFor();

    // A rep opens the same view and sees their own customers, not the administrator's.
    const repContext = await newContext(browser, inject('baseUrl'), lang);
    try {
      const rep = await repContext.newPage();
      await rep.goto('/login');
      await rep.getByLabel(m.auth.email).fill('zhangwei@demo.rapport.local');
      await rep.getByLabel(m.auth.password).fill(DEMO_PASSWORD);
      await rep.getByRole('button', { name: named(m.auth.submit) }).click();
      await rep.waitForURL((url) => !url.pathname.startsWith('/login'));
      await rep.goto('/accounts');
      await rep.getByRole('button', { name: m.views.title }).click();
      await rep.getByRole('menuitem', { name: `My customers ${token}` }).click();
      await rep.waitForURL(/filter=/);
      await rep.locator('.ant-table-row', { hasText: '上海星辰科技有限公司' }).waitFor();
      const repApi = await apiClient(inject('baseUrl'), 'zhangwei@demo.rapport.local', DEMO_PASSWORD);
      const own = (await repApi.get<{ data: Row[] }>('/accounts', { filter: JSON.stringify({ field: 'ownerId', op: 'me' }), limit: 200 })).data;
      await repApi.dispose();
      await rep.getByText(m.records.allLoadedCount.replace('{{count}}', String(own.length))).waitFor();
      await shot(rep, 'lists-04-shared-view-as-rep.en-US');
    } finally {
      await repContext.close();
    }
  });

  it('transfers two selected accounts to a colleague', async () => {
    await page.goto(`/accounts?q=${encodeURIComponent(token)}&sort=name`);
    await row(names[0]).waitFor();
    for (const n of names.slice(0, 2)) await row(n).locator('.ant-checkbox-input').check();
    await page.getByRole('toolbar').getByRole('button', { name: named(m.bulk.transfer) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').click();
    await page.keyboard.type('李娜');
    await chooseOption(page, '李娜');
    await dialog.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByText(m.bulk.transferred.replace('{{count}}', '2')).waitFor();
    const lina = (await api.get<{ data: Row[] }>('/users', { q: 'lina' })).data[0];
    for (const a of accounts.slice(0, 2)) expect((await api.get(`/accounts/${a.id}`)).ownerId).toBe(lina.id);
    await row(names[0]).getByText('李娜').waitFor();
  });

  it('deletes a selected account into the recycle bin', async () => {
    await row(names[2]).locator('.ant-checkbox-input').check();
    await page.getByRole('toolbar').getByRole('button', { name: named(m.common.delete) }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    // Let the dialog finish opening: a click during its zoom-in can land before the button is live.
    await page.waitForTimeout(400);
    await confirm.getByRole('button', { name: named(m.common.delete) }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText(m.bulk.deleted.replace('{{count}}', '1')).waitFor();
    await row(names[2]).waitFor({ state: 'hidden' });
    const res = await api.raw.get(`/api/v1/accounts/${accounts[2].id}`);
    expect(res.status()).toBe(404);
    const bin = await api.get<{ data: Row[] }>('/accounts', { deleted: 'true', filter: JSON.stringify({ field: 'id', op: 'eq', value: accounts[2].id }) });
    expect(bin.data.map((r) => r.name)).toEqual([names[2]]);
  });

  it('exports what the list shows as CSV and as an Excel workbook', async () => {
    const exportAs = async (label: string) => {
      await page.getByRole('button', { name: named(m.records.export, false) }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label }).click()]);
      return fs.readFileSync(await download.path());
    };
    const csv = (await exportAs(m.records.exportCsv)).toString('utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBe(3);
    // The columns on screen, in their order.
    const headers = await page.locator('.ant-table-thead th').allTextContents();
    expect(lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''))).toEqual(headers.map((h) => h.trim()).filter(Boolean));
    expect(lines.slice(1).join('\n')).toContain(names[0]);
    expect(lines.slice(1).join('\n')).toContain(names[1]);
    expect(csv).not.toContain(names[2]);
    const xlsx = await exportAs(m.records.exportXlsx);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });

  it('imports contacts from a spreadsheet, reports the bad row, and undoes the import', async () => {
    const i = m.import;
    const rows = [`Import ${token} One,13800000001,one.${token}@example.com`, `Import ${token} Two,13800000002,two.${token}@example.com`, `Import ${token} Bad,12345,bad.${token}@example.com`];
    await page.goto('/contacts');
    await page.getByRole('button', { name: named(i.button) }).first().click();
    const modal = page.getByRole('dialog');
    await modal.locator('input[type=file]').setInputFiles({
      name: `contacts-${token}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`姓名,手机,邮箱\n${rows.join('\n')}\n`, 'utf8'),
    });
    // The Chinese headings are recognised: each column already points at its field.
    await expect.poll(() => modal.getByRole('combobox', { name: `${i.field}: 手机` }).locator('xpath=..').textContent()).toContain('Mobile');
    await modal.getByRole('button', { name: named(i.preview) }).click();
    await modal.getByText(i.actions.error).waitFor();
    expect(await modal.getByText(i.actions.create, { exact: true }).count()).toBe(2);
    await shot(page, 'lists-05-import-preview.en-US');
    await modal.getByRole('button', { name: named(i.start) }).click();
    await modal.getByText(i.status.done).waitFor({ timeout: 60_000 });
    const count = async (k: string) => modal.locator('.ant-statistic', { hasText: i.counts[k as 'created'] }).locator('.ant-statistic-content-value').textContent();
    expect(await count('created')).toBe('2');
    expect(await count('failed')).toBe('1');
    await modal.getByRole('link', { name: named(i.errorReport) }).waitFor();
    const imported = (await api.get<{ data: Row[] }>('/contacts', { q: `Import ${token}` })).data.map((r) => r.name).sort();
    expect(imported).toEqual([`Import ${token} One`, `Import ${token} Two`]);

    await modal.getByRole('button', { name: named(i.undo) }).click();
    await modal.getByText(i.status.undone).waitFor({ timeout: 60_000 });
    expect((await api.get<{ data: Row[] }>('/contacts', { q: `Import ${token}` })).data).toEqual([]);
    await modal.locator('.ant-modal-footer').getByRole('button', { name: named(i.close) }).click();
    await modal.waitFor({ state: 'hidden' });
  });

  it('warns about a likely duplicate while a new account is typed in', async () => {
    await page.goto('/accounts');
    await page.getByRole('button', { name: named('New Account') }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(names[0]);
    const hint = dialog.getByRole('alert').filter({ hasText: m.form.duplicateTitle });
    await hint.getByRole('link', { name: names[0] }).waitFor();
    expect(await hint.getByRole('link', { name: names[0] }).getAttribute('href')).toBe(`/accounts/${accounts[0].id}`);
    await shot(page, 'lists-06-duplicate-hint.en-US');
    await dialog.getByRole('button', { name: named(m.common.cancel) }).click();
  });

  it('shows a skeleton while a record is on its way, then the record', async () => {
    // A slow network, not a fake answer: the real response arrives, just later.
    await page.route(`**/api/v1/accounts/${accounts[0].id}`, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(`/accounts/${accounts[0].id}`);
    await page.locator('.ant-skeleton').first().waitFor();
    await page.getByRole('heading', { name: names[0] }).waitFor();
    await expect.poll(() => page.locator('.ant-skeleton:visible').count()).toBe(0);
    await page.unroute(`**/api/v1/accounts/${accounts[0].id}`);
    expect(errors).toEqual([]);
  });
});
