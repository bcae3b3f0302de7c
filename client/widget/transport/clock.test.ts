import { describe, expect, it } from 'vitest';
import { clockOffset, toLocalTime, toServerTime } from './clock.ts';
import { utf8Length } from './event-size.ts';

describe('clock offset', () => {
  it('takes the server clock as read halfway through the round trip', () => {
    // Customer clock 5 minutes ahead: sent at 1_300_000, answered at 1_300_100, server said 1_000_050.
    expect(clockOffset(1_300_000, 1_300_100, 1_000_050)).toBe(-300_000);
    expect(toServerTime(1_300_200, -300_000)).toBe(1_000_200);
    expect(toLocalTime(1_000_200, -300_000)).toBe(1_300_200);
  });

  it('never produces a negative or fractional timestamp', () => {
    expect(toServerTime(10, -100)).toBe(0);
    expect(Number.isInteger(toServerTime(10.4, 0.3))).toBe(true);
  });
});

describe('utf8Length', () => {
  it('counts bytes as UTF-8 does', () => {
    for (const s of ['abc', 'é', '山田', '😀', 'a😀b山', '']) {
      expect(utf8Length(s), s).toBe(new TextEncoder().encode(s).length);
    }
  });
});
