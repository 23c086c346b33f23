import ICAL from 'ical.js';
import { clean, type SourceRow } from './csv-source.js';
import { decodeBuffer, detectEncoding } from './encoding.js';

/** The columns an .ics file offers to the import mapping, one row per event (meetings → follow-ups). */
export const ICAL_COLUMNS = ['Summary', 'Description', 'Location', 'Start', 'End', 'All day', 'Organizer', 'Attendees', 'Status', 'UID'] as const;
export const ICAL_MAX_BYTES = 50 * 1024 * 1024;

const pad = (n: number) => String(n).padStart(2, '0');

function isIana(tz: string): boolean {
  try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; }
}

/**
 * A DTSTART/DTEND as text the date-time coercion reads: UTC instants with Z, times in a named zone with
 * their offset (IANA names through Intl, Windows and custom names through the file's own VTIMEZONE,
 * never registered globally), floating times without offset (read in the importer's zone later).
 */
function timeText(prop: ICAL.Property | null, zones: Map<string, ICAL.Timezone>): string {
  const t = prop?.getFirstValue() as ICAL.Time | undefined;
  if (!t || typeof t !== 'object' || !('year' in t)) return '';
  const day = `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  if (t.isDate) return day;
  const wall = `${day}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  if (t.zone === ICAL.Timezone.utcTimezone) return `${wall}Z`;
  const tzid = prop?.getParameter('tzid');
  const name = typeof tzid === 'string' ? tzid.replace(/^\/+/, '') : '';
  const local = name ? zones.get(name) : undefined;
  if (local) {
    const off = local.utcOffset(t) / 60;
    const sign = off < 0 ? '-' : '+';
    return `${wall}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  }
  if (name && isIana(name)) return `${wall}@${name}`;
  // Outlook names zones by their display text, "(UTC-05:00) Eastern Time (US & Canada)": its standard offset.
  const fixed = /\((?:GMT|UTC)([+-]\d{1,2}):?(\d{2})?\)/.exec(name);
  if (fixed) return `${wall}${fixed[1][0]}${pad(Math.abs(Number(fixed[1])))}:${fixed[2] ?? '00'}`;
  return wall;
}

function mail(v: unknown): string {
  return typeof v === 'string' ? v.replace(/^mailto:/i, '') : '';
}

function eventCells(ve: ICAL.Component, zones: Map<string, ICAL.Timezone>): { cells: string[]; cancelled: boolean } {
  const s = (name: string) => { const v = ve.getFirstPropertyValue(name); return typeof v === 'string' ? v.trim() : ''; };
  const start = timeText(ve.getFirstProperty('dtstart'), zones);
  const recur = ve.getFirstProperty('recurrence-id') ? timeText(ve.getFirstProperty('recurrence-id'), zones) : '';
  const attendees = ve.getAllProperties('attendee').map((p) => mail(p.getFirstValue())).filter(Boolean);
  const status = s('status').toUpperCase();
  return {
    cancelled: status === 'CANCELLED',
    cells: [s('summary'), s('description'), s('location'), start, timeText(ve.getFirstProperty('dtend'), zones),
      start && !start.includes('T') ? 'true' : 'false', mail(ve.getFirstPropertyValue('organizer')), attendees.join(', '),
      status, s('uid') ? `${s('uid')}${recur ? `#${recur}` : ''}` : ''],
  };
}

/** Events of an .ics file (read whole: calendars are small) as rows; cancelled ones come marked to skip. */
export async function* icalRows(bytes: AsyncIterable<Buffer>): AsyncGenerator<SourceRow> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const b of bytes) {
    size += b.length;
    if (size > ICAL_MAX_BYTES) throw new Error('calendar too large');
    parts.push(b);
  }
  const all = Buffer.concat(parts);
  const parsed = ICAL.parse(decodeBuffer(all, detectEncoding(all.subarray(0, 65536))));
  const calendars = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  let row = 0;
  for (const jcal of calendars) {
    const cal = new ICAL.Component(jcal as any);
    const zones = new Map<string, ICAL.Timezone>();
    for (const vt of cal.getAllSubcomponents('vtimezone')) {
      const tz = new ICAL.Timezone(vt);
      if (tz.tzid) zones.set(tz.tzid, tz);
    }
    const method = String(cal.getFirstPropertyValue('method') ?? '').toUpperCase();
    for (const ve of cal.getAllSubcomponents('vevent')) {
      row++;
      let ev: ReturnType<typeof eventCells>;
      // ical.js reads values lazily: a malformed DTSTART surfaces here, and fails only its own event.
      try { ev = eventCells(ve, zones); } catch { yield { row, cells: [], error: 'import.badEvent' }; continue; }
      yield { row, cells: ev.cells.map(clean), ...(ev.cancelled || method === 'CANCEL' ? { skip: 'import.cancelledEvent' } : {}) };
    }
  }
}
