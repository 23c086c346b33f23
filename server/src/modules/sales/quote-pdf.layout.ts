import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { groupedMoney, rmbUppercase } from './finance-format.js';
import type { QuoteLine } from './quote-lines.service.js';

export interface QuoteDoc {
  locale: 'zh-CN' | 'en-US';
  company: { name: string; address?: string; phone?: string; email?: string; website?: string; taxNumber?: string; logo?: Buffer };
  quote: { number: string; revision: number; name: string; quoteDate: string | null; validUntil: string | null; currency: string;
    subtotal: string; discountAmount: string; taxAmount: string; total: string; terms: string | null; description: string | null };
  account: string | null;
  contact: string | null;
  rep: { name: string; email: string } | null;
  lines: QuoteLine[];
}

// Noto Sans SC covers CJK and Latin; pdfkit embeds only the glyphs used, so a quote stays a few dozen KB.
const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: fs.readFileSync(path.join(fontDir, '400Regular/NotoSansSC_400Regular.ttf')),
    bold: fs.readFileSync(path.join(fontDir, '700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

const T = {
  'zh-CN': { title: '报价单', to: '客户', contact: '联系人', number: '报价单号', date: '报价日期', valid: '有效期至', currency: '币种', rep: '销售代表',
    no: '序号', item: '产品 / 服务', unit: '单位', qty: '数量', price: '单价', disc: '折扣', tax: '税率', amount: '金额',
    subtotal: '小计', discount: '折扣', taxAmount: '税额', total: '总计', upper: '大写金额', terms: '条款与说明', page: (p: number, n: number) => `第 ${p} 页 / 共 ${n} 页`,
    tel: '电话', taxNo: '税号', rev: (r: number) => `第 ${r} 版` },
  'en-US': { title: 'QUOTATION', to: 'To', contact: 'Contact', number: 'Quote no.', date: 'Date', valid: 'Valid until', currency: 'Currency', rep: 'Sales rep',
    no: '#', item: 'Product / service', unit: 'Unit', qty: 'Qty', price: 'Unit price', disc: 'Disc.', tax: 'Tax', amount: 'Amount',
    subtotal: 'Subtotal', discount: 'Discount', taxAmount: 'Tax', total: 'Total', upper: 'In words (RMB)', terms: 'Terms and notes', page: (p: number, n: number) => `Page ${p} of ${n}`,
    tel: 'Tel', taxNo: 'Tax ID', rev: (r: number) => `rev. ${r}` },
};

const COLS = [
  { key: 'no', w: 32, align: 'left' }, { key: 'item', w: 155, align: 'left' }, { key: 'unit', w: 38, align: 'left' },
  { key: 'qty', w: 50, align: 'right' }, { key: 'price', w: 70, align: 'right' }, { key: 'disc', w: 40, align: 'right' },
  { key: 'tax', w: 40, align: 'right' }, { key: 'amount', w: 70, align: 'right' },
] as const;
const LEFT = 50;
const WIDTH = 495;
const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#dee0e3';
const ACCENT = '#1456f0';

type Doc = InstanceType<typeof PDFDocument>;

function header(doc: Doc, d: QuoteDoc): void {
  const t = T[d.locale];
  let x = LEFT;
  if (d.company.logo) {
    try { doc.image(d.company.logo, LEFT, 48, { fit: [56, 56] }); x = LEFT + 68; } catch { /* an unreadable logo is left out */ }
  }
  doc.font('bold').fontSize(16).fillColor(INK).text(d.company.name, x, 50, { width: 300 });
  const contact = [d.company.address, [d.company.phone && `${t.tel} ${d.company.phone}`, d.company.email, d.company.website].filter(Boolean).join('   '),
    d.company.taxNumber && `${t.taxNo} ${d.company.taxNumber}`].filter(Boolean) as string[];
  doc.font('regular').fontSize(8.5).fillColor(MUTED);
  for (const c of contact) doc.text(c, x, doc.y + 1, { width: 300 });
  doc.font('bold').fontSize(20).fillColor(ACCENT).text(t.title, LEFT + 300, 50, { width: 195, align: 'right' });
  const y = Math.max(doc.y, 108) + 8;
  doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).lineWidth(1.5).strokeColor(ACCENT).stroke();
  doc.y = y + 12;
}

function infoBlock(doc: Doc, d: QuoteDoc): void {
  const t = T[d.locale];
  const top = doc.y;
  const pair = (label: string, value: string | null | undefined, x: number, w: number) => {
    doc.font('regular').fontSize(8.5).fillColor(MUTED).text(label, x, doc.y, { width: w });
    doc.font('regular').fontSize(10).fillColor(INK).text(value || '—', x, doc.y, { width: w });
    doc.moveDown(0.4);
  };
  doc.y = top;
  pair(t.to, d.account, LEFT, 260);
  pair(t.contact, d.contact, LEFT, 260);
  const leftBottom = doc.y;
  doc.y = top;
  const right = LEFT + 290;
  const rev = d.quote.revision > 1 ? `  (${t.rev(d.quote.revision)})` : '';
  pair(t.number, `${d.quote.number}${rev}`, right, 205);
  pair(t.date, d.quote.quoteDate, right, 205);
  pair(t.valid, d.quote.validUntil, right, 205);
  pair(t.rep, d.rep ? `${d.rep.name}  ${d.rep.email}` : null, right, 205);
  doc.y = Math.max(leftBottom, doc.y) + 4;
  doc.font('bold').fontSize(11).fillColor(INK).text(d.quote.name, LEFT, doc.y, { width: WIDTH });
  doc.moveDown(0.5);
}

function tableHead(doc: Doc, d: QuoteDoc): void {
  const t = T[d.locale] as Record<string, unknown>;
  const y = doc.y;
  doc.rect(LEFT, y, WIDTH, 20).fill('#f2f3f5');
  let x = LEFT;
  doc.font('bold').fontSize(8.5).fillColor(INK);
  for (const c of COLS) { doc.text(String(t[c.key]), x + 4, y + 5, { width: c.w - 8, align: c.align }); x += c.w; }
  doc.y = y + 20;
}

function row(doc: Doc, d: QuoteDoc, l: QuoteLine, i: number): void {
  const pct = (v: string) => (Number(v) === 0 ? '—' : `${v}%`);
  const cells = [String(i + 1), l.name, l.unit ?? '', l.quantity, groupedMoney(l.unitPrice), pct(l.discountRate), pct(l.taxRate), groupedMoney(l.amount)];
  doc.font('regular').fontSize(9);
  const itemH = doc.heightOfString(l.name, { width: COLS[1].w - 8 }) + (l.description ? doc.fontSize(7.5).heightOfString(l.description, { width: COLS[1].w - 8 }) + 2 : 0);
  const h = Math.max(itemH, 12) + 10;
  if (doc.y + h > doc.page.height - 90) { doc.addPage(); doc.y = 50; tableHead(doc, d); }
  const y = doc.y;
  let x = LEFT;
  cells.forEach((text, c) => {
    doc.font('regular').fontSize(9).fillColor(INK).text(text, x + 4, y + 5, { width: COLS[c].w - 8, align: COLS[c].align });
    if (c === 1 && l.description) doc.fontSize(7.5).fillColor(MUTED).text(l.description, x + 4, doc.y + 1, { width: COLS[c].w - 8 });
    x += COLS[c].w;
  });
  doc.moveTo(LEFT, y + h).lineTo(LEFT + WIDTH, y + h).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.y = y + h;
}

function totals(doc: Doc, d: QuoteDoc): void {
  const t = T[d.locale];
  if (doc.y + 110 > doc.page.height - 60) { doc.addPage(); doc.y = 50; }
  const x = LEFT + WIDTH - 220;
  doc.y += 8;
  const line = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'bold' : 'regular').fontSize(bold ? 11 : 9.5).fillColor(INK);
    doc.text(label, x, y, { width: 100 });
    doc.text(value, x + 100, y, { width: 120, align: 'right' });
    doc.y = y + (bold ? 18 : 15);
  };
  line(t.subtotal, groupedMoney(d.quote.subtotal));
  line(t.discount, `-${groupedMoney(d.quote.discountAmount)}`);
  line(t.taxAmount, groupedMoney(d.quote.taxAmount));
  doc.moveTo(x, doc.y).lineTo(LEFT + WIDTH, doc.y).lineWidth(0.8).strokeColor(INK).stroke();
  doc.y += 4;
  line(`${t.total} (${d.quote.currency})`, groupedMoney(d.quote.total), true);
  if (d.quote.currency === 'CNY') {
    doc.font('regular').fontSize(9).fillColor(MUTED).text(`${t.upper}：${rmbUppercase(d.quote.total)}`, LEFT, doc.y + 2, { width: WIDTH, align: 'right' });
  }
}

