import type { ObjectDef } from '../metadata/types.js';
import type { RecordCtx } from './record-context.js';

export type HookName = 'beforeCreate' | 'afterCreate' | 'beforeUpdate' | 'afterUpdate' | 'beforeDelete' | 'afterDelete' | 'afterRestore';

export interface HookArgs {
  ctx: RecordCtx;
  obj: ObjectDef;
  /** The stored row before the write (update, delete, restore). */
  before?: Record<string, any>;
  /** Column values about to be written (before*) or the stored row after it (after*). Hooks may change it in before*. */
  values: Record<string, any>;
  /** beforeCreate: the caller named no owner, so owner_id is the creator by default (assignment rules may pick another). */
  ownerDefaulted?: boolean;
}

type Hook = (args: HookArgs) => Promise<void> | void;
const hooks = new Map<string, Array<{ name: string; fn: Hook }>>();

/**
 * Object-specific behaviour (lead conversion, pool rules, quote totals) lives in named hooks registered by
 * domain modules, e.g. registerHook('opportunities.beforeUpdate', 'stage-history', fn). They run inside
 * the write's transaction; a thrown error rolls the whole write back.
 */
export function registerHook(key: `${string}.${HookName}`, name: string, fn: Hook): void {
  const list = (hooks.get(key) ?? []).filter((h) => h.name !== name);
  hooks.set(key, [...list, { name, fn }]);
}

export async function runHooks(hook: HookName, args: HookArgs): Promise<void> {
  for (const key of [`${args.obj.apiName}.${hook}`, `*.${hook}`]) {
    for (const h of hooks.get(key) ?? []) await h.fn(args);
  }
}
