import { describe, expect, it } from 'vitest';
import { badgeText, notificationLink } from './notifications-api';

describe('notification helpers', () => {
  it('links to the record a notification is about', () => {
    expect(notificationLink({ object: 'paymentPlans', recordId: '01a2-x' })).toBe('/paymentPlans/01a2-x');
    expect(notificationLink({ object: null, recordId: 'x' })).toBeNull();
    // Never a link somewhere else, whatever the stored object name says.
    expect(notificationLink({ object: '//evil.example', recordId: 'x' })).toBeNull();
    expect(notificationLink({ object: 'accounts', recordId: '../settings' })).toBe('/accounts/..%2Fsettings');
  });
  it('keeps the badge short', () => {
    expect([0, 7, 99, 100, 4321].map(badgeText)).toEqual(['0', '7', '99', '99+', '99+']);
  });
});
