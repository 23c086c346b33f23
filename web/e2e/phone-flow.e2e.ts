import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiClient } from './api-client';
import { launchBrowser, MESSAGES, named, newContext, shot, signIn, uniqueName, type Lang } from './browser';

const LABELS = {
  'en-US': { accounts: 'Accounts', account: 'Account', name: 'Name', phone: 'Phone' },
  'zh-CN': { accounts: '客户', account: '客户', name: '名称', phone: '电话' },
} as const;

describe.each(['en-US', 'zh-CN'] as Lang[])('phone (390 px): a rep logs a follow-up (%s)', (lang) => {
  const m = MESSAGES[lang];
  const l = LABELS[lang];
  const accountName = uniqueName(lang === 'zh-CN' ? '杭州云帆' : 'Bluefin');
  const note = lang === 'zh-CN' ? `上门拜访，客户要求周五前发合同 ${accountName}` : `Visited on site; they want the contract by Friday ${accountName}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  // A sales rep of their own (the standard "Sales rep" role: own records only), not the administrator.
  const rep = { email: `phone.${accountName.split(' ')[1]}@example.com`, password: `Phone-rep-${accountName.split(' ')[1]}-1` };

  beforeAll(async () => {
    const api = await apiClient(inject('baseUrl'));
    try {
      const roles = await api.get<{ data: Array<{ id: string; name: string }> }>('/roles');
      const repRole = roles.data.find((r) => /Sales rep/.test(r.name))!;
      await api.post('/users', { ...rep, name: `${lang === 'zh-CN' ? '移动销售' : 'Mobile rep'} ${accountName.split(' ')[1]}`, roleIds: [repRole.id], locale: lang });
    } finally {
      await api.dispose();
    }
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang, true);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-${task.name.replace(/\W+/g, '-')}.${lang}.phone`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('signs in and reaches accounts from the bottom navigation', async () => {
    await page.goto('/login');
    await page.getByRole('button', { name: named(m.auth.submit) }).waitFor();
    await shot(page, `10-sign-in.${lang}.phone`);
    await signIn(page, lang, rep);
    await page.locator('nav.rp-bottom-nav').getByRole('button', { name: l.accounts }).click();
    await page.waitForURL(/\/accounts/);
    await page.getByRole('heading', { name: l.accounts, exact: true }).waitFor();
    // Nothing may stick out sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('creates an account in the one-column sheet', async () => {
    await page.getByRole('button', { name: named(`${m.common.new}${lang === 'zh-CN' ? '' : ' '}${l.account}`) }).first().click();
    const sheet = page.getByRole('dialog');
    await sheet.getByLabel(l.name, { exact: true }).fill(accountName);
    await sheet.getByLabel(l.phone, { exact: true }).fill('13912345678');
    await shot(page, `11-account-form.${lang}.phone`);
    const create = sheet.getByRole('button', { name: named(m.form.create) });
    const box = await create.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(40);
    await create.click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: accountName }).waitFor();
    await shot(page, `12-account-detail.${lang}.phone`);
  });

  it('logs a follow-up in two taps and sees it on the timeline', async () => {
    await page.getByRole('button', { name: named(m.followUp.add) }).click(); // tap 1
    const box = page.getByLabel(m.followUp.content);
    await box.waitFor();
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill(note);
    await shot(page, `13-follow-up-sheet.${lang}.phone`);
    await page.getByRole('button', { name: named(m.followUp.save) }).click(); // tap 2
    await page.getByText(note).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot(page, `14-follow-up-on-timeline.${lang}.phone`);
  });

  it('finds the account in the card list', async () => {
    await page.goto('/accounts');
    await page.getByLabel(m.records.search).fill(accountName);
    await page.getByRole('listitem').filter({ hasText: accountName }).waitFor();
    await shot(page, `15-card-list.${lang}.phone`);
    expect(errors).toEqual([]);
  });
});

describe('installable app (PWA)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), 'zh-CN', true);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('serves a manifest the browser can install from', async () => {
    await page.goto('/login');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const res = await page.request.get('/manifest.webmanifest');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/manifest\+json|application\/json/);
    const manifest = (await res.json()) as { name: string; start_url: string; display: string; icons: Array<{ src: string }> };
    expect(manifest).toMatchObject({ name: 'Rapport', start_url: '/', display: 'standalone' });
    expect(manifest.icons.length).toBeGreaterThan(0);
    for (const icon of manifest.icons) expect((await page.request.get(icon.src)).status()).toBe(200);
  });

  it('keeps the app shell working offline through its service worker', async () => {
    await page.goto('/login');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/');
    // Once the worker controls the page it has the shell cached; without a network the app still starts.
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('button', { name: named(MESSAGES['zh-CN'].auth.submit) }).waitFor();
      await shot(page, '17-offline-shell.zh-CN.phone');
    } finally {
      await context.setOffline(false);
    }
  });
});
