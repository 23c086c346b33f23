import type { ReclaimRule } from './pool-config.service.js';
import { DAY_MS } from './sales-common.js';

export interface AccountActivity {
  level: string | null;
  /** When the current owner got the customer. */
  ownerSince: Date;
  lastContactAt: Date | null;
  lastOpportunityAt: Date | null;
  lastDealAt: Date | null;
}

/** The rule for the customer's level, else the catch-all rule (level null), else none. */
export function ruleFor(rules: ReclaimRule[], level: string | null): ReclaimRule | null {
  return rules.find((r) => r.level !== null && r.level === level) ?? rules.find((r) => r.level === null) ?? null;
}

/**
 * When the customer falls back to the pool if nothing more happens: the earliest deadline among the rule's
 * limits, each counted from the later of the owner's start and the last event of its kind. Null: never.
 */
export function reclaimDueAt(rules: ReclaimRule[], a: AccountActivity): { at: Date; limit: ReclaimLimit; days: number } | null {
  const rule = ruleFor(rules, a.level);
  if (!rule) return null;
  let best: { at: Date; limit: ReclaimLimit; days: number } | null = null;
  for (const [limit, last] of [['noFollowUpDays', a.lastContactAt], ['noOpportunityDays', a.lastOpportunityAt], ['noDealDays', a.lastDealAt]] as const) {
    const days = rule[limit];
    if (!days) continue;
    const from = last && last > a.ownerSince ? last : a.ownerSince;
    const at = new Date(from.getTime() + days * DAY_MS);
    if (!best || at < best.at) best = { at, limit, days };
  }
  return best;
}

export type ReclaimLimit = 'noFollowUpDays' | 'noOpportunityDays' | 'noDealDays';

export type ReclaimState = 'reclaim' | 'warn' | 'keep';

export function reclaimState(due: Date | null, now: Date, warnDays: number): ReclaimState {
  if (!due) return 'keep';
  if (due <= now) return 'reclaim';
  return warnDays > 0 && due.getTime() - warnDays * DAY_MS <= now.getTime() ? 'warn' : 'keep';
}
