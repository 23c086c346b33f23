import { enUS } from './messages.en-US.js';
import { zhCN } from './messages.zh-CN.js';
import { messages as identity } from '../auth/identity.messages.js';
import { messages as metadata } from '../../metadata/metadata.messages.js';
import { messages as webhooks } from '../webhooks/webhooks.messages.js';
import { messages as dataio } from '../dataio/dataio.messages.js';
import { messages as sales } from '../../modules/sales/sales.messages.js';
import { messages as finance } from '../../modules/sales/finance.messages.js';
import { messages as views } from '../views/views.messages.js';
import { messages as files } from '../files/files.messages.js';

export type Locale = 'zh-CN' | 'en-US';
const areas = [identity, metadata, webhooks, dataio, sales, finance, views, files];
export const MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': Object.assign({}, zhCN, ...areas.map((a) => a['zh-CN'])),
  'en-US': Object.assign({}, enUS, ...areas.map((a) => a['en-US'])),
};

/** Picks zh-CN or en-US from an Accept-Language header (q-values honoured); English when nothing matches. */
export function pickLocale(header: string | undefined, fallback: Locale = 'en-US'): Locale {
  if (!header) return fallback;
  const langs = header.split(',').map((part) => {
    const [tag, ...rest] = part.trim().split(';');
    const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
    return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
  }).sort((a, b) => b.q - a.q);
  for (const { tag } of langs) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return fallback;
}

export function t(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = MESSAGES[locale][key] ?? MESSAGES['en-US'][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}
