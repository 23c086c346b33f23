import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiClient, type ApiClient, type Row } from './api-client';
import { chooseOption, launchBrowser, MESSAGES, named, newContext, shot, signIn, uniqueName } from './browser';
import { openNewQuoteEditor } from './quote-steps';

/**
 * A rep's selling day in zh-CN on the real server: an opportunity created in the form and dragged across the
 * board (and a drag that loses to someone else's change, rolled back with a message), a quote built line by
 * line whose live total is the one the server stores, its PDF downloaded, the public pool's claim limit and
 * cooldown explained in words, and a contract's payment plan, payment and invoice recorded on its page.
 */
describe('sales day (zh-CN)', () => {
  const lang = 'zh-CN' as const;
  const m = MESSAGES[lang];
  const s = m.sales;
  const token = uniqueName('销售').split(' ')[1];
  const dealName = `星辰二期扩容 ${token}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ApiClient;
  let deal: Row;
  const errors: string[] = [];

  beforeAll(async () => {
    api = await apiClient(inject('baseUrl'));
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    // A refused request is the first thing to know when a step stalls.
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url().includes('/api/')) void r.text().then((body) => console.log(`${r.status()} ${r.request().method()} ${r.url()}: ${body.slice(0, 400)}`));
    });
    await signIn(page, lang);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-sales-${task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.dispose();
  });

  const column = (stage: string) => page.locator(`section[data-stage="${stage}"]`);
  const card = (name: string) => page.locator('section[data-stage]').locator('.ant-card', { hasText: name });

  /** Drags with the mouse the way a person does: press, move in small steps past the threshold, release. */
  async function drag(from: Locator, to: Locator): Promise<void> {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + 120, { steps: 12 });
    await page.mouse.up();
  }

  /** Types a date and closes the calendar by clicking the dialog's title (Enter would submit the form). */
  async function fillDate(dialog: Locator, label: string, value: string): Promise<void> {
    await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.locator('.ant-modal-title').click();
    await expect.poll(() => dialog.getByLabel(label, { exact: true }).inputValue()).toBe(value);
  }

  it('creates an opportunity in the form', async () => {
    await page.goto('/opportunities');
    await page.getByRole('button', { name: named(`${m.common.new}商机`) }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill(dealName);
    await dialog.getByLabel('客户', { exact: true }).click();
    await dialog.getByLabel('客户', { exact: true }).fill('上海星辰');
    await chooseOption(page, '上海星辰科技有限公司');
    await dialog.getByLabel('阶段', { exact: true }).click();
    await chooseOption(page, '验证客户');
    await dialog.getByLabel('金额', { exact: true }).fill('120000');
    await dialog.getByLabel('币种', { exact: true }).click();
    await chooseOption(page, 'CNY');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await page.waitForURL(/\/opportunities\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: dealName }).waitFor();
    deal = await api.find('opportunities', dealName);
    expect(deal.stage).toBe('qualification');
  });

  it('lists the products on the deal, and the amount follows their total', async () => {
    const card = page.locator('.ant-card', { hasText: s.products.title });
    await card.getByRole('button', { name: named(s.products.add) }).click();
    await card.getByLabel(s.quote.lineName).fill('CRM 专业版许可');
    await card.getByLabel(s.quote.quantity).fill('2');
    await card.getByLabel(s.quote.unitPrice).fill('60000');
    await card.getByLabel(s.quote.discountRate).fill('10');
    await card.getByText('¥108,000.00').first().waitFor();
    await card.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByText(s.products.saved).waitFor();
    await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).amount).toBe('108000.00');
    // The header's amount is the new total too.
    await page.getByText('¥108,000.00').first().waitFor();
    deal = await api.get(`/opportunities/${deal.id}`);
  });

  it('drags it to the next stage on the board', async () => {
    await page.goto('/sales/board');
    await card(dealName).waitFor();
    expect(await column('qualification').locator('.ant-card', { hasText: dealName }).count()).toBe(1);
    await shot(page, 'sales-01-board-before-drag.zh-CN');
    await drag(card(dealName), column('needs'));
    await page.getByText(s.board.moved.replace('{{name}}', dealName).replace('{{stage}}', '需求分析')).waitFor();
    await column('needs').locator('.ant-card', { hasText: dealName }).waitFor();
    await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).stage).toBe('needs');
    await shot(page, 'sales-02-board-after-drag.zh-CN');
  });

  it('rolls a drag back with a message when someone else changed the opportunity meanwhile', async () => {
    // A colleague edits the deal after this board loaded it: the board still holds the old version.
    const current = await api.get(`/opportunities/${deal.id}`);
    await api.patch(`/opportunities/${deal.id}`, { amount: '150000' }, { 'If-Match': `"${String(current.version)}"` });
    await drag(card(dealName), column('proposal'));
    await page.getByText(s.board.conflict).waitFor();
    await shot(page, 'sales-03-board-conflict.zh-CN');
    // Back where the server has it, with the colleague's amount once the board reloads.
    await column('needs').locator('.ant-card', { hasText: dealName }).filter({ hasText: '¥150,000.00' }).waitFor();
    expect(await column('proposal').locator('.ant-card', { hasText: dealName }).count()).toBe(0);
    expect((await api.get(`/opportunities/${deal.id}`)).stage).toBe('needs');

    // The column adds up its deals as the server has them, and weights them by the stage's probability.
    const pipelines = await api.get<{ data: Array<{ id: string; isDefault: boolean; stages: Array<{ key: string; probability: number }> }> }>('/sales/pipelines');
    const main = pipelines.data.find((p) => p.isDefault)!;
    const inNeeds = (await api.get<{ data: Row[] }>('/opportunities', {
      filter: JSON.stringify({ and: [{ field: 'pipelineId', op: 'eq', value: main.id }, { field: 'stage', op: 'eq', value: 'needs' }] }), limit: 200,
    })).data;
    const cents = inNeeds.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
    const yuan = (c: number) => `¥${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const probability = main.stages.find((st) => st.key === 'needs')!.probability;
    await column('needs').getByText(`${s.board.total}: ${yuan(cents)}`).waitFor();
    await column('needs').getByText(`${s.board.weighted}: ${yuan(Math.round((cents * probability) / 100))}`).waitFor();
  });

  it('shows the open pipeline on the home page as the server counts it', async () => {
    await page.goto('/');
    const open = (await api.get<{ data: Row[] }>('/opportunities', { filter: JSON.stringify({ field: 'status', op: 'eq', value: 'open' }), limit: 200 })).data;
    const card = page.locator('.ant-card', { hasText: m.homeToday.openOpps });
    await expect.poll(() => card.locator('.ant-statistic-content-value').textContent()).toBe(String(open.length));
    await page.locator('.ant-card', { hasText: m.homeToday.weighted }).locator('.ant-statistic-content-value').waitFor();
    // This month's target completion, as the server computes it for the card's company target.
    const now = new Date();
    const period = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const completion = async () => (await api.get<{ data: Array<{ scope: string; rate: string | null }> }>('/targets/completion', { period })).data;
    if (!(await completion()).some((c) => c.scope === 'company')) {
      await api.post('/targets', { name: uniqueName('本月公司目标'), scope: 'company', metric: 'contractAmount', year: now.getFullYear(), month: now.getMonth() + 1, amount: '1000000' });
    }
    const rows = await completion();
    const company = rows.find((c) => c.scope === 'company')!;
    await page.reload();
    const targetCard = page.locator('.ant-card', { hasText: m.homeToday.target });
    await expect.poll(() => targetCard.locator('.ant-statistic-content-value').textContent())
      .toBe(company.rate == null ? '—' : `${Number(company.rate).toFixed(1)}%`);
    await shot(page, 'sales-00-home.zh-CN');
  });

  it('shares the deal with a colleague who may edit it', async () => {
    await page.goto(`/opportunities/${deal.id}`);
    await page.getByRole('button', { name: named(s.team.add) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: s.team.member }).click();
    await page.keyboard.type('李娜');
    await chooseOption(page, '李娜');
    await dialog.getByText(s.team.access.edit).click();
    await dialog.getByRole('button', { name: named(s.team.add) }).click();
    await page.getByText(s.team.added).waitFor();
    const card = page.locator('.ant-card', { hasText: s.team.title });
    await card.getByText('李娜').waitFor();
    await card.getByText(s.team.access.edit).waitFor();
    const lina = (await api.get<{ data: Row[] }>('/users', { q: 'lina' })).data[0];
    const team = await api.get<{ members: Array<{ userId: string; access: string }> }>(`/opportunities/${deal.id}/team`);
    expect(team.members).toContainEqual(expect.objectContaining({ userId: lina.id, access: 'edit' }));
  });

  it('builds a quote whose live total is the one the server stores, and downloads its PDF', async () => {
    const quoteId = await openNewQuoteEditor(page, deal.id, `${dealName} 报价`);

    await page.getByRole('button', { name: named(s.quote.addLine) }).click();
    await page.getByLabel(s.quote.lineName).fill('CRM 专业版许可');
    await page.getByLabel(s.quote.quantity).fill('3');
    await page.getByLabel(s.quote.unitPrice).fill('100');
    await page.getByLabel(s.quote.taxRate).fill('13');
    // A discount over 100 % passes the browser's number check; the server's objection shows under the field.
    await page.getByLabel(s.quote.discountRate).fill('150');
    await page.getByRole('button', { name: named(m.common.save) }).click();
    const discountCell = page.getByRole('cell').filter({ has: page.getByLabel(s.quote.discountRate) });
    await discountCell.getByRole('alert').waitFor();
    expect(await discountCell.getByRole('alert').textContent()).toMatch(/100/);
    await shot(page, 'sales-04a-quote-line-error.zh-CN');
    await page.getByLabel(s.quote.discountRate).fill('10');
    await expect.poll(() => discountCell.getByRole('alert').count()).toBe(0);
    // 3 × 100, 10 % off, 13 % tax on the rest: 305.10, before anything is saved.
    await expect.poll(() => page.getByTestId('quote-total').textContent()).toBe('¥305.10');
    await shot(page, 'sales-04-quote-lines.zh-CN');
    await page.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByText(s.quote.saved.replace('{{total}}', '¥305.10')).waitFor();
    const stored = await api.get(`/quotes/${quoteId}`);
    expect(stored.total).toBe('305.10');
    await expect.poll(() => page.getByTestId('quote-total').textContent()).toBe(`¥${String(stored.total)}`);

    await page.getByRole('tab', { name: s.quote.pdf }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: named(s.quote.download) }).click()]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('explains the pool’s daily claim limit and cooldown in words', async () => {
    const root = (await api.get<{ data: Array<{ id: string; parentId: string | null }> }>('/departments')).data.find((d) => d.parentId === null)!;
    const pool = await api.post('/sales/pools', { name: `限领公海 ${token}`, departmentIds: [root.id], claimDailyCap: 1, cooldownDays: 7, rules: [] });
    const me = (await api.get<{ user: { id: string } }>('/auth/me')).user;
    const colleague = (await api.get<{ data: Row[] }>('/users', { q: 'zhangwei' })).data[0];
    const names = ['甲', '乙', '丙'].map((n) => `公海测试${n} ${token}`);
    const accounts = [];
    // Two customers a colleague gave up go to the pool; the third is this rep's own, released on its page.
    for (const [i, name] of names.entries()) accounts.push(await api.post('/accounts', { name, ownerId: i < 2 ? colleague.id : me.id }));
    for (const a of accounts.slice(0, 2)) await api.post(`/accounts/${a.id}/release`, { reason: '长期未跟进', poolId: pool.id });

    await page.goto(`/accounts/${accounts[2].id}`);
    await page.getByRole('button', { name: named(s.actions.release) }).click();
    const releaseDialog = page.getByRole('dialog');
    await releaseDialog.getByLabel(s.pools.reason).fill('客户暂无预算，明年再跟');
    await shot(page, 'sales-05-release-with-reason.zh-CN');
    await releaseDialog.getByRole('button', { name: named(s.actions.release) }).click();
    await page.getByText(s.pools.released).waitFor();
    await page.getByRole('button', { name: named(s.pools.claim) }).waitFor();

    // It went to the rep's own department pool (the demo one); move it here for the cooldown check.
    await api.post(`/accounts/${accounts[2].id}/assign`, { ownerId: me.id });
    await api.post(`/accounts/${accounts[2].id}/release`, { reason: '移到限领公海', poolId: pool.id });

    await page.goto(`/sales/pools/${pool.id}`);
    const row = (name: string) => page.locator('.ant-table-row', { hasText: name });
    await row(names[0]).waitFor();
    await row(names[0]).getByRole('button', { name: named(s.pools.claim) }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: named(s.pools.claim) }).click();
    await page.getByText(s.pools.claimed.replace('{{name}}', names[0])).waitFor();
    await row(names[0]).waitFor({ state: 'hidden' });

    // The second claim today is over the limit of one: the reason is spelled out, not a bare error.
    await row(names[1]).getByRole('button', { name: named(s.pools.claim) }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: named(s.pools.claim) }).click();
    const alert = page.getByRole('alert').filter({ hasText: s.pools.actionFailed });
    await alert.getByText('今天从该公海领取的客户已达上限（1 个），请明天再试。').waitFor();
    await shot(page, 'sales-06-pool-claim-cap.zh-CN');
    await alert.locator('.ant-alert-close-icon').click();

    // The customer this rep released cannot come straight back: the message says until when, in local time.
    await row(names[2]).getByRole('button', { name: named(s.pools.claim) }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: named(s.pools.claim) }).click();
    const cooldown = page.getByRole('alert').filter({ hasText: '之前不能重新领取' });
    await cooldown.waitFor();
    const text = (await cooldown.textContent()) ?? '';
    expect(text).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 之前不能重新领取/);
    expect(text).not.toMatch(/T\d{2}:\d{2}/);
    expect(await row(names[1]).count()).toBe(1);
    expect(await row(names[2]).count()).toBe(1);

    // A pool administrator hands the capped customer to a colleague instead.
    await cooldown.locator('.ant-alert-close-icon').click();
    await row(names[1]).getByRole('button', { name: named(s.pools.assign) }).click();
    const assignDialog = page.getByRole('dialog');
    await assignDialog.getByRole('combobox').click();
    await page.keyboard.type('张伟');
    await chooseOption(page, '张伟');
    await assignDialog.getByRole('button', { name: named(s.pools.assign) }).click();
    await page.getByText(s.pools.assigned.replace('{{name}}', names[1])).waitFor();
    await row(names[1]).waitFor({ state: 'hidden' });
    expect((await api.get(`/accounts/${accounts[1].id}`)).ownerId).toBe(colleague.id);
  });

  it('records a payment plan, a payment and an invoice on the contract page', async () => {
    const account = await api.find('accounts', '上海星辰科技');
    const contract = await api.post('/contracts', { name: `星辰二期合同 ${token}`, accountId: account.id, amount: '10000.00', currency: 'CNY', status: 'active' });
    await page.goto(`/sales/contracts/${contract.id}`);
    await page.getByText(s.contract.none.paymentPlans).waitFor();
    await shot(page, 'sales-07-contract-empty.zh-CN');

    await page.getByRole('button', { name: named(s.contract.add.paymentPlans) }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill('首期款');
    await fillDate(dialog, '计划回款日期', '2030-06-30');
    await dialog.getByLabel('计划回款金额', { exact: true }).fill('6000');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: '首期款' }).waitFor();

    await page.getByRole('button', { name: named(s.contract.add.payments) }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill('首期款到账');
    await dialog.getByLabel('回款金额', { exact: true }).fill('6000');
    await fillDate(dialog, '回款日期', '2026-01-15');
    await dialog.getByLabel('回款计划', { exact: true }).click();
    await chooseOption(page, '首期款');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: '首期款到账' }).waitFor();

    await page.getByRole('button', { name: named(s.contract.add.invoices) }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill('首期款发票');
    await dialog.getByLabel('开票金额', { exact: true }).fill('6000');
    await dialog.getByLabel('状态', { exact: true }).click();
    await chooseOption(page, '已开票');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    // An issued invoice needs its title and the buyer's tax number; the server says so beside each field.
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await shot(page, 'sales-07a-invoice-errors-beside-fields.zh-CN');
    await dialog.getByLabel('发票抬头', { exact: true }).fill('上海星辰科技有限公司');
    await dialog.getByLabel('纳税人识别号', { exact: true }).fill('91310115MA1H7ABC3Y');
    await dialog.getByRole('button', { name: named(m.form.create) }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: '首期款发票' }).waitFor();

    // The summary adds up what was recorded, and the plan shows as paid.
    const summary = page.locator('.ant-statistic');
    await expect.poll(() => summary.filter({ hasText: s.contract.received }).textContent()).toContain('¥6,000.00');
    await expect.poll(() => summary.filter({ hasText: s.contract.due }).textContent()).toContain('¥4,000.00');
    await expect.poll(() => summary.filter({ hasText: s.contract.invoiced }).textContent()).toContain('¥6,000.00');
    await page.getByText('已回款', { exact: true }).first().waitFor();
    const plans = await api.get<{ data: Row[] }>('/paymentPlans', { filter: JSON.stringify({ field: 'contractId', op: 'eq', value: contract.id }) });
    expect(plans.data.map((p) => [p.amount, p.paidAmount, p.status])).toEqual([['6000.00', '6000.00', 'paid']]);
    await shot(page, 'sales-08-contract-finances.zh-CN');
    expect(errors).toEqual([]);
  });
});
