import { describe, expect, it } from 'vitest';
import { clampTimestamp, ReplayTimeline } from './timeline.ts';

describe('clampTimestamp', () => {
  it('caps at the ceiling and raises to the floor', () => {
    expect(clampTimestamp(50, 10, 100)).toBe(50);
    expect(clampTimestamp(500, 10, 100)).toBe(100);
    expect(clampTimestamp(5, 10, 100)).toBe(10);
  });
});

describe('ReplayTimeline', () => {
  it('starts its baseline a small delay behind server now', () => {
    const timeline = new ReplayTimeline(10_000, 0, 100);
    expect(timeline.baseline).toBe(9_900);
    expect(timeline.now(250)).toBe(10_250);
  });

  it('never lets an event wait for a clock that is ahead (customer skew)', () => {
    const timeline = new ReplayTimeline(10_000, 0, 100);
    // The customer's clock runs 5 s ahead: the event would otherwise play 5 s late.
    expect(timeline.clamp(15_000, 40)).toBe(10_040);
  });

  it('never hands rrweb an event before the baseline, and never goes backwards', () => {
    const timeline = new ReplayTimeline(10_000, 0, 100);
    expect(timeline.clamp(2_000, 10)).toBe(9_900);
    expect(timeline.clamp(9_950, 20)).toBe(9_950);
    expect(timeline.clamp(9_920, 30)).toBe(9_950);
    expect(timeline.clamp(9_990, 40)).toBe(9_990);
  });

  it('stays monotonic across a rebuild', () => {
    const timeline = new ReplayTimeline(10_000, 0, 100, 9_980);
    expect(timeline.clamp(9_950, 0)).toBe(9_980);
  });
});
