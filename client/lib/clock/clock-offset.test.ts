import { describe, expect, it } from 'vitest';
import { estimateClockOffset } from './clock-offset.ts';

describe('estimateClockOffset', () => {
  it('puts the server reading in the middle of the round trip', () => {
    // Server is 5 s ahead; 40 ms round trip, symmetric.
    expect(estimateClockOffset([{ sentAt: 1000, receivedAt: 1040, serverTime: 6020 }])).toEqual({ offset: 5000, rtt: 40 });
  });

  it('trusts the sample with the shortest round trip', () => {
    const estimate = estimateClockOffset([
      { sentAt: 0, receivedAt: 400, serverTime: 3350 }, // slow return leg: would say 3150
      { sentAt: 1000, receivedAt: 1020, serverTime: 4010 }, // fast: 3000
      { sentAt: 2000, receivedAt: 2300, serverTime: 5010 }, // slow outbound leg: would say 2860
    ]);
    expect(estimate).toEqual({ offset: 3000, rtt: 20 });
  });

  it('handles a server clock behind ours', () => {
    expect(estimateClockOffset([{ sentAt: 10_000, receivedAt: 10_010, serverTime: 7_005 }])?.offset).toBe(-3000);
  });

  it('ignores samples taken across a local clock jump and returns null without samples', () => {
    expect(estimateClockOffset([{ sentAt: 5000, receivedAt: 4000, serverTime: 1 }])).toBeNull();
    expect(estimateClockOffset([])).toBeNull();
  });
});
