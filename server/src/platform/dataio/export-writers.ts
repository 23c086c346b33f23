import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | Date | null;

/** Pages of rows (header first) → a byte stream in one format, produced as the consumer reads. */
export type Pages = AsyncGenerator<Cell[][]>;

/** UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. */
export function csvStream(pages: Pages): Readable {
  return Readable.from((async function* () {
    yield '\uFEFF';
    for await (const rows of pages) {
      if (rows.length) yield stringify(rows.map((r) => r.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : c))));
    }
  })());
}

const HIGH_WATER = 4 * 1024 * 1024;

/**
 * A streamed .xlsx: rows are committed page by page with inline strings (no shared-strings table kept in
 * memory), and writing pauses while the reader lags behind by more than a few megabytes.
 */
export function xlsxStream(pages: Pages, sheetName: string): Readable {
  const out = new PassThrough();
  (async () => {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet(sheetName.slice(0, 31).replace(/[[\]*?/\\:]/g, ' ') || 'Sheet1');
    for await (const rows of pages) {
      for (const r of rows) ws.addRow(r).commit();
      while (out.readableLength > HIGH_WATER && !out.destroyed) await new Promise((res) => setTimeout(res, 10));
      if (out.destroyed) return;
    }
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

/** vCards, one per record (the first "row" of each page is ignored: there is no header). */
export function textStream(chunks: AsyncGenerator<string>): Readable {
  return Readable.from(chunks);
}
