import { describe, expect, it } from 'vitest';
import { localDateTime } from './export-values.js';

/** What Intl says, one value at a time (the slow way the cached offsets must agree with). */
const formats = new Map<string, Intl.DateTimeFormat>();
function reference(iso: string, timeZone: string): string {
  const f = formats.get(timeZone) ?? new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  formats.set(timeZone, f);
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(new Date(iso))) p[x.type] = x.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

describe('local date-times of exports', () => {
  it('shows the wall clock of the zone', () => {
    expect(localDateTime('2026-01-31T16:30:05.000Z', 'Asia/Shanghai')).toBe('2026-02-01 00:30:05');
    expect(localDateTime('not a date', 'Asia/Shanghai')).toBe('not a date');
  });

  it.each(['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London', 'America/Santiago', 'Asia/Shanghai'])(
    'agrees with Intl across a year of offset changes in %s, and before 1970', (zone) => {
      for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 3_600_007) {
        const iso = new Date(ms).toISOString();
        expect(localDateTime(iso, zone), iso).toBe(reference(iso, zone));
      }
      for (const iso of ['1900-01-01T00:00:00.000Z', '1969-12-31T23:59:59.000Z', '1927-12-31T15:54:00.000Z']) {
        expect(localDateTime(iso, zone), iso).toBe(reference(iso, zone));
      }
    });
});
