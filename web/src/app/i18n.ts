import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from './locales/en-US.json';
import zhCN from './locales/zh-CN.json';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'rapport.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // en-US is the reference shape; the locales test keeps zh-CN identical.
    resources: { translation: typeof enUS };
  }
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStored(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can throw in private modes or sandboxed iframes; fall back to the browser language.
    return null;
  }
}

/** Any Chinese variant (zh, zh-TW, zh-Hans…) gets zh-CN, since it is the only Chinese we ship. */
export function localeFromNavigator(languages: readonly string[]): Locale {
  const first = languages.find(Boolean) ?? 'en-US';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export function initialLocale(): Locale {
  const nav = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  return readStored() ?? localeFromNavigator(nav);
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en-US';
}

export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the switch still applies for this visit.
  }
  await i18n.changeLanguage(locale);
}

// Outside a browser (unit tests of modules that import the API client) there is no document to label.
const hasDocument = typeof document !== 'undefined';

i18n.on('languageChanged', (lng) => {
  if (hasDocument) document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initialLocale(),
  fallbackLng: 'en-US',
  supportedLngs: [...LOCALES],
  // React already escapes text; escaping here would double-encode names like "A&B Ltd".
  interpolation: { escapeValue: false },
  returnNull: false,
  // Messages are bundled, so initialise synchronously and never render untranslated keys on first paint.
  initAsync: false,
});

if (hasDocument) document.documentElement.lang = currentLocale();

export default i18n;
