import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sampler } from './sampler.ts';

describe('Sampler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits at most once per interval and always the last value', () => {
    const out: number[] = [];
    const sampler = new Sampler<number>(200, (v) => out.push(v), () => Date.now());
    sampler.push(1);
    for (let i = 2; i <= 20; i++) {
      vi.advanceTimersByTime(20);
      sampler.push(i);
    }
    // 0..380 ms: the first at once, then one per 200 ms.
    vi.advanceTimersByTime(1000);
    expect(out[0]).toBe(1);
    expect(out[out.length - 1]).toBe(20);
    expect(out.length).toBeLessThanOrEqual(4);
  });

  it('cancel drops the pending value', () => {
    const out: number[] = [];
    const sampler = new Sampler<number>(200, (v) => out.push(v), () => Date.now());
    sampler.push(1);
    sampler.push(2);
    sampler.cancel();
    vi.advanceTimersByTime(1000);
    expect(out).toEqual([1]);
  });
});
