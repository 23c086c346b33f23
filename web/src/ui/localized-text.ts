/** Text the server sends in both languages, e.g. a field label `{ 'zh-CN': '客户', 'en-US': 'Account' }`. */
export type LocalizedText = Partial<Record<string, string>> | string | null | undefined;

/** Picks the current language, then any language at all, then the fallback (usually the API name). */
export function localize(text: LocalizedText, language: string, fallback = ''): string {
  if (typeof text === 'string') return text;
  if (!text) return fallback;
  return text[language] || Object.values(text).find((v) => typeof v === 'string' && v !== '') || fallback;
}
