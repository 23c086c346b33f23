const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;

/**
 * Server messages sometimes name a moment ("cannot claim it again before 2026-11-30T03:00:00.000Z"). People read
 * it in their own language and time zone: "2026/11/30 11:00" in Shanghai, "11/30/2026, 11:00" in New York.
 */
export function readableTimes(text: string, language: string, timeZone?: string): string {
  return text.replace(ISO_TIMESTAMP, (iso) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(language, {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone,
    }).format(d);
  });
}
