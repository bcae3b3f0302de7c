import { describe, expect, it } from 'vitest';
import { ActivityTouches } from './activity-touches.ts';

const sessions = (entries: [string, number][]) => new Map(entries);

describe('ActivityTouches', () => {
  it('marks a session the first time it is seen', () => {
    const touches = new ActivityTouches(1_000);
    expect(touches.due(sessions([['a', 100]]))).toEqual(sessions([['a', 100]]));
  });

  it('skips a session written less than the granularity ago, and writes it again after', () => {
    const touches = new ActivityTouches(1_000);
    touches.written(sessions([['a', 100]]), 100);
    expect(touches.due(sessions([['a', 600]]))).toEqual(new Map());
    expect(touches.due(sessions([['a', 1_099]]))).toEqual(new Map());
    expect(touches.due(sessions([['a', 1_100]]))).toEqual(sessions([['a', 1_100]]));
  });

  it('remembers nothing of a commit that was not confirmed', () => {
    const touches = new ActivityTouches(1_000);
    touches.due(sessions([['a', 100]]));
    expect(touches.due(sessions([['a', 200]]))).toEqual(sessions([['a', 200]]));
  });

  it('still knows a write across one rotation, and forgets quiet sessions after two', () => {
    const touches = new ActivityTouches(1_000);
    touches.written(sessions([['a', 0]]), 0);
    touches.written(sessions([['b', 900]]), 1_000); // rotates: a is in the previous generation
    expect(touches.due(sessions([['a', 999]]))).toEqual(new Map());
    touches.written(new Map(), 2_000); // rotates again: a is forgotten
    expect(touches.due(sessions([['a', 999]]))).toEqual(sessions([['a', 999]]));
  });

  it('takes a twentieth of the idle timeout, at most five seconds', () => {
    expect(ActivityTouches.forIdleTimeout(500).granularityMs).toBe(25);
    expect(ActivityTouches.forIdleTimeout(30 * 60_000).granularityMs).toBe(5_000);
  });
});
