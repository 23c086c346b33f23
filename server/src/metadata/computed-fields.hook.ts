import { registerHook, type HookArgs } from '../records/hooks.js';
import { nextAutoNumber } from './auto-number.js';
import { evaluateFormula, parseFormula, type FormulaNode } from './formula.js';
import type { FieldDef, ObjectDef } from './types.js';

/**
 * Auto-numbers and formulas are stored on write, in the custom jsonb column like other custom fields, so
 * lists can filter, sort and index them like any value. They run last among the before-hooks ('*'), after
 * the object's own hooks have set the values formulas read. A changed formula is backfilled by
 * metadata-backfill.ts.
 */
const parsed = new Map<string, FormulaNode>();

export function formulaTree(field: FieldDef): FormulaNode {
  const expr = String(field.options?.expression ?? '');
  let tree = parsed.get(expr);
  if (!tree) {
    tree = parseFormula(expr);
    if (parsed.size > 5000) parsed.clear();
    parsed.set(expr, tree);
  }
  return tree;
}

const computed = (obj: ObjectDef, type: FieldDef['type']) =>
  obj.fields.filter((f) => f.status === 'active' && !f.column && f.type === type);

function customOf(v: unknown): Record<string, unknown> {
  if (typeof v === 'string') return JSON.parse(v);
  return v && typeof v === 'object' ? { ...(v as Record<string, unknown>) } : {};
}

/** The value a formula reads: a real column of the row, or a key of its custom values. */
export function formulaInput(obj: ObjectDef, row: Record<string, unknown>, custom: Record<string, unknown>) {
  return (name: string): unknown => {
    const f = obj.fields.find((x) => x.apiName === name);
    if (!f) return null;
    return f.column ? row[f.column] : custom[name];
  };
}

export function computeFormulas(obj: ObjectDef, row: Record<string, unknown>, custom: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const get = formulaInput(obj, row, custom);
  for (const f of computed(obj, 'formula')) {
    out[f.apiName] = evaluateFormula(formulaTree(f), get, { scale: Number(f.options?.scale ?? 2), blankAsZero: !!f.options?.blankAsZero });
  }
  return out;
}

async function beforeCreate({ ctx, obj, values }: HookArgs): Promise<void> {
  const numbers = computed(obj, 'autoNumber');
  const formulas = computed(obj, 'formula');
  if (numbers.length === 0 && formulas.length === 0) return;
  const custom = customOf(values.custom);
  if (numbers.length > 0) {
    const ws = await ctx.trx.selectFrom('workspaces').select('time_zone').where('id', '=', ctx.auth.workspaceId).executeTakeFirst();
    for (const f of numbers) custom[f.apiName] = await nextAutoNumber(ctx.trx, ctx.auth.workspaceId, f, ctx.now, ws?.time_zone ?? 'UTC');
  }
  Object.assign(custom, computeFormulas(obj, values, custom));
  values.custom = JSON.stringify(custom);
}

async function beforeUpdate({ obj, before, values }: HookArgs): Promise<void> {
  if (computed(obj, 'formula').length === 0 || !before) return;
  const custom = values.custom !== undefined ? customOf(values.custom) : customOf(before.custom);
  const results = computeFormulas(obj, { ...before, ...values }, custom);
  const changed = Object.entries(results).some(([k, v]) => (custom[k] ?? null) !== v);
  if (!changed && values.custom === undefined) return;
  values.custom = JSON.stringify({ ...custom, ...results });
}

registerHook('*.beforeCreate', 'metadata.computedFields', beforeCreate);
registerHook('*.beforeUpdate', 'metadata.computedFields', beforeUpdate);
