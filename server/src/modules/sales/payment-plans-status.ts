import { dec } from './finance-money.js';

export type PlanStatus = 'pending' | 'partial' | 'paid' | 'overdue';

/**
 * An instalment's status from the payments recorded against it: paid once they cover its amount; otherwise
 * overdue after its due date (today is the workspace's calendar day); otherwise partial or pending.
 */
export function planStatus(amount: string | number, paid: string | number, dueDate: string, today: string): PlanStatus {
  if (dec(paid).gte(dec(amount))) return 'paid';
  if (dueDate < today) return 'overdue';
  return dec(paid).gt(0) ? 'partial' : 'pending';
}
