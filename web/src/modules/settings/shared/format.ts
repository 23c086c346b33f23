import i18n from 'i18next';

/**
 * A date-time in the viewer's language, the way record pages show one ("2026/12/08 03:21", "12/08/2026, 03:21"),
 * or the fallback for "never".
 */
export function when(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(i18n.language || 'zh-CN', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
}
