import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openRows } from './row-source.js';

/** A workbook whose first sheet has text (shared strings), numbers, dates, a date-time and booleans. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('项目');
  sheet.addRow(['name', 'amount', 'date', 'flag']);
  sheet.addRow(['星辰 1', '10', new Date(Date.UTC(2026, 0, 31)), true]);
  sheet.addRow(['p 2', 20.5, new Date(Date.UTC(2026, 2, 1, 9, 30)), false]);
  sheet.addRow([]);
  sheet.addRow([{ richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] }, null, null, null, '\u3000extra\u3000']);
  wb.addWorksheet('Other').addRow(['not read']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX reader', () => {
  it('reads the first sheet the same however the stored bytes are cut', async () => {
    const buf = await workbook();
    for (let i = 0; i < 150; i++) {
      const cuts = [0, ...[1, 2, 3].map(() => 1 + Math.floor(Math.random() * (buf.length - 1))).sort((a, b) => a - b), buf.length];
      const chunks = i === 0 ? [buf] : cuts.slice(1).map((c, k) => buf.subarray(cuts[k], c)).filter((c) => c.length);
      async function* bytes() { for (const c of chunks) { await new Promise((r) => setImmediate(r)); yield c; } }
      const { columns, rows } = await openRows(bytes, { format: 'xlsx', encoding: null, delimiter: null });
      const got: [number, string[]][] = [];
      for await (const r of rows) got.push([r.row, r.cells]);
      expect([columns, got], `cuts ${cuts}`).toEqual([['name', 'amount', 'date', 'flag'], [
        [2, ['星辰 1', '10', '2026-01-31', 'true']], [3, ['p 2', '20.5', '2026-03-01T09:30:00', 'false']], [5, ['富文本', '', '', '', 'extra']],
      ]]);
    }
  });
});
