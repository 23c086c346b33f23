import iconv from 'iconv-lite';
import { isUtf8 } from './encoding.js';

/**
 * A vCard 2.1 / 3.0 / 4.0 reader working on bytes, because 2.1 cards mix charsets per property
 * (CHARSET=SHIFT_JIS, ISO-8859-1…) and quoted-printable: a value is un-QP'd, then decoded with its charset,
 * and only then split and unescaped (a Shift_JIS byte 0x5C is not a backslash). Handles folded lines,
 * QP soft breaks, 2.1 base64 blocks, bare 2.1 parameters, quoted parameter values, groups (item1.TEL),
 * nested cards and stray comment lines.
 */

export interface VProp {
  group: string | null;
  name: string;
  params: Record<string, string[]>;
  /** Decoded but still escaped text (structured values split with splitValue). */
  raw: string;
}

export interface VCard { version: string; props: VProp[] }

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseParams(parts: string[]): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  const add = (k: string, vs: string[]) => { params[k] = [...(params[k] ?? []), ...vs]; };
  for (const p of parts) {
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq < 0) {
      const bare = p.trim().toUpperCase();
      if (bare === 'QUOTED-PRINTABLE' || bare === 'BASE64' || bare === 'B') add('ENCODING', [bare]);
      else if (/^(UTF-8|ISO-8859-\d+|SHIFT_JIS|GB\w+|BIG5)$/.test(bare)) add('CHARSET', [bare]);
      else add('TYPE', [bare]);
      continue;
    }
    const key = p.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(p.slice(eq + 1), ',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
    add(key, key === 'TYPE' ? values.map((v) => v.toUpperCase()) : values);
  }
  return params;
}

function decodeQp(b: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x3d && i + 2 < b.length && /^[0-9A-Fa-f]{2}$/.test(String.fromCharCode(b[i + 1], b[i + 2]))) {
      out.push(parseInt(String.fromCharCode(b[i + 1], b[i + 2]), 16));
      i += 2;
    } else if (b[i] !== 0x3d || i + 1 < b.length) out.push(b[i]);
  }
  return Buffer.from(out);
}

function charsetOf(name: string | undefined, fallback: string): string {
  const n = (name ?? '').toLowerCase();
  if (!n) return fallback;
  if (n === 'gb2312' || n === 'gbk') return 'gb18030';
  return iconv.encodingExists(n) ? n : fallback;
}

/** One logical line (unfolded, QP soft breaks joined) → property. */
function parseLine(line: Buffer, fallback: string): VProp | null {
  const head = line.toString('latin1');
  const colon = splitOutsideQuotes(head, ':')[0].length;
  if (colon >= head.length) return null;
  const [nameGroup, ...paramParts] = splitOutsideQuotes(head.slice(0, colon), ';');
  const dot = nameGroup.lastIndexOf('.');
  const params = parseParams(paramParts.map((p) => Buffer.from(p, 'latin1').toString('utf8')));
  let value = line.subarray(colon + 1);
  const enc = (params.ENCODING?.[0] ?? '').toUpperCase();
  if (enc === 'QUOTED-PRINTABLE') value = decodeQp(value);
  // No CHARSET: the file's, except that bytes which are not UTF-8 (2.1 QP of Latin text) are Windows-1252.
  const charset = params.CHARSET ? charsetOf(params.CHARSET[0], fallback)
    : fallback === 'utf8' && !isUtf8(value) ? 'windows1252' : fallback;
  return {
    group: dot > 0 ? nameGroup.slice(0, dot) : null,
    name: nameGroup.slice(dot + 1).trim().toUpperCase(),
    params,
    raw: enc === 'B' || enc === 'BASE64' ? value.toString('latin1') : iconv.decode(value, charset),
  };
}

const isQp = (line: Buffer) => /;(ENCODING=)?QUOTED-PRINTABLE[;:]/i.test(line.subarray(0, 200).toString('latin1'));
const isBase64 = (line: Buffer) => /;(ENCODING=)?(BASE64|B)[;:]/i.test(line.subarray(0, 200).toString('latin1'));

/** Physical lines → logical lines: folding, QP soft line breaks, 2.1 base64 continuation, comments. */
export async function* logicalLines(lines: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  let cur: Buffer | null = null;
  let qp = false;
  let b64 = false;
  for await (const l of lines) {
    const folded = l.length > 0 && (l[0] === 0x20 || l[0] === 0x09);
    if (cur && qp && cur[cur.length - 1] === 0x3d) { cur = Buffer.concat([cur.subarray(0, cur.length - 1), l]); continue; }
    if (cur && folded) { cur = Buffer.concat([cur, b64 ? l : l.subarray(1)]); continue; }
    if (cur && b64 && l.length > 0 && /^[A-Za-z0-9+/=]+$/.test(l.toString('latin1'))) { cur = Buffer.concat([cur, l]); continue; }
    if (cur) yield cur;
    cur = null;
    if (l.length === 0 || l[0] === 0x23) continue;
    cur = l;
    qp = isQp(l);
    b64 = isBase64(l);
  }
  if (cur) yield cur;
}

/** Cards of a stream of physical lines; nested cards come out on their own, before their parent ends. */
export async function* vcards(lines: AsyncIterable<Buffer> | Iterable<Buffer>, fallback: string): AsyncGenerator<VCard> {
  const stack: VCard[] = [];
  for await (const line of logicalLines(lines)) {
    const prop = parseLine(line, fallback);
    if (!prop) continue;
    const value = prop.raw.trim().toUpperCase();
    if (prop.name === 'BEGIN' && value === 'VCARD') { stack.push({ version: '2.1', props: [] }); continue; }
    const card = stack[stack.length - 1];
    if (!card) continue;
    if (prop.name === 'END' && value === 'VCARD') { yield stack.pop()!; continue; }
    if (prop.name === 'VERSION') card.version = prop.raw.trim();
    else card.props.push(prop);
  }
  // A card missing its END line still counts.
  while (stack.length) yield stack.pop()!;
}

/** Splits a byte stream into lines at LF, dropping CR; a line is held only until its end arrives. */
export async function* byteLines(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, maxLine = 16 * 1024 * 1024): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) >= 0) {
      const end = nl > 0 && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      yield buf.subarray(0, end);
      buf = buf.subarray(nl + 1);
    }
    if (buf.length > maxLine) throw new Error('line too long');
    rest = buf;
  }
  if (rest.length) yield rest[rest.length - 1] === 0x0d ? rest.subarray(0, rest.length - 1) : rest;
}

/** Unescapes a text value: \n, \, \; and \\ (3.0/4.0); 2.1 escapes only semicolons. */
export function unescapeValue(s: string, version: string): string {
  if (version.startsWith('2')) return s.replace(/\\;/g, ';');
  return s.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Components of a structured value (N, ADR, ORG), split at unescaped semicolons. */
export function splitValue(s: string, version: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) { cur += s[i] + s[i + 1]; i++; continue; }
    if (s[i] === ';') { out.push(cur); cur = ''; } else cur += s[i];
  }
  out.push(cur);
  return out.map((c) => unescapeValue(c, version));
}
