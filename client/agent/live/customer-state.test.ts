import { describe, expect, it } from 'vitest';
import { customerState } from './customer-state.ts';

describe('customerState', () => {
  it('is connected while the socket is up', () => {
    expect(customerState({ status: 'active', customerConnected: true, customerDisconnectedAt: null }, 10_000)).toBe('connected');
  });

  it('is reconnecting shortly after a drop, offline after the grace period', () => {
    const session = { status: 'active' as const, customerConnected: false, customerDisconnectedAt: 10_000 };
    expect(customerState(session, 15_000)).toBe('reconnecting');
    expect(customerState(session, 10_000 + 61_000)).toBe('offline');
  });

  it('assumes a reconnect when the drop time is unknown (server restarted)', () => {
    expect(customerState({ status: 'active', customerConnected: false, customerDisconnectedAt: null }, 99_999)).toBe('reconnecting');
  });

  it('has left once the session ended, whatever the socket says', () => {
    expect(customerState({ status: 'ended', customerConnected: true, customerDisconnectedAt: null }, 0)).toBe('left');
  });
});
