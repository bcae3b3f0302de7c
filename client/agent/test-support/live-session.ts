import type { LiveSession } from '@tsunagi/shared';

/**
 * A live session for the console's unit tests: active, owned, the customer
 * connected, nothing else going on; `over` sets what a test is about. One
 * place to add a field when LiveSession grows.
 */
export const liveSession = (over: Partial<LiveSession> = {}): LiveSession => ({
  sessionId: '00000000-0000-4000-8000-000000000000',
  status: 'active',
  createdAt: 1000,
  owner: { userId: 'me', displayName: 'Me' },
  customerConnected: true,
  customerDisconnectedAt: null,
  page: null,
  viewers: [],
  endedReason: null,
  control: 'off',
  transferNote: null,
  tabs: [],
  ...over,
});