function notes(doc: Doc, d: QuoteDoc): void {
  const text = [d.quote.terms, d.quote.description].filter(Boolean).join('\n\n');
  if (!text) return;
  doc.y += 18;
  doc.font('bold').fontSize(10).fillColor(INK).text(T[d.locale].terms, LEFT, doc.y, { width: WIDTH });
  doc.font('regular').fontSize(9).fillColor(INK).text(text, LEFT, doc.y + 3, { width: WIDTH });
}

function footers(doc: Doc, d: QuoteDoc): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const y = doc.page.height - 40;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(`${d.company.name} · ${d.quote.number}`, LEFT, y, { width: 300, lineBreak: false, height: 12 });
    doc.text(T[d.locale].page(i + 1, range.count), LEFT + 300, y, { width: 195, align: 'right', lineBreak: false, height: 12 });
  }
}

/** Lays the quote out on A4 pages: company header, customer and quote details, the lines, totals, terms. */
export function renderQuotePdf(d: QuoteDoc): Promise<Buffer> {
  const f = loadFonts();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 20, left: LEFT, right: LEFT }, bufferPages: true,
    info: { Title: `${d.quote.number} ${d.quote.name}`, Author: d.company.name, Creator: 'Rapport' }, lang: d.locale });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  header(doc, d);
  infoBlock(doc, d);
  tableHead(doc, d);
  d.lines.forEach((l, i) => row(doc, d, l, i));
  totals(doc, d);
  notes(doc, d);
  footers(doc, d);
  doc.end();
  return done;
}
