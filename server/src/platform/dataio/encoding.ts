import { Transform } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DetectedEncoding {
  /** An iconv-lite encoding name. */
  encoding: string;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

export const ENCODINGS = ['utf8', 'utf16le', 'utf16be', 'utf32le', 'utf32be', 'gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr', 'windows1252'] as const;

/** Which byte of every 2 (or 4) is mostly zero: ASCII text in UTF-16 or UTF-32. */
function zeroPattern(b: Buffer, from: number): string | null {
  const n = Math.min(b.length, from + 4096) - from;
  if (n < 8) return null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (b[from + i] === 0) zeros[i % 4]++;
  const q = n / 4;
  const hi = (k: number) => zeros[k] > q * 0.7;
  const lo = (k: number) => zeros[k] < q * 0.1;
  if (hi(1) && hi(2) && hi(3) && lo(0)) return 'utf32le';
  if (hi(0) && hi(1) && hi(2) && lo(3)) return 'utf32be';
  if (hi(1) && hi(3) && lo(0) && lo(2)) return 'utf16le';
  if (hi(0) && hi(2) && lo(1) && lo(3)) return 'utf16be';
  return null;
}

/**
 * UTF-16 without a mark whose text is mostly not ASCII (a Chinese sheet): its zero bytes come from the
 * separators and line breaks, and sit at odd offsets (little-endian) or even ones (big-endian). Text in
 * any other encoding has no zero bytes at all. Some characters (U+3000, U+4E00 一, low surrogates) have a zero byte of their own.
 */
function utf16Parity(b: Buffer): 'utf16le' | 'utf16be' | null {
  const n = Math.min(b.length, 64 * 1024);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) { if (i % 2) odd++; else even++; }
  if (even + odd < 2) return null;
  if (odd >= 0.7 * (even + odd)) return 'utf16le';
  if (even >= 0.7 * (even + odd)) return 'utf16be';
  return null;
}

/** Valid UTF-8, forgiving a sequence cut off by the end of the sample. */
export function isUtf8(b: Buffer): boolean {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= b.length) return true;
      if ((b[i + k] & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return true;
}

const CJK_CHARSETS: Record<string, string> = { 'GB18030': 'gb18030', 'Big5': 'big5', 'Shift_JIS': 'shift_jis', 'EUC-JP': 'euc-jp', 'EUC-KR': 'euc-kr' };

/**
 * Not UTF-8: double-byte CJK (high bytes in pairs) or a single-byte Western code page (high bytes alone,
 * between ASCII letters). Chinese files default to GB18030, a superset of GBK and GB2312.
 */
function legacyEncoding(b: Buffer): string {
  let pairs = 0;
  let single = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    if (i + 1 < b.length && b[i + 1] >= 0x80) { pairs++; i++; } else single++;
  }
  if (pairs <= single) return 'windows1252';
  const best = chardet.analyse(b).find((m) => CJK_CHARSETS[m.name]);
  return best && best.confidence >= 50 ? CJK_CHARSETS[best.name] : 'gb18030';
}

/** The encoding of a file from its first bytes: byte-order marks, zero bytes, UTF-8 validity, then guesses. */
export function detectEncoding(head: Buffer): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return { encoding: 'utf32le', bom: 4 };
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return { encoding: 'utf32be', bom: 4 };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    // Some writers put a two-byte mark in front of UTF-32 text; the zero pattern after it tells.
    const after = zeroPattern(head, 2);
    if (after === 'utf32le' || after === 'utf32be') return { encoding: after, bom: 2 };
    return { encoding: head[0] === 0xff ? 'utf16le' : 'utf16be', bom: 2 };
  }
  const pattern = zeroPattern(head, 0) ?? utf16Parity(head);
  if (pattern) return { encoding: pattern, bom: 0 };
  if (isUtf8(head)) return { encoding: 'utf8', bom: 0 };
  return { encoding: legacyEncoding(head), bom: 0 };
}

export function normaliseEncodingName(name: string): string | null {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const alias: Record<string, string> = { gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030', latin1: 'windows1252', iso88591: 'windows1252', cp1252: 'windows1252', sjis: 'shift_jis', shiftjis: 'shift_jis', utf16: 'utf16le', utf32: 'utf32le' };
  const e = alias[n] ?? (ENCODINGS as readonly string[]).find((x) => x.replace(/[^a-z0-9]/g, '') === n) ?? null;
  return e && iconv.encodingExists(e) ? e : null;
}

/** Bytes → text, skipping the byte-order mark and any U+FEFF at the very start. */
export function decoder(enc: DetectedEncoding): Transform {
  let skip = enc.bom;
  const dec = iconv.getDecoder(enc.encoding, { stripBOM: true });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _e, done) {
      let c = chunk;
      if (skip > 0) { const n = Math.min(skip, c.length); c = c.subarray(n); skip -= n; }
      const s = dec.write(c);
      done(null, s.length ? s : undefined);
    },
    flush(done) {
      const s = dec.end();
      done(null, s || undefined);
    },
  });
}

export function decodeBuffer(b: Buffer, enc: DetectedEncoding): string {
  return iconv.decode(b.subarray(enc.bom), enc.encoding, { stripBOM: true });
}
