import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchBrowser, MESSAGES, named, newContext, shot, signIn, uniqueName } from './browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server-harness';

/**
 * An administrator sets the workspace up in the browser: a custom field on accounts that the record screens
 * pick up at once, two departments, a role that reaches only its own department's accounts, and a rep holding
 * it. The rep then cannot open an account owned by someone in the other department.
 */
describe('administrator set-up (en-US)', () => {
  const lang = 'en-US' as const;
  const m = MESSAGES[lang];
  const s = m.settings;
  const token = uniqueName('Setup').split(' ')[1];
  const fieldLabel = `Tier ${token}`;
  const deptA = `Field sales ${token}`;
  const deptB = `Key accounts ${token}`;
  const roleName = `Department accounts ${token}`;
  const repEmail = `rep.${token}@example.com`;
  const repPassword = `Rep-pass-${token}9`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: APIRequestContext;
  let csrf = '';
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    // Records the test is not about (who owns which account) are made through the API, as an integration would.
    api = await request.newContext({ baseURL: inject('baseUrl') });
    const login = await api.post('/api/v1/auth/login', { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-admin-${task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await api?.dispose();
    await context?.close();
    await browser?.close();
  });

  async function post<T>(path: string, data: unknown): Promise<T> {
    const res = await api.post(path, { data, headers: { 'X-CSRF-Token': csrf } });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return (await res.json()) as T;
  }

  it('adds a select field to accounts in the field designer', async () => {
    await signIn(page, lang);
    await page.goto('/settings/objects/accounts');
    await page.getByRole('button', { name: named(s.fields.new) }).first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel(s.fields.type, { exact: true }).click();
    await page.keyboard.type(s.fieldTypes.select);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: s.fieldTypes.select }).click();
    // A select field asks for its choices, each in both languages.
    const choiceEn = (i: number) => drawer.getByLabel(`${s.common.labelEn} ${i}`, { exact: true });
    const choiceZh = (i: number) => drawer.getByLabel(`${s.common.labelZh} ${i}`, { exact: true });
    await choiceEn(1).waitFor();
    await drawer.getByLabel(s.common.labelEn, { exact: true }).fill(fieldLabel);
    await drawer.getByLabel(s.common.labelZh, { exact: true }).fill(`等级 ${token}`);
    await choiceEn(1).fill('Gold');
    await choiceZh(1).fill('金牌');
    await choiceEn(2).fill('Silver');
    await choiceZh(2).fill('银牌');
    await drawer.getByRole('checkbox', { name: new RegExp(`^${s.fields.filterable}`) }).check();
    // The API name was suggested from the English label.
    expect(await drawer.getByLabel(s.fields.apiName, { exact: true }).inputValue()).toBe(`tier${token[0].toUpperCase()}${token.slice(1).toLowerCase()}`);
    await drawer.getByRole('button', { name: named(s.fields.add) }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: fieldLabel }).waitFor();
    await shot(page, 'admin-01-field-added');
  });

  it('finds the new field in the account form, the column chooser and the filter builder', async () => {
    // An empty list draws no table: one account gives the columns somewhere to appear.
    await post('/api/v1/accounts', { name: `Column check ${token} Ltd` });
    await page.goto('/accounts');
    await page.getByRole('button', { name: named(`${m.common.new} Account`) }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(fieldLabel, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: 'Gold' }).waitFor();
    await shot(page, 'admin-02-field-in-form');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal-close').click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: named(m.columns.title) }).click();
    // Ticking moves the field into the shown list, so the box is re-drawn: click, then look at the table.
    await page.locator('.ant-popover').getByRole('checkbox', { name: fieldLabel }).click();
    await expect.poll(() => page.locator('.ant-popover').getByRole('checkbox', { name: fieldLabel }).isChecked()).toBe(true);
    await page.getByRole('columnheader', { name: fieldLabel }).waitFor();
    await page.getByRole('button', { name: named(m.columns.title) }).click();

    await page.getByRole('button', { name: named(m.filter.title) }).click();
    await page.getByRole('button', { name: named(m.filter.addCondition) }).click();
    await page.getByLabel(m.filter.field).last().click();
    await page.keyboard.type(fieldLabel);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: fieldLabel });
    await option.waitFor();
    await shot(page, 'admin-03-field-in-filter');
    await option.click();
    await page.keyboard.press('Escape');
  });

  it('creates two departments', async () => {
    for (const name of [deptA, deptB]) {
      await page.goto('/settings/departments');
      await page.getByRole('button', { name: named(s.departments.new) }).click();
      const modal = page.getByRole('dialog');
      await modal.getByLabel(s.departments.name, { exact: true }).fill(name);
      await modal.getByRole('button', { name: named(s.common.create) }).click();
      await page.locator('.ant-tree-treenode', { hasText: name }).waitFor();
    }
    await shot(page, 'admin-04-departments');
  });

  it('creates a role that reads and edits accounts of its own department only', async () => {
    await page.goto('/settings/roles');
    await page.getByRole('button', { name: named(s.roles.new) }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel(s.roles.name, { exact: true }).fill(roleName);
    await modal.getByRole('button', { name: named(s.roles.createAndEdit) }).click();
    await page.waitForURL(/\/settings\/roles\/[0-9a-f-]{36}$/);
    for (const action of [s.actions.read, s.actions.update]) {
      const cell = page.getByRole('button', { name: new RegExp(`^Accounts · ${action}:`) });
      await cell.click();
      await page.getByRole('menuitem', { name: s.scopes.department, exact: true }).click();
      await expect.poll(() => cell.getAttribute('aria-label')).toBe(`Accounts · ${action}: ${s.scopes.department}`);
      // A closing menu stays on screen for its animation; the next cell's menu must be the only one.
      await expect.poll(() => page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').count()).toBe(0);
    }
    await shot(page, 'admin-05-role-grid');
    await page.getByRole('button', { name: named(m.common.save) }).click();
    await page.getByText(s.roles.saved).waitFor();
  });

  it('creates a rep in the first department holding the role', async () => {
    await page.goto('/settings/users');
    await page.getByRole('button', { name: named(s.users.new) }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel(s.users.email, { exact: true }).fill(repEmail);
    await drawer.getByLabel(s.users.name, { exact: true }).fill(`Rep ${token}`);
    await drawer.getByLabel(s.users.initialPassword, { exact: true }).fill(repPassword);
    await drawer.getByLabel(s.users.department, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: deptA }).click();
    await drawer.getByLabel(s.users.roles, { exact: true }).click();
    await page.keyboard.type(roleName);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: roleName }).click();
    // Escape would close the drawer too; clicking its title only closes the option list.
    await page.locator('.ant-drawer-title').click();
    await shot(page, 'admin-06-new-user');
    await drawer.getByRole('button', { name: named(s.common.create) }).click();
    await page.locator('.ant-table-row', { hasText: repEmail }).waitFor();
    expect(errors).toEqual([]);
  });

  it('keeps the rep out of an account owned in the other department', async () => {
    const users = await (await api.get('/api/v1/users', { params: { q: token, limit: 50 } })).json() as { data: Array<{ id: string; email: string }> };
    const rep = users.data.find((u) => u.email === repEmail)!;
    const departments = await (await api.get('/api/v1/departments')).json() as { data: Array<{ id: string; name: string }> };
    const other = await post<{ id: string }>('/api/v1/users', {
      email: `owner.${token}@example.com`, name: `Owner ${token}`, departmentId: departments.data.find((d) => d.name === deptB)!.id,
    });
    const hidden = await post<{ id: string }>('/api/v1/accounts', { name: `Hidden ${token} Ltd`, ownerId: other.id });
    const visible = await post<{ id: string }>('/api/v1/accounts', { name: `Visible ${token} Ltd`, ownerId: rep.id });

    const repContext = await newContext(browser, inject('baseUrl'), lang);
    try {
      const repPage = await repContext.newPage();
      repPage.on('pageerror', (err) => errors.push(String(err)));
      await repPage.goto('/login');
      await repPage.getByLabel(m.auth.email).fill(repEmail);
      await repPage.getByLabel(m.auth.password).fill(repPassword);
      await repPage.getByRole('button', { name: named(m.auth.submit) }).click();
      await repPage.waitForURL((url) => !url.pathname.startsWith('/login'));

      await repPage.goto(`/accounts/${visible.id}`);
      await repPage.getByRole('heading', { name: `Visible ${token} Ltd` }).waitFor();

      await repPage.goto(`/accounts/${hidden.id}`);
      await repPage.getByText(m.detail.notFound).waitFor();
      expect(await repPage.getByText(`Hidden ${token} Ltd`).count()).toBe(0);
      await shot(repPage, 'admin-07-rep-not-found');

      // Nor is it in the rep's list or the administration screens.
      await repPage.goto('/settings');
      expect(await repPage.getByRole('menuitem', { name: s.nav.users }).count()).toBe(0);
    } finally {
      await repContext.close();
    }
    expect(errors).toEqual([]);
  });
});
