import { describe, expect, it } from 'vitest';
import { reclaimDueAt, reclaimState, ruleFor } from './pool-rules.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const base = { level: 'A', ownerSince: day(0), lastContactAt: null, lastOpportunityAt: null, lastDealAt: null };

describe('pool reclaim rules', () => {
  const rules = [
    { level: 'A', noFollowUpDays: 30, noDealDays: 90 },
    { level: null, noFollowUpDays: 15 },
  ];

  it('picks the level rule, else the catch-all', () => {
    expect(ruleFor(rules, 'A')?.noFollowUpDays).toBe(30);
    expect(ruleFor(rules, 'C')?.noFollowUpDays).toBe(15);
    expect(ruleFor(rules, null)?.noFollowUpDays).toBe(15);
    expect(ruleFor([{ level: 'A', noFollowUpDays: 1 }], 'B')).toBeNull();
  });

  it('counts from the later of owner start and last event, earliest limit wins', () => {
    expect(reclaimDueAt(rules, base)).toEqual({ at: day(30), limit: 'noFollowUpDays', days: 30 });
    expect(reclaimDueAt(rules, { ...base, lastContactAt: day(20) })?.at).toEqual(day(50));
    expect(reclaimDueAt(rules, { ...base, lastContactAt: day(80) })).toEqual({ at: day(90), limit: 'noDealDays', days: 90 });
    expect(reclaimDueAt(rules, { ...base, lastContactAt: day(-5) })?.at).toEqual(day(30));
    expect(reclaimDueAt(rules, { ...base, level: 'B' })?.at).toEqual(day(15));
    expect(reclaimDueAt([{ level: 'B', noFollowUpDays: 3 }], base)).toBeNull();
  });

  it('warns within the warning window and reclaims on the day', () => {
    expect(reclaimState(day(30), day(24), 5)).toBe('keep');
    expect(reclaimState(day(30), day(25), 5)).toBe('warn');
    expect(reclaimState(day(30), day(30), 5)).toBe('reclaim');
    expect(reclaimState(day(30), day(29), 0)).toBe('keep');
    expect(reclaimState(null, day(999), 5)).toBe('keep');
  });
});
