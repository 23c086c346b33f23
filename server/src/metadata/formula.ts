import { Decimal } from 'decimal.js';

/**
 * Formula fields: arithmetic (+ - * / and parentheses, unary minus) over numeric fields of the same
 * record. Parsed into a tree by hand and evaluated with decimal.js — no eval, no functions, nothing that
 * can reach outside the record.
 */
export type FormulaNode =
  | { k: 'num'; v: string }
  | { k: 'ref'; name: string }
  | { k: 'neg'; a: FormulaNode }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: FormulaNode; b: FormulaNode };

export const MAX_EXPRESSION = 1000;
const MAX_DEPTH = 40;

/** A parse failure: a message key of metadata.messages.ts and where in the expression it happened. */
export class FormulaError extends Error {
  constructor(readonly code: string, readonly params: Record<string, unknown> = {}) {
    super(code);
  }
}

type Token = { t: 'num' | 'id' | 'op' | '(' | ')'; v: string; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const num = /^(\d+(\.\d+)?|\.\d+)/.exec(src.slice(i, i + 60));
    if (num) { out.push({ t: 'num', v: num[0], at: i + 1 }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_]{0,63}/.exec(src.slice(i, i + 64));
    if (id) { out.push({ t: 'id', v: id[0], at: i + 1 }); i += id[0].length; continue; }
    if ('+-*/'.includes(c)) { out.push({ t: 'op', v: c, at: i + 1 }); i++; continue; }
    if (c === '(' || c === ')') { out.push({ t: c, v: c, at: i + 1 }); i++; continue; }
    throw new FormulaError('metadata.formula.unexpected', { position: i + 1, token: [...src.slice(i)][0] });
  }
  return out;
}

/** expression := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ; factor := -factor | num | field | (expression) */
export function parseFormula(src: string): FormulaNode {
  if (typeof src !== 'string' || src.trim() === '') throw new FormulaError('metadata.formula.empty');
  if (src.length > MAX_EXPRESSION) throw new FormulaError('metadata.formula.tooLong', { max: MAX_EXPRESSION });
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (): never => {
    const tok = peek();
    if (!tok) throw new FormulaError('metadata.formula.incomplete');
    throw new FormulaError('metadata.formula.unexpected', { position: tok.at, token: tok.v });
  };
  const expression = (depth: number): FormulaNode => {
    if (depth > MAX_DEPTH) throw new FormulaError('metadata.formula.tooDeep', { max: MAX_DEPTH });
    let a = term(depth);
    while (peek()?.t === 'op' && (peek().v === '+' || peek().v === '-')) {
      const op = tokens[pos++].v as '+' | '-';
      a = { k: 'bin', op, a, b: term(depth) };
    }
    return a;
  };
  const term = (depth: number): FormulaNode => {
    let a = factor(depth);
    while (peek()?.t === 'op' && (peek().v === '*' || peek().v === '/')) {
      const op = tokens[pos++].v as '*' | '/';
      a = { k: 'bin', op, a, b: factor(depth) };
    }
    return a;
  };
  const factor = (depth: number): FormulaNode => {
    const tok = peek();
    if (!tok) return fail();
    if (depth > MAX_DEPTH) throw new FormulaError('metadata.formula.tooDeep', { max: MAX_DEPTH });
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      pos++;
      const a = factor(depth + 1);
      return tok.v === '-' ? { k: 'neg', a } : a;
    }
    if (tok.t === 'num') { pos++; return { k: 'num', v: tok.v }; }
    if (tok.t === 'id') { pos++; return { k: 'ref', name: tok.v }; }
    if (tok.t === '(') {
      pos++;
      const inner = expression(depth + 1);
      if (peek()?.t !== ')') return fail();
      pos++;
      return inner;
    }
    return fail();
  };
  const tree = expression(0);
  if (pos < tokens.length) fail();
  return tree;
}

/** Field names the formula reads, in order of first use. */
export function formulaRefs(node: FormulaNode, out: string[] = []): string[] {
  if (node.k === 'ref') { if (!out.includes(node.name)) out.push(node.name); }
  else if (node.k === 'neg') formulaRefs(node.a, out);
  else if (node.k === 'bin') { formulaRefs(node.a, out); formulaRefs(node.b, out); }
  return out;
}

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

function toDecimal(v: unknown): Decimal | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'number' && typeof v !== 'string') return null;
  try {
    const d = new D(v);
    return d.isFinite() ? d : null;
  } catch { return null; }
}

export interface EvalOptions {
  /** Decimal places of the result (half away from zero). */
  scale: number;
  /** Treat empty inputs as 0 instead of making the whole result empty. */
  blankAsZero?: boolean;
}

/**
 * The formula's value for one record as a decimal string, or null when an input is empty (unless
 * blankAsZero) or a division by zero happens — a CRM shows an empty cell there, not an error.
 */
export function evaluateFormula(node: FormulaNode, get: (name: string) => unknown, opts: EvalOptions): string | null {
  const walk = (n: FormulaNode): Decimal | null => {
    switch (n.k) {
      case 'num': return new D(n.v);
      case 'ref': return toDecimal(get(n.name)) ?? (opts.blankAsZero ? new D(0) : null);
      case 'neg': { const a = walk(n.a); return a === null ? null : a.negated(); }
      case 'bin': {
        const a = walk(n.a);
        const b = walk(n.b);
        if (a === null || b === null) return null;
        if (n.op === '+') return a.plus(b);
        if (n.op === '-') return a.minus(b);
        if (n.op === '*') return a.times(b);
        return b.isZero() ? null : a.dividedBy(b);
      }
    }
  };
  const result = walk(node);
  if (result === null) return null;
  const rounded = result.toDecimalPlaces(opts.scale, Decimal.ROUND_HALF_UP);
  return rounded.isZero() ? '0' : rounded.toFixed();
}
