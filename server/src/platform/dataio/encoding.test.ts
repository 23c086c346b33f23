import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from './encoding.js';

const CHINESE = '姓名,手机,备注\n张伟,13812345678,一级客户\u3000\n李娜,13900001111,华东区\n';

describe('encoding detection', () => {
  it.each([
    ['utf8', Buffer.from(CHINESE), { encoding: 'utf8', bom: 0 }],
    ['utf8 with mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHINESE)]), { encoding: 'utf8', bom: 3 }],
    ['utf16le with mark', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(CHINESE, 'utf16le')]), { encoding: 'utf16le', bom: 2 }],
    ['utf16le, Chinese, no mark', iconv.encode(CHINESE, 'utf16le'), { encoding: 'utf16le', bom: 0 }],
    ['utf16be, Chinese, no mark', iconv.encode(CHINESE, 'utf16be'), { encoding: 'utf16be', bom: 0 }],
    ['utf16le, ASCII, no mark', iconv.encode('name,phone\nAda,123\n', 'utf16le'), { encoding: 'utf16le', bom: 0 }],
    ['gbk', iconv.encode(CHINESE, 'gbk'), { encoding: 'gb18030', bom: 0 }],
    ['gb18030 four-byte', iconv.encode(`${CHINESE}𠀀集团\n`, 'gb18030'), { encoding: 'gb18030', bom: 0 }],
    ['windows-1252', iconv.encode('Name;City\nCrème brûlée;São Paulo “centro”\n', 'windows-1252'), { encoding: 'windows1252', bom: 0 }],
  ])('%s', (_name, bytes, want) => {
    expect(detectEncoding(bytes)).toEqual(want);
  });
});
