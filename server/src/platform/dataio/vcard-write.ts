/**
 * vCard 2.1 / 3.0 / 4.0 writer for contacts and leads: escaped text, the right TYPE syntax for each
 * version, lines folded at 75 octets without splitting a UTF-8 character, CRLF line ends. 2.1 has no
 * UTF-8 default, so non-ASCII values carry CHARSET=UTF-8 and are quoted-printable.
 */
export type VcardVersion = '2.1' | '3.0' | '4.0';

export interface VcardPerson {
  id: string;
  name: string;
  title?: string | null;
  organization?: string | null;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  birthday?: string | null;
  gender?: string | null;
  note?: string | null;
  wechat?: string | null;
  updatedAt?: string | null;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function escape(v: string, version: VcardVersion): string {
  if (version === '2.1') return v.replace(/;/g, '\\;');
  return v.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

function qp(v: string): string {
  return [...Buffer.from(v, 'utf8')].map((b) => (b >= 0x21 && b <= 0x7e && b !== 0x3d ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Folds a line at 75 octets; continuation lines start with a space (2.1 QP lines use soft breaks instead). */
export function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const out: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    out.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74;
  }
  return out.join('\r\n ');
}

function qpFold(line: string): string {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > 75) {
    let cut = 74;
    if (rest[cut - 1] === '=') cut -= 1;
    else if (rest[cut - 2] === '=') cut -= 2;
    parts.push(`${rest.slice(0, cut)}=`);
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts.join('\r\n');
}

function prop(version: VcardVersion, name: string, value: string, params: string[] = [], structured = false): string {
  const esc = structured ? value : escape(value, version);
  if (version === '2.1' && /[^\x20-\x7e]/.test(value)) {
    return qpFold(`${[name, ...params, 'CHARSET=UTF-8', 'ENCODING=QUOTED-PRINTABLE'].join(';')}:${qp(esc)}`);
  }
  return fold(`${[name, ...params].join(';')}:${esc}`);
}

function type(version: VcardVersion, ...types: string[]): string[] {
  if (version === '2.1') return types;
  return [`TYPE=${version === '4.0' ? types.map((t) => t.toLowerCase()).join(',') : types.join(',')}`];
}

/** Family and given name: a CJK name's first character is the surname; a Latin name's last word. */
export function splitName(name: string): [string, string] {
  const n = name.trim();
  if (CJK.test(n) && !/\s/.test(n)) return [n.slice(0, 1), n.slice(1)];
  const words = n.split(/\s+/);
  return words.length > 1 ? [words[words.length - 1], words.slice(0, -1).join(' ')] : [n, ''];
}

export function writeVcard(p: VcardPerson, version: VcardVersion): string {
  const [family, given] = splitName(p.name);
  const lines = ['BEGIN:VCARD', `VERSION:${version}`, prop(version, 'FN', p.name),
    prop(version, 'N', `${escape(family, version)};${escape(given, version)};;;`, [], true)];
  if (p.organization) lines.push(prop(version, 'ORG', escape(p.organization, version), [], true));
  if (p.title) lines.push(prop(version, 'TITLE', p.title));
  if (p.mobile) lines.push(prop(version, 'TEL', p.mobile, type(version, 'CELL', 'VOICE')));
  if (p.phone) lines.push(prop(version, 'TEL', p.phone, type(version, 'WORK', 'VOICE')));
  if (p.email) lines.push(prop(version, 'EMAIL', p.email, version === '2.1' ? ['INTERNET'] : type(version, 'INTERNET')));
  if (p.birthday) lines.push(prop(version, 'BDAY', p.birthday));
  if (p.gender && version === '4.0') lines.push(`GENDER:${p.gender === 'male' ? 'M' : p.gender === 'female' ? 'F' : 'U'}`);
  if (p.wechat) lines.push(prop(version, 'X-WECHAT', p.wechat));
  if (p.note) lines.push(prop(version, 'NOTE', p.note));
  lines.push(`UID:${version === '4.0' ? 'urn:uuid:' : ''}${p.id}`);
  if (p.updatedAt) lines.push(`REV:${p.updatedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}`);
  lines.push('END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}
