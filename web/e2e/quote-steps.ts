import type { Page } from 'playwright-core';
import { MESSAGES, named } from './browser';

/**
 * From an opportunity's page (zh-CN): a new quote in its related list, opened, then its line editor.
 * Returns the quote's id. Shared by the rep's day and the sales flow, which go on to fill the lines.
 */
export async function openNewQuoteEditor(page: Page, dealId: string, quoteName: string): Promise<string> {
  const m = MESSAGES['zh-CN'];
  await page.goto(`/opportunities/${dealId}`);
  await page.getByRole('tab', { name: /报价单/ }).click();
  await page.getByRole('button', { name: named('新建报价单') }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称', { exact: true }).fill(quoteName);
  await dialog.getByRole('button', { name: named(m.form.create) }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name: quoteName }).click();
  await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
  const quoteId = page.url().split('/').pop()!;
  await page.getByRole('button', { name: named(m.sales.actions.editLines) }).click();
  await page.waitForURL(new RegExp(`/sales/quotes/${quoteId}$`));
  return quoteId;
}
