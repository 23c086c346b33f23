import { Readable } from 'node:stream';
import type { SourceRow } from './csv-source.js';
import { clean } from './csv-source.js';
import { decoder, detectEncoding } from './encoding.js';
import { byteLines, splitValue, unescapeValue, vcards, type VCard, type VProp } from './vcard-parse.js';

/** The columns a vCard file offers to the import mapping, one row per card. */
export const VCARD_COLUMNS = [
  'Name', 'Family name', 'Given name', 'Organization', 'Department', 'Title', 'Mobile', 'Phone', 'Other phones',
  'E-mail', 'Other e-mails', 'Address', 'Birthday', 'Gender', 'WeChat', 'Website', 'Categories', 'Note', 'UID',
] as const;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const EMAIL = /[^\s<>"',;:]+@[^\s<>"',;:]+\.[^\s<>"',;:]+/;

const text = (c: VCard, p: VProp) => clean(unescapeValue(p.raw, c.version));
const all = (c: VCard, name: string) => c.props.filter((p) => p.name === name);
const isPref = (p: VProp) => p.params.TYPE?.includes('PREF') || p.params.PREF !== undefined;
const byPref = (ps: VProp[]) => [...ps.filter(isPref), ...ps.filter((p) => !isPref(p))];

/** FN (the CJK form when the card has several languages), else N, ORG, e-mail or phone. */
function displayName(c: VCard, n: string[]): string {
  const fns = all(c, 'FN').map((p) => text(c, p)).filter(Boolean);
  if (fns.length) return fns.find((f) => CJK.test(f)) ?? fns[0];
  const [family = '', given = '', middle = ''] = n.map(clean);
  if (CJK.test(family + given)) return `${family}${given}`;
  const fromN = [given, middle, family].filter(Boolean).join(' ');
  if (fromN) return fromN;
  const org = all(c, 'ORG')[0];
  const orgName = org ? clean(splitValue(org.raw, c.version)[0] ?? '') : '';
  // A card with nothing but a nickname, an address or a number is still someone: name it by that, as phones do.
  const nick = all(c, 'NICKNAME')[0] ? text(c, all(c, 'NICKNAME')[0]) : androidNickname(c);
  return orgName || nick || emails(c)[0] || phones(c).mobile || phones(c).phone;
}

/** Android writes nicknames as X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Nick;… */
function androidNickname(c: VCard): string {
  const p = all(c, 'X-ANDROID-CUSTOM').find((x) => x.raw.startsWith('vnd.android.cursor.item/nickname;'));
  return p ? clean(splitValue(p.raw, c.version)[1] ?? '') : '';
}

function phones(c: VCard): { mobile: string; phone: string; others: string } {
  const tels = byPref(all(c, 'TEL')).map((p) => ({ types: p.params.TYPE ?? [], value: clean(text(c, p).replace(/^tel:/i, '')) })).filter((t) => t.value);
  const mobile = tels.find((t) => t.types.includes('CELL'));
  const phone = tels.find((t) => t !== mobile && !t.types.includes('FAX') && !t.types.includes('PAGER'));
  return { mobile: mobile?.value ?? '', phone: phone?.value ?? '', others: tels.filter((t) => t !== mobile && t !== phone).map((t) => t.value).join('; ') };
}

function emails(c: VCard): string[] {
  return byPref(all(c, 'EMAIL')).map((p) => EMAIL.exec(text(c, p))?.[0] ?? '').filter(Boolean);
}

function gender(c: VCard): string {
  const g = (all(c, 'GENDER')[0]?.raw ?? all(c, 'X-GENDER')[0]?.raw ?? '').trim().toUpperCase();
  if (g.startsWith('M')) return 'male';
  if (g.startsWith('F')) return 'female';
  return '';
}

function wechat(c: VCard): string {
  const x = all(c, 'X-WECHAT')[0] ?? all(c, 'X-WEIXIN')[0];
  if (x) return text(c, x);
  const impp = all(c, 'IMPP').map((p) => text(c, p)).find((v) => /^(weixin|wechat|wx):/i.test(v));
  return impp ? impp.replace(/^[a-z]+:/i, '') : '';
}

/** One card as the cells of VCARD_COLUMNS. */
export function cardCells(c: VCard): string[] {
  const n = all(c, 'N')[0] ? splitValue(all(c, 'N')[0].raw, c.version) : [];
  const org = all(c, 'ORG')[0] ? splitValue(all(c, 'ORG')[0].raw, c.version).map(clean) : [];
  const adr = all(c, 'ADR')[0] ? splitValue(all(c, 'ADR')[0].raw, c.version).map(clean).filter(Boolean).join(', ') : '';
  const tel = phones(c);
  const mails = emails(c);
  const first = (name: string) => { const p = all(c, name)[0]; return p ? text(c, p) : ''; };
  return [
    displayName(c, n), clean(n[0] ?? ''), clean(n[1] ?? ''), org[0] ?? '', org[1] ?? '', first('TITLE'), tel.mobile, tel.phone,
    tel.others, mails[0] ?? '', mails.slice(1).join('; '), adr, first('BDAY'), gender(c), wechat(c), first('URL'),
    first('CATEGORIES'), first('NOTE'), first('UID'),
  ];
}

/** Cards of a vCard byte stream as rows; UTF-16/32 files are transcoded to UTF-8 first. */
export async function* vcardRows(bytes: AsyncIterable<Buffer>): AsyncGenerator<SourceRow> {
  const it = bytes[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const enc = detectEncoding(first.value);
  const head = enc.encoding === 'utf8' ? first.value.subarray(enc.bom) : first.value;
  const rest = (async function* () { yield head; for (;;) { const n = await it.next(); if (n.done) return; yield n.value; } })();
  const wide = enc.encoding.startsWith('utf16') || enc.encoding.startsWith('utf32');
  const source: AsyncIterable<Buffer> = wide
    ? Readable.from(rest).pipe(decoder(enc)).map((s: Buffer | string) => Buffer.from(s.toString(), 'utf8'))
    : rest;
  let row = 0;
  for await (const card of vcards(byteLines(source), wide || enc.encoding === 'utf8' ? 'utf8' : enc.encoding)) {
    yield { row: ++row, cells: cardCells(card) };
  }
}
