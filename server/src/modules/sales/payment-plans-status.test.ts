import { describe, expect, it } from 'vitest';
import { planStatus } from './payment-plans-status.js';

describe('payment plan status', () => {
  it('goes pending → partial → paid as payments come in', () => {
    expect(planStatus('1000.00', '0', '2026-12-01', '2026-11-23')).toBe('pending');
    expect(planStatus('1000.00', '400.00', '2026-12-01', '2026-11-23')).toBe('partial');
    expect(planStatus('1000.00', '1000.00', '2026-12-01', '2026-11-23')).toBe('paid');
    expect(planStatus('1000.00', '1200.00', '2026-12-01', '2026-11-23')).toBe('paid');
  });
  it('is overdue after the due date unless paid in full', () => {
    expect(planStatus('1000.00', '0', '2026-11-22', '2026-11-23')).toBe('overdue');
    expect(planStatus('1000.00', '999.99', '2026-11-22', '2026-11-23')).toBe('overdue');
    expect(planStatus('1000.00', '1000', '2026-11-22', '2026-11-23')).toBe('paid');
  });
  it('is not overdue on the due date itself', () => {
    expect(planStatus('0.30', '0.1', '2026-11-23', '2026-11-23')).toBe('partial');
  });
});
