import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiClient, type ApiClient } from './api-client';
import { launchBrowser, MESSAGES, named, shot, uniqueName } from './browser';

/** RFC 6238 code for an otpauth:// URI at a moment, as an authenticator app computes it. */
function totp(uri: string, at = Date.now()): string {
  const u = new URL(uri);
  const secret = u.searchParams.get('secret')!.replace(/=+$/, '').toUpperCase();
  const digits = Number(u.searchParams.get('digits') ?? 6);
  const period = Number(u.searchParams.get('period') ?? 30);
  const algorithm = (u.searchParams.get('algorithm') ?? 'SHA1').toLowerCase();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / period)));
  const mac = crypto.createHmac(algorithm, key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(n).padStart(digits, '0');
}

/**
 * A new colleague's first day: the sign-in page speaks the browser's language and switches on request; the
 * profile takes a time zone and a new password; two-factor sign-in is set up with an authenticator code and
 * then asked for at the next sign-in; sign-out leads back to the sign-in page.
 */
describe('sign-in, profile and two-factor set-up', () => {
  const en = MESSAGES['en-US'];
  const zh = MESSAGES['zh-CN'];
  const token = uniqueName('sec').split(' ')[1];
  const email = `sec.${token}@example.com`;
  const firstPassword = `First-pass-${token}1`;
  const newPassword = `Second-pass-${token}2`;
  let api: ApiClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let otpauth = '';
  let recoveryCodes: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    api = await apiClient(inject('baseUrl'));
    await api.post('/users', { email, name: `Security ${token}`, password: firstPassword });
    browser = await launchBrowser();
    // A Chinese browser and nothing stored yet: the app must start in Chinese on its own.
    context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `FAILED-security-${task.name.replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.dispose();
  });

  async function signInAs(password: string): Promise<void> {
    await page.getByLabel(en.auth.email).fill(email);
    await page.getByLabel(en.auth.password).fill(password);
    await page.getByRole('button', { name: named(en.auth.submit) }).click();
  }

  it('follows the browser language on the sign-in page and switches to English', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: zh.auth.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('button', { name: new RegExp(en.language['en-US']) }).click();
    await page.getByRole('heading', { name: en.auth.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
  });

  it('refuses a wrong password with a message beside the form, then signs in', async () => {
    await signInAs('not-the-password-1');
    await page.getByRole('alert').first().waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await signInAs(firstPassword);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByText(en.homeToday.title).first().waitFor();
  });

  it('saves a time zone and a new password in the profile', async () => {
    await page.getByRole('button', { name: `Security ${token}` }).click();
    await page.getByRole('menuitem', { name: en.settings.nav.profile }).click();
    await page.waitForURL(/\/settings\/profile$/);
    await page.getByLabel(en.settings.profile.timeZone).click();
    await page.keyboard.type('New York');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: 'America/New York' }).first().click();
    await page.getByRole('button', { name: named(en.common.save) }).first().click();
    await page.getByText(en.settings.profile.saved).waitFor();
    const saved = (await api.get<{ data: Array<{ email: string; timeZone: string; locale: string }> }>('/users', { q: token })).data.find((u) => u.email === email);
    expect(saved?.timeZone).toBe('America/New_York');
    // The language chosen on the sign-in page is the one kept, and the screen stays in it.
    expect(saved?.locale).toBe('en-US');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');

    await page.getByLabel(en.settings.password.current).fill(firstPassword);
    await page.getByLabel(en.settings.password.new, { exact: true }).fill(newPassword);
    await page.getByLabel(en.settings.password.confirm).fill(`${newPassword}x`);
    await page.getByRole('button', { name: named(en.settings.password.submit) }).click();
    await page.getByText(en.settings.password.mismatch).waitFor();
    await page.getByLabel(en.settings.password.confirm).fill(newPassword);
    await page.getByRole('button', { name: named(en.settings.password.submit) }).click();
    await page.getByText(/Password changed/).waitFor();
  });

  it('sets up two-factor sign-in with a code from an authenticator', async () => {
    await page.getByRole('button', { name: named(en.settings.mfa.setUp) }).click();
    const modal = page.getByRole('dialog');
    // The QR code's content, as the phone app would read it.
    const img = modal.getByRole('img', { name: en.settings.mfa.qrAlt });
    await img.waitFor();
    // The key shown for typing by hand, as a person without a camera would use it.
    const secret = ((await modal.locator('div.ant-typography:has(.ant-typography-copy)').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    otpauth = `otpauth://totp/x?secret=${secret}`;
    await shot(page, 'security-01-two-factor-setup.en-US');
    await modal.getByLabel(en.settings.mfa.code).fill('000000');
    await modal.getByRole('button', { name: named(en.settings.mfa.activate) }).click();
    // A wrong code is refused where it was typed.
    await modal.locator('.ant-form-item-explain-error, [role=alert]').first().waitFor();
    await modal.getByLabel(en.settings.mfa.code).fill(totp(otpauth));
    await modal.getByRole('button', { name: named(en.settings.mfa.activate) }).click();
    await modal.getByText(en.settings.mfa.recoveryTitle).waitFor();
    recoveryCodes = (await modal.getByRole('listitem').allTextContents()).map((c) => c.trim()).filter(Boolean);
    expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
    await modal.getByRole('checkbox', { name: en.settings.mfa.savedThem }).check();
    await modal.getByRole('button', { name: named(en.settings.mfa.done) }).click();
    await page.getByText(en.settings.mfa.enabled).waitFor();
  });

  it('signs out, and the next sign-in asks for the second factor', async () => {
    await page.getByRole('button', { name: `Security ${token}` }).click();
    await page.getByRole('menuitem', { name: en.auth.signOut }).click();
    await page.waitForURL(/\/login$/);
    // The code used to turn two-factor on cannot be replayed: wait for the authenticator's next one.
    const period = 30_000;
    await page.waitForTimeout(period - (Date.now() % period) + 1000);
    await signInAs(newPassword);
    await page.getByText(en.auth.mfaTitle).first().waitFor();
    await shot(page, 'security-02-two-factor-step.en-US');
    await page.locator('.ant-otp input').first().click();
    await page.keyboard.type(totp(otpauth));
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByText(en.homeToday.title).first().waitFor();
  });

  it('signs in with a recovery code when the phone is not at hand, and only once per code', async () => {
    const signOut = async () => {
      await page.getByRole('button', { name: `Security ${token}` }).click();
      await page.getByRole('menuitem', { name: en.auth.signOut }).click();
      await page.waitForURL(/\/login$/);
    };
    const useRecovery = async (code: string) => {
      await signInAs(newPassword);
      await page.getByText(en.auth.mfaTitle).first().waitFor();
      await page.getByRole('button', { name: named(en.auth.useRecoveryCode) }).click();
      await page.getByLabel(en.auth.recoveryCode).fill(code);
      await page.getByRole('button', { name: named(en.auth.mfaSubmit) }).click();
    };
    await signOut();
    await useRecovery(recoveryCodes[0]);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await signOut();
    await useRecovery(recoveryCodes[0]);
    await page.locator('.ant-form-item-explain-error, [role=alert]').first().waitFor();
    expect(page.url()).toMatch(/\/login$/);
    expect(errors).toEqual([]);
  });
});
