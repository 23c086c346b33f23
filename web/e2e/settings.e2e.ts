import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiClient, type ApiClient, type Row } from './api-client';
import { chooseOption, launchBrowser, MESSAGES, named, newContext, shot, signIn, uniqueName } from './browser';

/**
 * An administrator's settings, each checked where it takes effect: a custom object in the menu with its own
 * list and form, a field hidden from a role, a pipeline on the board, a pool's limits on the pool screen,
 * a numbering rule on the next contract, an API key that works until revoked, and a webhook's delivery log.
 */
describe('settings take effect (en-US)', () => {
  const lang = 'en-US' as const;
  const m = MESSAGES[lang];
  const s = m.settings;
  const token = uniqueName('set').split(' ')[1];
  const tokenCap = token.replace(/\d/g, '').slice(0, 6);
  let api: ApiClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: http.Server;
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const errors: string[] = [];

  beforeAll(async () => {
    api = await apiClient(inject('baseUrl'));
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => { received.push({ headers: req.headers, body }); res.writeHead(200).end('ok'); });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    await signIn(page, lang);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-settings-${task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.dispose();
    await new Promise((r) => receiver?.close(r));
  });

  it('creates a custom object that appears in the menu with a list, an empty state and a form', async () => {
    await page.goto('/settings/objects');
    await page.getByRole('button', { name: named(s.objects.new) }).first().click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel(s.objects.labelZh).fill(`项目${tokenCap}`);
    await modal.getByLabel(s.objects.labelEn).fill(`Project ${tokenCap}`);
    await modal.getByLabel(s.objects.pluralZh).fill(`项目${tokenCap}`);
    await modal.getByLabel(s.objects.pluralEn).fill(`Projects ${tokenCap}`);
    const apiName = await modal.getByLabel(s.fields.apiName).inputValue();
    expect(apiName).toMatch(/^projects/);
    await modal.getByRole('button', { name: named(s.common.create) }).click();
    await page.waitForURL(new RegExp(`/settings/objects/${apiName}$`));

    await page.getByRole('menuitem', { name: `Projects ${tokenCap}` }).click();
    await page.waitForURL(new RegExp(`/${apiName}$`));
    await page.getByText(m.records.empty).waitFor();
    await shot(page, 'settings-01-custom-object-empty.en-US');
    await page.locator('.ant-empty').getByRole('button', { name: named(`New Project ${tokenCap}`) }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Name', { exact: true }).fill(`Warehouse rollout ${token}`);
    await form.getByRole('button', { name: named(m.form.create) }).click();
    await page.getByRole('heading', { name: `Warehouse rollout ${token}` }).waitFor();
    expect((await api.get<{ data: Row[] }>(`/${apiName}`)).data.map((r) => r.name)).toEqual([`Warehouse rollout ${token}`]);
  });

  it('hides a field from a role, so its holders never receive it', async () => {
    const role = await api.post('/roles', { name: `No phones ${token}`, permissions: { '*': { read: 'all', create: 'own', update: 'own' } } });
    await page.goto(`/settings/roles/${role.id}`);
    await page.getByRole('tab', { name: s.roles.fieldAccessTab }).click();
    await page.getByRole('combobox', { name: s.roles.object }).click();
    await page.keyboard.type('Accounts');
    await chooseOption(page, 'Accounts');
    await page.getByRole('radiogroup', { name: 'Phone' }).getByText(s.fieldAccess.hidden).click();
    await shot(page, 'settings-02-field-access.en-US');
    await page.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByText(s.roles.saved).waitFor();

    const password = `Holder-${token}-pw1`;
    await api.post('/users', { email: `holder.${token}@example.com`, name: `Holder ${token}`, password, roleIds: [role.id] });
    const holder = await apiClient(inject('baseUrl'), `holder.${token}@example.com`, password);
    try {
      const account = await api.find('accounts', '上海星辰科技');
      expect(account.phone).toBeTruthy();
      const seen = await holder.get(`/accounts/${account.id}`);
      expect(seen.name).toBe(account.name);
      expect('phone' in seen).toBe(false);
    } finally {
      await holder.dispose();
    }
  });

  it('adds a pipeline that the board offers with its own stages and probabilities', async () => {
    await page.goto('/settings/pipelines');
    await page.getByRole('button', { name: named(s.pipelines.new) }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel(s.common.name, { exact: true }).fill(`Partners ${token}`);
    await drawer.getByLabel(s.pipelines.probability).nth(1).fill('45');
    await drawer.getByRole('button', { name: named(m.common.save) }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByText(`Partners ${token}`).waitFor();

    await page.goto('/sales/board');
    await page.locator('section[data-stage]').first().waitFor();
    // A few pipelines are tabs; more than three become a picker.
    const picker = page.getByRole('combobox', { name: m.sales.board.pipeline });
    if (await picker.count()) {
      await picker.click();
      await chooseOption(page, `Partners ${token}`);
    } else {
      await page.getByText(`Partners ${token}`).click();
    }
    await page.locator('section[data-stage="needs"]').waitFor({ state: 'detached' });
    await page.locator('section[data-stage]').first().waitFor();
    expect(await page.locator('section[data-stage]').evaluateAll((cols) => cols.map((c) => c.getAttribute('data-stage'))))
      .toEqual(['qualification', 'proposal', 'won', 'lost']);
    await page.locator('section[data-stage="proposal"]').getByText('45%').waitFor();
  });

  it('sets a pool’s limits, which the pool screen then explains', async () => {
    await page.goto('/settings/pools');
    await page.getByRole('button', { name: named(s.pools.new) }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel(s.common.name, { exact: true }).fill(`Overflow ${token}`);
    await drawer.getByLabel(s.pools.claimDailyCap).fill('3');
    await drawer.getByLabel(s.pools.cooldownDays).fill('2');
    await drawer.getByRole('button', { name: named(m.common.save) }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.goto('/sales/pools');
    const card = page.locator('.ant-card', { hasText: `Overflow ${token}` });
    await card.getByText(m.sales.pools.cap_other.replace('{{count}}', '3')).waitFor();
    await card.getByText(m.sales.pools.cooldown.replace('{{count}}', '2'), { exact: false }).waitFor();
  });

  it('changes the contract numbering, and the next contract follows it', async () => {
    await page.goto('/settings/numbering');
    const card = page.locator('.ant-card', { hasText: s.numbering.objects.contracts });
    const prefix = card.getByLabel(s.fields.prefix);
    const before = await prefix.inputValue();
    await prefix.fill('CT');
    await card.getByRole('button', { name: named(m.common.save) }).click();
    await card.getByText(/^CT-/).waitFor();
    try {
      const account = await api.find('accounts', '上海星辰科技');
      const contract = await api.post('/contracts', { name: `Numbered ${token}`, accountId: account.id, amount: '1000.00' });
      expect(String(contract.number)).toMatch(/^CT-\d{8}-\d{4}$/);
    } finally {
      await prefix.fill(before);
      await card.getByRole('button', { name: named(m.common.save) }).click();
      await card.getByText(new RegExp(`^${before}-`)).waitFor();
    }
  });

  it('creates an API key whose token works until it is revoked', async () => {
    await page.goto('/settings/api-keys');
    await page.getByRole('button', { name: named(s.apiKeys.new) }).first().click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel(s.apiKeys.name).fill(`Script ${token}`);
    await modal.getByRole('button', { name: named(s.apiKeys.create) }).click();
    const tokenText = await modal.getByLabel(s.apiKeys.token).inputValue();
    expect(tokenText.length).toBeGreaterThan(20);
    await shot(page, 'settings-03-api-key-once.en-US');
    await modal.getByRole('button', { name: named(s.apiKeys.copiedDone) }).click();

    const bearer = await request.newContext({ baseURL: inject('baseUrl'), extraHTTPHeaders: { Authorization: `Bearer ${tokenText}` } });
    try {
      expect((await bearer.get('/api/v1/accounts?limit=1')).status()).toBe(200);
      const row = page.locator('.ant-table-row', { hasText: `Script ${token}` });
      await row.getByRole('button', { name: named(s.apiKeys.revoke) }).click();
      await page.locator('.ant-modal-confirm, .ant-popover').getByRole('button', { name: named(s.apiKeys.revoke) }).click();
      await row.getByText(s.apiKeys.state.revoked).waitFor();
      expect((await bearer.get('/api/v1/accounts?limit=1')).status()).toBe(401);
    } finally {
      await bearer.dispose();
    }
  });

  it('adds a webhook, sends a test and shows signed deliveries in its log', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rapport/${token}`;
    await page.goto('/settings/webhooks');
    await page.getByRole('button', { name: named(s.webhooks.new) }).first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel(s.common.name, { exact: true }).fill(`Ledger ${token}`);
    await drawer.getByLabel(s.webhooks.url).fill(url);
    await drawer.getByRole('button', { name: named(s.common.create) }).click();
    // The signing secret is shown once, to be copied into the receiving system.
    expect((await drawer.getByLabel(s.webhooks.secret).inputValue()).length).toBeGreaterThan(20);
    await drawer.getByRole('button', { name: named(s.apiKeys.copiedDone) }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('.ant-table-row', { hasText: `Ledger ${token}` }).getByRole('button', { name: named(s.webhooks.deliveries) }).click();
    await page.getByRole('heading', { name: `Ledger ${token}` }).waitFor();
    // The header and the empty delivery log both offer the test; the header's is the one that stays.
    await page.getByRole('button', { name: named(s.webhooks.test) }).first().click();
    await page.getByText(s.webhooks.testOk.replace('{{status}}', '200')).waitFor();
    await page.locator('.ant-table-row', { hasText: s.webhooks.event.ping }).waitFor();
    const ping = received.find((r) => r.body.includes('ping') || r.headers['x-rapport-event'] === 'ping');
    expect(ping, 'the receiver got the test').toBeTruthy();
    expect(Object.keys(ping!.headers).some((h) => /signature/i.test(h))).toBe(true);

    // A real change is delivered too, and shows in the log after a refresh.
    await api.post('/accounts', { name: `Webhook check ${token}` });
    await expect.poll(async () => {
      await page.getByRole('button', { name: named(s.common.refresh) }).click();
      return page.locator('.ant-table-row', { hasText: s.webhooks.event.created }).count();
    }, { timeout: 60_000, interval: 2000 }).toBeGreaterThan(0);
    await shot(page, 'settings-04-webhook-log.en-US');
    expect(errors).toEqual([]);
  });
});
