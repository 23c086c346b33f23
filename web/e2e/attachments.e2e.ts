import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiClient, type ApiClient, type Row } from './api-client';
import { launchBrowser, MESSAGES, named, newContext, shot, signIn, uniqueName, type Lang } from './browser';

const CASES: Array<{ lang: Lang; phone: boolean }> = [
  { lang: 'zh-CN', phone: false }, { lang: 'en-US', phone: false }, { lang: 'zh-CN', phone: true },
];

describe.each(CASES)('record attachments: upload, list, download, delete ($lang, phone: $phone)', ({ lang, phone }) => {
  const m = MESSAGES[lang];
  const suffix = `${lang}${phone ? '.phone' : ''}`;
  const fileName = lang === 'zh-CN' ? '报价单 第3版.txt' : 'Quote v3.txt';
  const bytes = Buffer.from(`${fileName}\n单价 ¥1,280.00 × 12\n`, 'utf8');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ApiClient;
  let account: Row;
  const errors: string[] = [];

  beforeAll(async () => {
    api = await apiClient(inject('baseUrl'));
    account = await api.post('/accounts', { name: uniqueName(lang === 'zh-CN' ? '附件测试客户' : 'Attachment Co') });
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'), lang, phone);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    await signIn(page, lang);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-attachments-${task.name.replace(/\W+/g, '-')}.${suffix}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.dispose();
  });

  const card = () => page.getByTestId('attachments-card');

  it('offers an upload on the empty card', async () => {
    await page.goto(`/accounts/${account.id}`);
    if (phone) await page.getByRole('tab', { name: m.attachments.title }).click();
    await card().getByText(m.attachments.empty).waitFor();
    await shot(page, `attachments-empty.${suffix}`);
  });

  it('uploads a file and lists it with size and uploader', async () => {
    await card().locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: bytes });
    await card().getByText(fileName).waitFor();
    await expect.poll(async () => (await card().textContent()) ?? '').toContain(`${bytes.length} B`);
    const stored = await api.get<{ data: Row[] }>(`/accounts/${account.id}/attachments`);
    expect(stored.data.map((a) => a.fileName)).toEqual([fileName]);
    await shot(page, `attachments-listed.${suffix}`);
  });

  it('downloads the same bytes under the same name', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card().getByRole('link', { name: m.attachments.downloadName.replace('{{name}}', fileName) }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(fileName);
    const file = await download.path();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('deletes it after confirmation', async () => {
    await card().getByRole('button', { name: m.attachments.deleteName.replace('{{name}}', fileName) }).click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.locator('.ant-modal-confirm-title', { hasText: m.attachments.deleteConfirm.replace('{{name}}', fileName) }).waitFor();
    await shot(page, `attachments-delete-confirm.${suffix}`);
    await dialog.getByRole('button', { name: named(m.common.delete) }).click();
    await card().getByText(m.attachments.empty).waitFor();
    expect((await api.get<{ data: Row[] }>(`/accounts/${account.id}/attachments`)).data).toEqual([]);
    expect(errors).toEqual([]);
  });
});
