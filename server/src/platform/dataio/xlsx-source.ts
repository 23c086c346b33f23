import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import unzipper from 'unzipper';
import { clean, type SourceRow } from './csv-source.js';

/**
 * Rows of the first worksheet of an .xlsx file, read in two streaming passes over the stored file: the
 * first reads the shared strings, the number formats and the sheet list (Excel writes the sheets before
 * the shared strings), the second the sheet itself, row by row. Memory holds the shared strings only.
 * (exceljs' streaming reader, used before, reads the zip in one pass and, depending on how the bytes
 * arrive, sometimes parsed a sheet before its shared strings: text cells came out empty.)
 */

interface Book { strings: string[]; dateStyles: Set<number>; date1904: boolean; sheetPath: string | null }

const pad = (n: number) => String(n).padStart(2, '0');
// Excel's built-in date and time formats.
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A number format that shows a date or a time: y, m, d, h or s outside quotes, brackets and escapes. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** A serial day number as local ISO text: a date, or a date and time without offset (read in the importer's zone). */
function serialText(serial: number, date1904: boolean): string {
  const d = new Date(Math.round(serial * 86_400_000) + Date.UTC(date1904 ? 1904 : 1899, date1904 ? 0 : 11, date1904 ? 1 : 30));
  if (Number.isNaN(d.getTime())) return String(serial);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Column index of a cell reference: "C7" → 2. */
function columnOf(ref: string | undefined, fallback: number): number {
  const m = ref ? /^([A-Z]+)/i.exec(ref) : null;
  if (!m) return fallback;
  let n = 0;
  for (const ch of m[1].toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

type Entry = Readable & { path: string; autodrain(): void };

/** The zip's entries one after the other; the caller reads or drains each before the next. */
async function* entries(bytes: AsyncIterable<Buffer>): AsyncGenerator<Entry> {
  const zip = Readable.from(bytes).pipe(unzipper.Parse({ forceStream: true }));
  for await (const entry of zip as AsyncIterable<Entry>) yield entry;
}

/** Feeds an entry to a SAX parser; `after` runs after each chunk (rows parsed from it are handed out there). */
async function* parseEntry(entry: Entry, parser: SaxesParser, after?: () => SourceRow[]): AsyncGenerator<SourceRow> {
  // A character may be cut between two chunks.
  const utf8 = new StringDecoder('utf8');
  for await (const chunk of entry as AsyncIterable<Buffer>) {
    parser.write(utf8.write(chunk));
    if (after) yield* after();
  }
  parser.write(utf8.end());
  parser.close();
  if (after) yield* after();
}

/** Shared strings: plain or rich text, without the phonetic runs (<rPh>) of Japanese cells. */
function sharedStrings(book: Book): SaxesParser {
  const p = new SaxesParser();
  let text: string | null = null;
  let inT = false;
  let phonetic = 0;
  p.on('opentag', (t) => {
    if (t.name === 'si') text = '';
    else if (t.name === 'rPh') phonetic++;
    else if (t.name === 't' && !phonetic) inT = true;
  });
  p.on('text', (s) => { if (inT && text !== null) text += s; });
  p.on('cdata', (s) => { if (inT && text !== null) text += s; });
  p.on('closetag', (t) => {
    if (t.name === 't') inT = false;
    else if (t.name === 'rPh') phonetic--;
    else if (t.name === 'si') { book.strings.push(text ?? ''); text = null; }
  });
  return p;
}

/** Styles: which cell formats (by index) show dates. */
function styles(book: Book): SaxesParser {
  const p = new SaxesParser();
  const custom = new Map<number, string>();
  let inXfs = false;
  let xf = 0;
  p.on('opentag', (t: SaxesTagPlain) => {
    if (t.name === 'numFmt') custom.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''));
    else if (t.name === 'cellXfs') inXfs = true;
    else if (t.name === 'xf' && inXfs) {
      const id = Number(t.attributes.numFmtId ?? 0);
      if (BUILTIN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) book.dateStyles.add(xf);
      xf++;
    }
  });
  p.on('closetag', (t) => { if (t.name === 'cellXfs') inXfs = false; });
  return p;
}

/** workbook.xml: the first sheet's relation id and the 1904 date system; the relations give its path. */
async function sheetPath(workbook: Buffer | null, rels: Buffer | null, book: Book): Promise<void> {
  let first: string | null = null;
  if (workbook) {
    const p = new SaxesParser();
    p.on('opentag', (t) => {
      if (t.name === 'workbookPr' && ['1', 'true'].includes(String(t.attributes.date1904))) book.date1904 = true;
      if (t.name === 'sheet' && first === null) first = String(t.attributes['r:id'] ?? '');
    });
    p.write(workbook.toString('utf8')).close();
  }
  if (rels && first) {
    const p = new SaxesParser();
    p.on('opentag', (t) => {
      if (t.name === 'Relationship' && t.attributes.Id === first) {
        const target = String(t.attributes.Target ?? '');
        book.sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      }
    });
    p.write(rels.toString('utf8')).close();
  }
}

async function readAll(entry: Entry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of entry as AsyncIterable<Buffer>) parts.push(c);
  return Buffer.concat(parts);
}

/** Pass one: everything but the sheets. */
async function readBook(bytes: AsyncIterable<Buffer>): Promise<Book> {
  const book: Book = { strings: [], dateStyles: new Set(), date1904: false, sheetPath: null };
  let workbook: Buffer | null = null;
  let rels: Buffer | null = null;
  for await (const entry of entries(bytes)) {
    if (entry.path === 'xl/sharedStrings.xml') for await (const _ of parseEntry(entry, sharedStrings(book))) { /* cached */ }
    else if (entry.path === 'xl/styles.xml') for await (const _ of parseEntry(entry, styles(book))) { /* cached */ }
    else if (entry.path === 'xl/workbook.xml') workbook = await readAll(entry);
    else if (entry.path === 'xl/_rels/workbook.xml.rels') rels = await readAll(entry);
    else entry.autodrain();
  }
  await sheetPath(workbook, rels, book);
  return book;
}

/** A worksheet's rows as they are parsed: cell values as text, dates as ISO text. */
function sheetParser(book: Book, out: SourceRow[]): SaxesParser {
  const p = new SaxesParser();
  let rowNo = 0;
  let cells: string[] = [];
  let cell: { col: number; type: string; style: number; v: string; inline: string } | null = null;
  let into: 'v' | 'inline' | null = null;
  const value = (c: NonNullable<typeof cell>): string => {
    switch (c.type) {
      case 's': return book.strings[Number(c.v)] ?? '';
      case 'inlineStr': return c.inline;
      case 'str': case 'd': return c.v;
      case 'b': return c.v === '1' || c.v === 'true' ? 'true' : 'false';
      case 'e': return '';
      default: {
        if (c.v === '') return '';
        const n = Number(c.v);
        if (Number.isNaN(n)) return c.v;
        return book.dateStyles.has(c.style) ? serialText(n, book.date1904) : String(n);
      }
    }
  };
  p.on('opentag', (t: SaxesTagPlain) => {
    const a = t.attributes as Record<string, string>;
    if (t.name === 'row') { rowNo = a.r ? Number(a.r) : rowNo + 1; cells = []; }
    else if (t.name === 'c') cell = { col: columnOf(a.r, cells.length), type: a.t ?? 'n', style: Number(a.s ?? 0), v: '', inline: '' };
    else if (t.name === 'v' && cell) into = 'v';
    else if (t.name === 't' && cell?.type === 'inlineStr') into = 'inline';
    else if (t.name === 'rPh') into = null;
  });
  const text = (s: string) => { if (cell && into === 'v') cell.v += s; else if (cell && into === 'inline') cell.inline += s; };
  p.on('text', text);
  p.on('cdata', text);
  p.on('closetag', (t) => {
    if (t.name === 'v' || t.name === 't') into = null;
    else if (t.name === 'c' && cell) {
      while (cells.length < cell.col) cells.push('');
      cells[cell.col] = clean(value(cell));
      cell = null;
    } else if (t.name === 'row') {
      const row = Array.from({ length: cells.length }, (_, i) => cells[i] ?? '');
      if (row.some((c) => c !== '')) out.push({ row: rowNo, cells: row });
    }
  });
  return p;
}

/** The first worksheet's rows, header included; `open` gives the stored file from its start each time. */
export async function* xlsxRows(open: () => AsyncIterable<Buffer>): AsyncGenerator<SourceRow> {
  const book = await readBook(open());
  if (!book.sheetPath) throw new Error('no worksheet');
  const pending: SourceRow[] = [];
  const take = () => pending.splice(0, pending.length);
  for await (const entry of entries(open())) {
    if (entry.path !== book.sheetPath) { entry.autodrain(); continue; }
    yield* parseEntry(entry, sheetParser(book, pending), take);
    return;
  }
  throw new Error(`missing ${book.sheetPath}`);
}
