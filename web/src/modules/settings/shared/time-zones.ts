/** IANA zones the browser knows; a short list of common ones when it cannot say (older engines). */
const FALLBACK = [
  'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Asia/Seoul', 'Asia/Kolkata',
  'Asia/Dubai', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'Europe/Moscow', 'America/New_York',
  'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo', 'Australia/Sydney', 'UTC',
];

let cached: string[] | null = null;

export function timeZones(): string[] {
  if (cached) return cached;
  try {
    const list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone');
    cached = list && list.length ? [...new Set([...list, 'UTC'])] : FALLBACK;
  } catch {
    cached = FALLBACK;
  }
  return cached;
}

/** "Asia/Shanghai (UTC+08:00)", so people pick by offset as well as by city. */
export function timeZoneLabel(zone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date());
    const offset = parts.find((p) => p.type === 'timeZoneName')?.value.replace('GMT', 'UTC') ?? '';
    return `${zone.replace(/_/g, ' ')} (${offset === 'UTC' ? 'UTC+00:00' : offset})`;
  } catch {
    return zone;
  }
}

export function timeZoneOptions() {
  return timeZones().map((z) => ({ value: z, label: timeZoneLabel(z) }));
}
