import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import enUS from '../src/app/locales/en-US.json';
import zhCN from '../src/app/locales/zh-CN.json';
import { ADMIN_EMAIL, ADMIN_PASSWORD, REPO_ROOT } from './server-harness';

export type Lang = 'en-US' | 'zh-CN';
export const MESSAGES = { 'en-US': enUS, 'zh-CN': zhCN } as const;
export const SCREENSHOTS = path.join(REPO_ROOT, 'web', 'e2e', 'screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser profile in one language; the app reads its language from storage before first paint. */
export async function newContext(browser: Browser, baseUrl: string, lang: Lang, phone = false, opts: { blockServiceWorker?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl, locale: lang, viewport: phone ? PHONE : DESKTOP, isMobile: phone, hasTouch: phone,
    deviceScaleFactor: 1, timezoneId: 'Asia/Shanghai',
    // The PWA's worker answers fetches itself, out of reach of page.route; specs that stub a response block it.
    serviceWorkers: opts.blockServiceWorker ? 'block' : 'allow',
  });
  // Frames without storage (the PDF viewer) run this too; there it has nothing to set.
  await context.addInitScript((l) => { try { localStorage.setItem('rapport.locale', l); } catch { /* no storage */ } }, lang);
  context.setDefaultTimeout(20_000);
  return context;
}

/**
 * Saves a full-page screenshot as <name>.<lang>[.phone].png for people to look at. The window is stretched to
 * the page's height first, so what sticks to the window (the side menu, the phone's bottom bar) is drawn where
 * a person scrolling would see it rather than cut off or floating mid-page.
 */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Let antd's enter animations and lazy chunks settle so the picture shows the real screen.
  await page.waitForTimeout(400);
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (size && height > size.height) {
    await page.setViewportSize({ width: size.width, height: Math.min(height, 6000) });
    await page.waitForTimeout(300);
  }
  try {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  } finally {
    if (size && height > size.height) await page.setViewportSize(size);
  }
}

/** Signs in through the sign-in page, as the administrator unless someone else is named. */
export async function signIn(page: Page, lang: Lang, who = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }): Promise<void> {
  const m = MESSAGES[lang];
  await page.goto('/login');
  await page.getByLabel(m.auth.email).fill(who.email);
  await page.getByLabel(m.auth.password).fill(who.password);
  await page.getByRole('button', { name: named(m.auth.submit) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Picks an option in an antd Select / Cascader dropdown that is open on screen. */
export async function chooseOption(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

/** A name nobody else's run will have, so specs can share one server. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/**
 * A button's accessible name as a pattern: antd puts a space inside two-character Chinese labels ("登 录") and
 * icons add their own names ("plus"), so exact text would not match what a screen reader hears.
 */
export function named(text: string, exact = true): RegExp {
  const body = [...text].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?');
  return new RegExp(exact ? `(^|\\s)${body}$` : body);
}
