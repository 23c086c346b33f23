import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { decoder, type DetectedEncoding } from './encoding.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** How often ch occurs in each line of a sample, outside double quotes. */
function countsPerLine(text: string, ch: string): number[] {
  const counts: number[] = [];
  let n = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) n++;
    else if (!quoted && c === '\n') { counts.push(n); n = 0; }
  }
  if (n > 0) counts.push(n);
  return counts.slice(0, 50);
}

/**
 * The separator that splits the sample's lines most consistently into the most columns; comma when
 * nothing does (a one-column file). Callers may override it.
 */
export function sniffDelimiter(sample: string): string {
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = countsPerLine(sample, d);
    if (counts.length === 0 || counts[0] === 0) continue;
    const same = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = same * (1 + Math.log(1 + counts[0]));
    if (score > bestScore + 1e-9) { best = d; bestScore = score; }
  }
  return best;
}

/** Trims spaces, including the ideographic space U+3000 and stray byte-order marks; drops NUL, which text cannot hold. */
export function clean(cell: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL text cannot hold
  return cell.replace(/\u0000/g, '').replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/g, '');
}

export interface SourceRow {
  row: number;
  cells: string[];
  /** The source itself says to leave this row out (a cancelled meeting): the message key of why. */
  skip?: string;
  /** The source could not read this row (a malformed event): the message key of why. */
  error?: string;
}

/**
 * Rows of a CSV byte stream, decoded and parsed as they arrive: memory stays flat however long the file.
 * Row numbers are those a spreadsheet shows (the header is row 1).
 */
export async function* csvRows(bytes: AsyncIterable<Buffer>, enc: DetectedEncoding, delimiter: string): AsyncGenerator<SourceRow> {
  // Blank lines are parsed (and skipped below) so that row numbers match the spreadsheet's.
  const parser = pipeline(Readable.from(bytes), decoder(enc), parse({
    delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true,
    max_record_size: 1024 * 1024,
  }), () => { /* errors surface through the iteration below */ });
  let row = 0;
  for await (const rec of parser as AsyncIterable<string[]>) {
    row++;
    if (rec.every((c) => clean(c) === '')) continue;
    yield { row, cells: rec.map(clean) };
  }
}
