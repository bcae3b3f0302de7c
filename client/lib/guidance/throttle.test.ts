import { describe, expect, it } from 'vitest';
import { throttle, type Timers } from './throttle.ts';

/** A hand-driven clock: timers run when the test advances time. */
function fakeTimers() {
  let now = 0;
  const queue = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      queue.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void queue.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...queue].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > now) continue;
      queue.delete(id);
      timer.fn();
    }
  };
  return { timers, advance };
}

describe('throttle', () => {
  it('sends the first value at once and the last of a burst after the interval', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const t = throttle((v: number) => sent.push(v), 50, timers);
    t.push(1);
    t.push(2);
    t.push(3);
    expect(sent).toEqual([1]);
    advance(49);
    expect(sent).toEqual([1]);
    advance(1);
    expect(sent).toEqual([1, 3]);
  });

  it('keeps the rate at one send per interval while values keep coming', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const t = throttle((v: number) => sent.push(v), 50, timers);
    for (let i = 0; i < 20; i++) {
      t.push(i);
      advance(10);
    }
    advance(100);
    // 200 ms of movement: the leading value, about one per 50 ms, and the last one.
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)).toBe(19);
  });

  it('sends again at once after a quiet interval', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const t = throttle((v: number) => sent.push(v), 50, timers);
    t.push(1);
    advance(200);
    t.push(2);
    expect(sent).toEqual([1, 2]);
  });

  it('cancel drops the pending value; flush sends it now', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const t = throttle((v: number) => sent.push(v), 50, timers);
    t.push(1);
    t.push(2);
    t.cancel();
    advance(100);
    expect(sent).toEqual([1]);
    t.push(3);
    t.push(4);
    t.flush();
    expect(sent).toEqual([1, 3, 4]);
    advance(100);
    expect(sent).toEqual([1, 3, 4]);
  });
});
