import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route.ts';

describe('hash routes', () => {
  const id = '0b7c1a52-8f1e-4c55-9f1d-2a3b4c5d6e7f';
  it('round-trips the live view', () => {
    expect(parseRoute(routeHash({ name: 'live', sessionId: id }))).toEqual({ name: 'live', sessionId: id });
  });

  it('round-trips the supervisor screens', () => {
    for (const route of [{ name: 'monitor' }, { name: 'monitor-live', sessionId: id }] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
    expect(parseRoute('#/monitor/not-an-id')).toEqual({ name: 'home' });
  });

  it('falls back to home for anything else', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/live/not-an-id')).toEqual({ name: 'home' });
  });
});
