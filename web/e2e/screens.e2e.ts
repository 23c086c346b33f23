import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiClient, type ApiClient, type Row } from './api-client';
import { launchBrowser, MESSAGES, named, newContext, PHONE, shot, signIn, type Lang } from './browser';

/**
 * A tour of every main screen on the demo workspace, in both languages on a desktop and the key ones at phone
 * width. Each screen must finish loading, show no raw message keys, ids or ISO timestamps, and (on a phone) not
 * stick out sideways; then it is saved to web/e2e/screenshots/ for people to look at.
 */

const NAMESPACES = Object.keys(MESSAGES['en-US']).join('|');
const RAW = [
  { what: 'message key', re: new RegExp(`\\b(?:${NAMESPACES})\\.[a-z][A-Za-z]+\\b`) },
  { what: 'server message code', re: /\b[a-z]+\.[a-z]+[A-Z][A-Za-z]*\b/ },
  { what: 'ISO timestamp', re: /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/ },
  { what: 'record id', re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/ },
  { what: 'placeholder', re: /\{\{\s*\w+\s*\}\}|\bundefined\b|\bNaN\b|\[object Object\]/ },
];

/** Waits until skeletons and spinners are gone, so the picture shows the screen and not its loading state. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-skeleton:visible, .ant-spin-spinning:visible').count(), { timeout: 20_000 }).toBe(0);
}

/** What a person would call broken, checked on whatever is on screen now. */
async function expectClean(page: Page, phone: boolean): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const { what, re } of RAW) expect(text.match(re)?.[0], `a raw ${what} on ${page.url()}`).toBeUndefined();
  if (phone) expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(PHONE.width);
}

interface Demo {
  account: Row; contact: Row; lead: Row; opportunity: Row; draftQuote: Row; sentQuote: Row; contract: Row; target: Row;
  poolId: string; repRoleId: string; webhookId: string;
}

let api: ApiClient;
let receiver: http.Server;
let demo: Demo;

beforeAll(async () => {
  api = await apiClient(inject('baseUrl'));
  // A webhook receiver on this machine, so the delivery log shows real successful deliveries.
  receiver = http.createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(204).end()); });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  const pools = await api.get<{ data: Array<{ id: string }> }>('/sales/pools');
  const roles = await api.get<{ data: Array<{ id: string; name: string }> }>('/roles');
  const hooks = await api.get<{ data: Array<{ id: string; name: string }> }>('/webhooks');
  let webhookId = hooks.data.find((h) => h.name === 'ERP 同步 ERP sync')?.id;
  if (!webhookId) {
    webhookId = (await api.post('/webhooks', { name: 'ERP 同步 ERP sync', url: `http://127.0.0.1:${port}/hooks/rapport`, objects: ['accounts', 'opportunities'], events: ['created', 'updated'] })).id;
    await api.post(`/webhooks/${webhookId}/test`);
    await api.post('/api-keys', { name: 'ERP 集成 ERP integration' });
  }
  demo = {
    account: await api.find('accounts', '上海星辰科技'),
    contact: await api.find('contacts', '张伟'),
    lead: await api.find('leads', '吴磊'),
    opportunity: await api.find('opportunities', '星辰科技'),
    draftQuote: await api.find('quotes', '考勤终端采购'),
    sentQuote: await api.find('quotes', '专业版升级方案'),
    contract: await api.find('contracts', 'CRM 企业版年度合同'),
    target: await api.find('targets', '公司回款'),
    poolId: pools.data[0].id,
    repRoleId: (roles.data.find((r) => /rep|销售代表/i.test(r.name)) ?? roles.data[0]).id,
    webhookId,
  };
});
afterAll(async () => {
  await api?.dispose();
  await new Promise((r) => receiver?.close(r));
});

interface Screen {
  name: string;
  path: string;
  /** What must be on screen before the picture is taken. */
  ready: (page: Page, lang: Lang) => Locator;
  /** Something to do after it is ready (open a palette, a tab…). */
  then?: (page: Page, lang: Lang) => Promise<void>;
  phone?: boolean;
  desktop?: boolean;
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name }).first();
const t = (lang: Lang) => MESSAGES[lang];

