import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseOption, launchBrowser, MESSAGES, named, newContext, shot, signIn, uniqueName, type Lang } from './browser';

const LABELS = {
  'en-US': { levelB: 'B Regular', account: 'Account', contact: 'Contact', accounts: 'Accounts', contacts: 'Contacts', name: 'Name', phone: 'Phone', level: 'Level', levelA: 'A Key', mobile: 'Mobile', email: 'E-mail', title: 'Title', call: 'Call' },
  'zh-CN': { levelB: 'B 普通客户', account: '客户', contact: '联系人', accounts: '客户', contacts: '联系人', name: '名称', phone: '电话', level: '客户级别', levelA: 'A 重点客户', mobile: '手机', email: '邮箱', title: '职务', call: '电话' },
} as const;

describe.each(['en-US', 'zh-CN'] as Lang[])('desktop: account → contact → filter → follow-up (%s)', (lang) => {
  const m = MESSAGES[lang];
  const l = LABELS[lang];
  const token = uniqueName(lang === 'zh-CN' ? '星辰科技' : 'Northwind');
  const accountName = `${token} Ltd`;
  const contactName = lang === 'zh-CN' ? `李雷 ${token.split(' ')[1]}` : `Ada Lovelace ${token.split(' ')[1]}`;
  const note = lang === 'zh-CN' ? `电话沟通了报价，下周二上门拜访 ${token}` : `Called about the quote; visiting next Tuesday ${token}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  // Requests still open when a step fails say whether the server or the page is stuck.
  const pending = new Map<string, number>();

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('request', (r) => pending.set(r.url(), Date.now()));
    page.on('requestfinished', (r) => pending.delete(r.url()));
    page.on('requestfailed', (r) => pending.delete(r.url()));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    console.log(`open requests: ${[...pending].map(([u, at]) => `${u} (${Date.now() - at} ms)`).join(', ') || 'none'}`);
    await shot(page, `FAILED-${task.name.replace(/\W+/g, '-')}.${lang}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('signs in as the administrator', async () => {
    await page.goto('/login');
    await page.getByRole('button', { name: named(m.auth.submit) }).waitFor();
    await shot(page, `01-sign-in.${lang}`);
    await signIn(page, lang);
    await page.getByRole('heading', { level: 3 }).first().waitFor();
    await shot(page, `02-home.${lang}`);
  });

  it('creates an account through the form', async () => {
    await page.goto('/accounts');
    await page.getByRole('heading', { name: l.accounts, exact: true }).waitFor();
    await page.getByRole('button', { name: named(`${m.common.new}${lang === 'zh-CN' ? '' : ' '}${l.account}`) }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(l.name, { exact: true }).fill(accountName);
    await dialog.getByLabel(l.phone, { exact: true }).fill('021-62345678');
    await dialog.getByLabel(l.level, { exact: true }).click();
    await chooseOption(page, l.levelA);
    await dialog.getByLabel(m.address.region).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '上海市' }).first().click();
    await page.locator('.ant-cascader-menu').nth(1).locator('.ant-cascader-menu-item', { hasText: '上海市' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '浦东新区' }).click();
    await dialog.getByLabel(m.address.street).fill('世纪大道 100 号');
    await shot(page, `03-account-form.${lang}`);
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: accountName }).waitFor();
    expect(await page.getByText('上海市 浦东新区 世纪大道 100 号').count()).toBe(1);
  });

  it('shows server field errors beside the fields', async () => {
    await page.goto('/contacts');
    await page.getByRole('button', { name: named(`${m.common.new}${lang === 'zh-CN' ? '' : ' '}${l.contact}`) }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(l.name, { exact: true }).fill(contactName);
    await dialog.getByLabel(l.mobile, { exact: true }).fill('12345');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    const error = dialog.locator('#mobile_help, .ant-form-item-explain-error').first();
    await error.waitFor();
    expect(await error.textContent()).toMatch(lang === 'zh-CN' ? /[\u4e00-\u9fff]/ : /[a-z]/);
    await shot(page, `04-contact-form-error.${lang}`);
  });

  it('creates a contact linked to the account through the relation picker', async () => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(l.mobile, { exact: true }).fill('13800138000');
    await dialog.getByLabel(l.email, { exact: true }).fill(`ada.${Date.now()}@example.com`);
    await dialog.getByLabel(l.account, { exact: true }).click();
    await dialog.getByLabel(l.account, { exact: true }).fill(token);
    await chooseOption(page, accountName);
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: contactName }).waitFor();
    await page.getByRole('link', { name: accountName }).first().waitFor();
    await shot(page, `05-contact-detail.${lang}`);
  });

  it('finds the account in the list with a filter', async () => {
    await page.goto('/accounts');
    await page.getByRole('button', { name: named(m.filter.title) }).click();
    await page.getByRole('button', { name: named(m.filter.addCondition) }).click();
    await page.getByLabel(`${l.name} ${m.filter.value}`).fill(token);
    await shot(page, `06-filter-builder.${lang}`);
    await page.getByRole('button', { name: named(m.filter.apply) }).click();
    await page.waitForURL(/filter=/);
    await page.getByRole('link', { name: accountName }).waitFor();
    // Only this run's account matches: the other language's run made its own.
    await page.getByText(m.records.allLoadedCount.replace('{{count}}', '1')).waitFor();
    await shot(page, `07-filtered-list.${lang}`);
  });

  it('saves the filtered list as a personal view', async () => {
    await page.getByRole('button', { name: m.views.title }).click();
    await page.getByRole('menuitem', { name: m.views.saveAs }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(m.views.name).fill(`${m.views.title} ${token}`);
    await dialog.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByRole('button', { name: m.views.title }).filter({ hasText: token }).waitFor();
    await shot(page, `07b-saved-view.${lang}`);
  });

  it('edits a cell in place and changes a field on the selected rows', async () => {
    const row = page.locator('.ant-table-row', { hasText: accountName });
    await row.hover();
    await row.getByRole('button', { name: m.records.editCell.replace('{{field}}', l.phone) }).click();
    await row.getByRole('textbox').fill('021-60000000');
    await row.getByRole('textbox').press('Enter');
    await row.getByText('021-60000000').waitFor();

    await row.locator('.ant-checkbox-input').check();
    await page.getByRole('toolbar').getByRole('button', { name: named(m.bulk.update) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').first().click();
    await chooseOption(page, l.level);
    await dialog.getByRole('combobox').nth(1).click();
    await chooseOption(page, l.levelB);
    await shot(page, `07c-mass-update.${lang}`);
    await dialog.getByRole('button', { name: named(m.common.save) }).click();
    await row.getByText(l.levelB).waitFor();
    await shot(page, `07d-after-inline-and-mass-edit.${lang}`);
  });

  it('finds the account with global search (Ctrl-K)', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: m.search.title }).fill(token);
    await page.getByRole('option', { name: new RegExp(accountName) }).waitFor();
    await shot(page, `07e-global-search.${lang}`);
    await page.keyboard.press('Escape');
  });

  it('opens the record and logs a follow-up in two clicks, seen on the timeline', async () => {
    await page.getByRole('link', { name: accountName }).first().click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}/);
    await page.getByRole('link', { name: contactName }).first().waitFor();
    await shot(page, `08-account-detail.${lang}`);
    const box = page.getByLabel(m.followUp.content);
    await box.click(); // click 1
    await box.fill(note);
    await page.getByRole('button', { name: named(m.followUp.save) }).click(); // click 2
    await page.getByText(note).waitFor();
    // A second one with a next-contact time from the presets, for the reminder (once the first has cleared the box).
    await expect.poll(() => box.inputValue()).toBe('');
    const second = `${note} (2)`;
    await box.fill(second);
    await page.getByLabel(m.followUp.next).click();
    await page.getByText(m.followUp.presets.tomorrow).click();
    await page.getByRole('button', { name: named(m.followUp.save) }).click();
    await page.getByText(second).waitFor();
    const accountId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await (await page.request.get('/api/v1/activities', {
      params: { filter: JSON.stringify({ field: 'accountId', op: 'eq', value: accountId }), limit: 10, fields: 'name,content,nextContactAt' },
    })).json() as { data: Array<{ content?: string; nextContactAt?: string | null }> };
    const withNext = saved.data.find((a) => a.content === second);
    expect(withNext?.nextContactAt).toBeTruthy();
    expect(new Date(withNext!.nextContactAt!).getTime()).toBeGreaterThan(Date.now());
    await page.getByRole('button', { name: named(m.followUp.save) }).waitFor();
    await shot(page, `09-follow-up-on-timeline.${lang}`);
    expect(errors).toEqual([]);
  });
});
