import { dec } from './finance-money.js';

/** 1234567.5 → "1,234,567.50" */
export function groupedMoney(v: unknown): string {
  const [int, frac] = dec(v).toFixed(2).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

function section(four: string): string {
  let out = '';
  let zero = false;
  for (let i = 0; i < four.length; i++) {
    const d = Number(four[i]);
    const unit = SMALL_UNITS[four.length - 1 - i];
    if (d === 0) { zero = out !== ''; continue; }
    if (zero) { out += '零'; zero = false; }
    out += DIGITS[d] + unit;
  }
  return out;
}

/** The amount in Chinese capital numerals, as written on contracts and invoices: 305.10 → 叁佰零伍元壹角整. */
export function rmbUppercase(v: unknown): string {
  const d = dec(v);
  if (d.isNeg()) return `负${rmbUppercase(d.abs())}`;
  const [int, frac] = d.toFixed(2).split('.');
  const groups: string[] = [];
  for (let end = int.length; end > 0; end -= 4) groups.unshift(int.slice(Math.max(0, end - 4), end));
  let yuan = '';
  let pendingZero = false;
  groups.forEach((g, i) => {
    const s = section(g);
    const big = BIG_UNITS[groups.length - 1 - i];
    if (s === '') { pendingZero = yuan !== ''; return; }
    if (yuan !== '' && (pendingZero || g[0] === '0')) yuan += '零';
    yuan += s + big;
    pendingZero = false;
  });
  const jiao = Number(frac[0]);
  const fen = Number(frac[1]);
  if (yuan === '' && jiao === 0 && fen === 0) return '零元整';
  let out = yuan ? `${yuan}元` : '';
  if (jiao === 0 && fen === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan) out += '零';
  if (fen > 0) out += `${DIGITS[fen]}分`;
  else out += '整';
  return out;
}
