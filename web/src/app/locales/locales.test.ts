import { describe, expect, it } from 'vitest';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Flattens nested messages to dotted keys, so a missing leaf anywhere shows up by name. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const locales = { 'zh-CN': flatten(zhCN as Tree), 'en-US': flatten(enUS as Tree) };

describe('locales', () => {
  it('zh-CN and en-US have exactly the same keys', () => {
    const zh = [...locales['zh-CN'].keys()].sort();
    const en = [...locales['en-US'].keys()].sort();
    expect(zh.filter((k) => !en.includes(k)), 'keys only in zh-CN').toEqual([]);
    expect(en.filter((k) => !zh.includes(k)), 'keys only in en-US').toEqual([]);
  });

  for (const [name, messages] of Object.entries(locales)) {
    it(`${name} has no empty or non-string values`, () => {
      const bad = [...messages].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(bad).toEqual([]);
    });
  }

  it('both locales use the same interpolation variables per key', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...locales['zh-CN']].filter(([k, v]) => {
      return JSON.stringify(vars(v)) !== JSON.stringify(vars(locales['en-US'].get(k)));
    });
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});
