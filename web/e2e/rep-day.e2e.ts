import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiClient, type ApiClient, type Row } from './api-client';
import { chooseOption, launchBrowser, MESSAGES, named, newContext, shot, uniqueName } from './browser';
import { openNewQuoteEditor } from './quote-steps';

/**
 * A sales rep's whole day in zh-CN, signed in as a rep holding the standard "Sales rep" role (their own records
 * only), not as the administrator: sign in, create an account and a contact, log a follow-up, create an
 * opportunity, drag it across the board's stages, build a quote and download its PDF.
 */
describe('a rep’s day (zh-CN, Sales rep role)', () => {
  const lang = 'zh-CN' as const;
  const m = MESSAGES[lang];
  const s = m.sales;
  const token = uniqueName('rep').split(' ')[1];
  const email = `rep.day.${token}@example.com`;
  const password = `Rep-day-${token}-1`;
  const accountName = `云帆智造 ${token} 有限公司`;
  const contactName = `周敏 ${token}`;
  const dealName = `云帆一期 ${token}`;
  const note = `电话沟通需求，下周演示 ${token}`;
  let api: ApiClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let rep: Row;
  const errors: string[] = [];

  beforeAll(async () => {
    api = await apiClient(inject('baseUrl'));
    const roles = await api.get<{ data: Array<{ id: string; name: string }> }>('/roles');
    const repRole = roles.data.find((r) => /Sales rep/.test(r.name))!;
    const departments = await api.get<{ data: Array<{ id: string; name: string }> }>('/departments');
    const east = departments.data.find((d) => d.name.includes('华东'));
    rep = await api.post('/users', {
      email, name: `周销售 ${token}`, password, roleIds: [repRole.id], departmentId: east?.id ?? null, locale: 'zh-CN', timeZone: 'Asia/Shanghai',
    });
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url().includes('/api/')) void r.text().then((body) => console.log(`${r.status()} ${r.request().method()} ${r.url()}: ${body.slice(0, 400)}`));
    });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-rep-day-${task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.dispose();
  });

  const column = (stage: string) => page.locator(`section[data-stage="${stage}"]`);
  const card = (name: string) => page.locator('section[data-stage]').locator('.ant-card', { hasText: name });

  async function drag(from: Locator, to: Locator): Promise<void> {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + 120, { steps: 12 });
    await page.mouse.up();
  }

  it('signs in as the rep', async () => {
    await page.goto('/login');
    await page.getByLabel(m.auth.email).fill(email);
    await page.getByLabel(m.auth.password).fill(password);
    await page.getByRole('button', { name: named(m.auth.submit) }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByText(m.homeToday.title).first().waitFor();
    // A rep has no administration screens.
    expect(await page.getByRole('menuitem', { name: m.settings.nav.users }).count()).toBe(0);
  });

  it('creates an account and a contact on it', async () => {
    await page.goto('/accounts');
    await page.getByRole('button', { name: named(`${m.common.new}客户`) }).first().click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill(accountName);
    await dialog.getByLabel('电话', { exact: true }).fill('0571-88886666');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: accountName }).waitFor();
    const account = await api.find('accounts', token);
    expect(account.ownerId).toBe(rep.id);

    await page.goto('/contacts');
    await page.getByRole('button', { name: named(`${m.common.new}联系人`) }).first().click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill(contactName);
    await dialog.getByLabel('手机', { exact: true }).fill('13900001111');
    await dialog.getByLabel('客户', { exact: true }).click();
    await dialog.getByLabel('客户', { exact: true }).fill(token);
    await chooseOption(page, accountName);
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: contactName }).waitFor();
    await page.getByRole('link', { name: accountName }).first().waitFor();
  });

  it('logs a follow-up on the account in two clicks', async () => {
    await page.getByRole('link', { name: accountName }).first().click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: contactName }).first().waitFor();
    const box = page.getByLabel(m.followUp.content);
    await box.click();
    await box.fill(note);
    await page.getByRole('button', { name: named(m.followUp.save) }).click();
    await page.getByText(note).waitFor();
    await shot(page, 'rep-01-follow-up.zh-CN');
  });

  it('creates an opportunity and drags it across two stages on the board', async () => {
    await page.goto('/opportunities');
    await page.getByRole('button', { name: named(`${m.common.new}商机`) }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill(dealName);
    await dialog.getByLabel('客户', { exact: true }).click();
    await dialog.getByLabel('客户', { exact: true }).fill(token);
    await chooseOption(page, accountName);
    await dialog.getByLabel('阶段', { exact: true }).click();
    await chooseOption(page, '验证客户');
    await dialog.getByLabel('金额', { exact: true }).fill('50000');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await page.waitForURL(/\/opportunities\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: dealName }).waitFor();
    const deal = await api.find('opportunities', dealName);

    await page.goto('/sales/board');
    await card(dealName).waitFor();
    expect(await column('qualification').locator('.ant-card', { hasText: dealName }).count()).toBe(1);
    for (const [key, label] of [['needs', '需求分析'], ['proposal', '方案报价']] as const) {
      await drag(card(dealName), column(key));
      await page.getByText(s.board.moved.replace('{{name}}', dealName).replace('{{stage}}', label)).waitFor();
      await column(key).locator('.ant-card', { hasText: dealName }).waitFor();
      await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).stage).toBe(key);
    }
    await shot(page, 'rep-02-board.zh-CN');
  });

  it('builds a quote on the opportunity and downloads its PDF', async () => {
    const deal = await api.find('opportunities', dealName);
    const quoteId = await openNewQuoteEditor(page, deal.id, `${dealName} 报价`);

    await page.getByRole('button', { name: named(s.quote.addLine) }).click();
    await page.getByLabel(s.quote.lineName).fill('实施服务');
    await page.getByLabel(s.quote.quantity).fill('2');
    await page.getByLabel(s.quote.unitPrice).fill('500');
    await page.getByLabel(s.quote.taxRate).fill('13');
    // 2 × 500 plus 13 % tax, shown before anything is saved.
    await expect.poll(() => page.getByTestId('quote-total').textContent()).toBe('¥1,130.00');
    await page.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByText(s.quote.saved.replace('{{total}}', '¥1,130.00')).waitFor();
    expect((await api.get(`/quotes/${quoteId}`)).total).toBe('1130.00');
    await shot(page, 'rep-03-quote.zh-CN');

    await page.getByRole('tab', { name: s.quote.pdf }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: named(s.quote.download) }).click()]);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(errors).toEqual([]);
  });
});
