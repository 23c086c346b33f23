import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from './encoding.js';
import { sniffDelimiter } from './csv-source.js';
import { byteLines, splitValue, vcards } from './vcard-parse.js';
import { cardCells, VCARD_COLUMNS } from './vcard-source.js';
import { fold, splitName, writeVcard } from './vcard-write.js';

async function cards(b: Buffer) {
  const out = [];
  for await (const c of vcards(byteLines([b]), 'utf8')) out.push(Object.fromEntries(cardCells(c).map((v, i) => [VCARD_COLUMNS[i], v])));
  return out;
}

describe('vCard', () => {
  it('decodes per-property charsets before unescaping, and quoted-printable soft breaks', async () => {
    const sjis = Buffer.concat([Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN;CHARSET=SHIFT_JIS:'), iconv.encode('表示 能力', 'shift_jis'), Buffer.from('\r\nEND:VCARD\r\n')]);
    expect((await cards(sjis))[0].Name).toBe('表示 能力');
    const qp = Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=\r\n=9F;;;\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab\r\nEND:VCARD\r\n');
    expect((await cards(qp))[0]).toMatchObject({ Name: '张伟', Note: 'a\r\nb' });
    expect(splitValue('a\\;b;c\\,d;e\\nf', '3.0')).toEqual(['a;b', 'c,d', 'e\nf']);
  });
  it('writes folded, escaped cards in each version that read back the same', async () => {
    const p = { id: '0194c2d0-0000-7000-8000-000000000001', name: '欧阳修', title: 'A; B, C', mobile: '13812345678', email: 'o@example.cn', note: `第一行\n${'长'.repeat(60)}`, organization: '星辰' };
    for (const v of ['2.1', '3.0', '4.0'] as const) {
      const text = writeVcard(p, v);
      expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 76), v).toBe(true);
      const [c] = await cards(Buffer.from(text));
      expect(c, v).toMatchObject({ Name: '欧阳修', Title: 'A; B, C', Mobile: '13812345678', 'E-mail': 'o@example.cn', Note: p.note, Organization: '星辰' });
    }
    expect(splitName('欧阳修')).toEqual(['欧', '阳修']);
    expect(splitName('John Ronald Tolkien')).toEqual(['Tolkien', 'John Ronald']);
    expect(fold('x'.repeat(80)).split('\r\n ').map((s) => s.length)).toEqual([75, 5]);
  });
  it('detects encodings and separators', () => {
    expect(detectEncoding(Buffer.from('\uFEFFa,b', 'utf8'))).toEqual({ encoding: 'utf8', bom: 3 });
    expect(detectEncoding(iconv.encode('客户名称,联系人,手机\n上海星辰科技有限公司,张伟,13812345678\n', 'gbk')).encoding).toBe('gb18030');
    expect(detectEncoding(iconv.encode('Name,City\nCrédito Inmobiliario,Málaga\n', 'windows1252')).encoding).toBe('windows1252');
    expect(detectEncoding(iconv.encode('a,b\nc,d\n', 'utf16be')).encoding).toBe('utf16be');
    expect(sniffDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n"x\ty"\t2\n')).toBe('\t');
    expect(sniffDelimiter('name\nA, Inc.\n')).toBe(',');
  });
});
