import { csvRows, sniffDelimiter, type SourceRow } from './csv-source.js';
import { decodeBuffer, detectEncoding, type DetectedEncoding } from './encoding.js';
import { ICAL_COLUMNS, icalRows } from './ical-source.js';
import { VCARD_COLUMNS, vcardRows } from './vcard-source.js';
import { xlsxRows } from './xlsx-source.js';

export const FORMATS = ['csv', 'xlsx', 'vcard', 'ical'] as const;
export type ImportFormat = (typeof FORMATS)[number];

export interface SourceSettings { format: ImportFormat; encoding: DetectedEncoding | null; delimiter: string | null }

/** What the file is, from its first bytes (zip magic, BEGIN lines), its name as a tie-breaker. */
export function detectFormat(head: Buffer, fileName: string): ImportFormat {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  const text = decodeBuffer(head.subarray(0, 4096), detectEncoding(head)).trimStart().toUpperCase();
  if (text.startsWith('BEGIN:VCARD')) return 'vcard';
  if (text.startsWith('BEGIN:VCALENDAR')) return 'ical';
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'vcf') return 'vcard';
  if (ext === 'ics') return 'ical';
  return 'csv';
}

/** Encoding and separator of a CSV from its first bytes, unless the caller set them. */
export function csvSettings(head: Buffer, encoding: DetectedEncoding | null, delimiter: string | null): { encoding: DetectedEncoding; delimiter: string } {
  const enc = encoding ?? detectEncoding(head);
  return { encoding: enc, delimiter: delimiter ?? sniffDelimiter(decodeBuffer(head.subarray(0, 64 * 1024), enc)) };
}

/** A file the parsers could not read (as opposed to a failure of the database or of the program). */
export class BadFileError extends Error {
  constructor(readonly original: unknown) { super(`unreadable file: ${(original as Error)?.message ?? original}`); }
}

/** Database errors carry a five-character SQLSTATE; anything else a parser throws is about the file. */
function isDatabaseError(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown } | null;
  return !!e && (typeof e.severity === 'string' || (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)));
}

/** The stored file from its start; XLSX is read twice (its shared strings come after the sheets). */
export type OpenBytes = () => AsyncIterable<Buffer>;

function parse(open: OpenBytes, s: SourceSettings): AsyncGenerator<SourceRow> {
  const bytes = s.format === 'xlsx' ? null : open();
  switch (s.format) {
    case 'xlsx': return xlsxRows(open);
    case 'vcard': return vcardRows(bytes!);
    case 'ical': return icalRows(bytes!);
    default: return csvRows(bytes!, s.encoding!, s.delimiter ?? ',');
  }
}

/** Every row of the file, the header row included for CSV and XLSX. */
export async function* allRows(open: OpenBytes, s: SourceSettings): AsyncGenerator<SourceRow> {
  try {
    yield* parse(open, s);
  } catch (err) {
    if (isDatabaseError(err) || err instanceof TypeError || err instanceof RangeError) throw err;
    throw new BadFileError(err);
  }
}

/** Header cells as unique, non-empty column names. */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const base = h || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The columns and the data rows of a file; vCard and iCalendar files have fixed columns and no header. */
export async function openRows(open: OpenBytes, s: SourceSettings): Promise<{ columns: string[]; rows: AsyncGenerator<SourceRow> }> {
  const rows = allRows(open, s);
  if (s.format === 'vcard') return { columns: [...VCARD_COLUMNS], rows };
  if (s.format === 'ical') return { columns: [...ICAL_COLUMNS], rows };
  const first = await rows.next();
  const header = first.done ? [] : first.value.cells;
  return { columns: columnNames(header), rows };
}