const SCREENS: Screen[] = [
  { name: 'home', path: '/', ready: (p, l) => p.getByText(t(l).homeToday.title).first(), phone: true },
  { name: 'accounts', path: '/accounts?sort=name', ready: (p) => p.getByText('Contoso Pharma GmbH').first(), phone: true },
  { name: 'account', path: '/accounts/:account', ready: (p) => heading(p, '上海星辰科技有限公司'), phone: true },
  { name: 'contact', path: '/contacts/:contact', ready: (p) => heading(p, '张伟') },
  { name: 'leads', path: '/leads', ready: (p) => p.getByText('苏州工业园区精密机械厂').first() },
  { name: 'lead', path: '/leads/:lead', ready: (p) => heading(p, '吴磊'), phone: true },
  {
    name: 'lead-convert', path: '/leads/:lead', ready: (p) => heading(p, '吴磊'),
    then: async (p, l) => {
      await p.getByRole('button', { name: named(t(l).sales.convert.action) }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  { name: 'opportunities', path: '/opportunities', ready: (p) => p.getByText('CRM 升级').first() },
  {
    name: 'opportunity-form', path: '/opportunities', ready: (p) => p.getByText('CRM 升级').first(),
    then: async (p, l) => {
      await p.getByRole('button', { name: named(`${t(l).common.new}${l === 'zh-CN' ? '' : ' '}${l === 'zh-CN' ? '商机' : 'Opportunity'}`) }).first().click();
      await p.getByRole('dialog').waitFor();
    },
  },
  { name: 'opportunity', path: '/opportunities/:opportunity', ready: (p) => heading(p, /星辰科技/) },
  { name: 'board', path: '/sales/board', ready: (p, l) => heading(p, t(l).sales.board.title), phone: true },
  { name: 'pools', path: '/sales/pools', ready: (p) => p.getByText(/公海/).first(), phone: true },
  { name: 'pool-accounts', path: '/sales/pools/:pool', ready: (p) => p.getByText('Contoso Pharma GmbH').first(), phone: true },
  { name: 'quotes', path: '/quotes', ready: (p) => p.getByText('专业版升级方案').first() },
  { name: 'quote', path: '/quotes/:sentQuote', ready: (p) => heading(p, /专业版升级方案/) },
  { name: 'quote-editor', path: '/sales/quotes/:draftQuote', ready: (p) => heading(p, /考勤终端采购/), phone: true },
  { name: 'quote-sent', path: '/sales/quotes/:sentQuote', ready: (p) => heading(p, /专业版升级方案/), phone: true },
  {
    name: 'quote-pdf', path: '/sales/quotes/:sentQuote', ready: (p) => heading(p, /专业版升级方案/),
    then: async (p, l) => { await p.getByRole('tab', { name: t(l).sales.quote.pdf }).click(); await p.waitForTimeout(1500); },
  },
  { name: 'contracts', path: '/contracts', ready: (p) => p.getByText('实施服务合同').first() },
  { name: 'contract', path: '/sales/contracts/:contract', ready: (p) => heading(p, /CRM 企业版年度合同/), phone: true },
  { name: 'activities', path: '/activities', ready: (p) => p.getByText('上门拜访').first() },
  { name: 'target', path: '/targets/:target', ready: (p, l) => p.getByText(t(l).sales.targets.completion).first() },
  { name: 'tasks', path: '/tasks', ready: (p) => p.getByText('准备报价单').first() },
  {
    name: 'search', path: '/', ready: (p, l) => p.getByText(t(l).homeToday.title).first(), phone: true,
    then: async (p, l) => {
      const phone = p.viewportSize()!.width <= PHONE.width;
      if (phone) await p.getByRole('button', { name: t(l).search.title }).click();
      else await p.keyboard.press('Control+k');
      await p.getByRole('combobox', { name: t(l).search.title }).fill('星辰');
      await p.getByRole('option').first().waitFor();
    },
  },
  { name: 'settings-profile', path: '/settings/profile', ready: (p, l) => heading(p, t(l).settings.nav.profile), phone: true },
  { name: 'settings-index', path: '/settings', ready: (p, l) => p.getByText(t(l).settings.nav.users).first(), desktop: false, phone: true },
  { name: 'settings-users', path: '/settings/users', ready: (p) => p.getByText('zhangwei@demo.rapport.local').first() },
  { name: 'settings-departments', path: '/settings/departments', ready: (p) => p.getByText('华东销售部').first() },
  { name: 'settings-roles', path: '/settings/roles', ready: (p, l) => heading(p, t(l).settings.nav.roles) },
  { name: 'settings-role-grid', path: '/settings/roles/:role', ready: (p, l) => p.getByRole('button', { name: new RegExp(`· ${t(l).settings.actions.read}:`) }).first() },
  { name: 'settings-objects', path: '/settings/objects', ready: (p, l) => heading(p, t(l).settings.nav.objects) },
  { name: 'settings-field-designer', path: '/settings/objects/accounts', ready: (p) => p.getByText('creditCode').first() },
  { name: 'settings-pipelines', path: '/settings/pipelines', ready: (p) => p.getByText(/Channel pipeline/).first() },
  { name: 'settings-pools', path: '/settings/pools', ready: (p) => p.getByText(/Public pool/).first() },
  { name: 'settings-numbering', path: '/settings/numbering', ready: (p, l) => heading(p, t(l).settings.nav.numbering) },
  { name: 'settings-api-keys', path: '/settings/api-keys', ready: (p) => p.getByText('ERP 集成 ERP integration').first() },
  { name: 'settings-webhooks', path: '/settings/webhooks', ready: (p) => p.getByText('ERP 同步 ERP sync').first() },
  { name: 'settings-webhook-deliveries', path: '/settings/webhooks/:webhook', ready: (p) => p.getByText('204').first() },
];

function resolve(path: string): string {
  const ids: Record<string, string> = {
    account: demo.account.id, contact: demo.contact.id, lead: demo.lead.id, opportunity: demo.opportunity.id,
    draftQuote: demo.draftQuote.id, sentQuote: demo.sentQuote.id, contract: demo.contract.id, target: demo.target.id, pool: demo.poolId, role: demo.repRoleId, webhook: demo.webhookId,
  };
  return path.replace(/:(\w+)/g, (_m, k: string) => ids[k]);
}

for (const phone of [false, true]) {
  describe.each(['zh-CN', 'en-US'] as Lang[])(`main screens ${phone ? 'at phone width' : 'on a desktop'} (%s)`, (lang) => {
    const suffix = `${lang}${phone ? '.phone' : ''}`;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      context = await newContext(browser, inject('baseUrl'), lang, phone);
      page = await context.newPage();
      page.on('pageerror', (err) => errors.push(String(err)));
      await signIn(page, lang);
    });
    afterEach(async ({ task }) => {
      if (task.result?.state === 'fail') await shot(page, `FAILED-screens-${task.name.replace(/\W+/g, '-')}.${suffix}`);
    });
    afterAll(async () => {
      await context?.close();
      await browser?.close();
    });

    it('sign-in', async () => {
      const guest = await (await newContext(browser, inject('baseUrl'), lang, phone)).newPage();
      try {
        await guest.goto('/login');
        await guest.getByRole('button', { name: named(t(lang).auth.submit) }).waitFor();
        await expectClean(guest, phone);
        await shot(guest, `screen-sign-in.${suffix}`);
      } finally {
        await guest.context().close();
      }
    });

    for (const screen of SCREENS.filter((s) => (phone ? s.phone : s.desktop !== false))) {
      it(screen.name, async () => {
        errors.length = 0;
        await page.goto(resolve(screen.path));
        await screen.ready(page, lang).waitFor();
        await settled(page);
        await screen.then?.(page, lang);
        await expectClean(page, phone);
        await shot(page, `screen-${screen.name}.${suffix}`);
        expect(errors).toEqual([]);
      });
    }

    it('notifications', async () => {
      await page.goto('/');
      await page.getByText(t(lang).homeToday.title).first().waitFor();
      // The badge says what the server says is unread, and the panel lists the same notifications.
      const { unreadCount } = await api.get<{ unreadCount: number }>('/notifications/unread-count');
      const bell = page.getByRole('button', { name: new RegExp(`^${t(lang).notifications.title}`) });
      expect(await bell.getAttribute('aria-label')).toBe(unreadCount ? t(lang).notifications.unread_other.replace('{{count}}', String(unreadCount)) : t(lang).notifications.title);
      await bell.click();
      const panel = page.locator('.ant-popover:not(.ant-popover-hidden)');
      await panel.getByText(t(lang).notifications.readAll).waitFor();
      await settled(page);
      const listed = await api.get<{ data: Array<{ title: string }> }>('/notifications', { limit: 20 });
      if (listed.data.length === 0) await panel.getByText(t(lang).notifications.empty).waitFor();
      else await expect.poll(() => panel.locator('.ant-list-item').count()).toBe(listed.data.length);
      await expectClean(page, phone);
      await shot(page, `screen-notifications.${suffix}`);
      await page.keyboard.press('Escape');
    });

    if (phone) {
      it('more-menu', async () => {
        await page.goto('/');
        await page.locator('nav.rp-bottom-nav').getByRole('button', { name: t(lang).nav.more }).click();
        await page.getByRole('menuitem', { name: t(lang).nav.board }).waitFor();
        await expectClean(page, phone);
        await shot(page, `screen-more-menu.${suffix}`);
      });
    }
  });
}
