import { describe, expect, it } from 'vitest';
import { CodeAttemptLimiter } from './code-attempt-limiter.ts';

describe('CodeAttemptLimiter', () => {
  it('limits wrong codes per agent and overall, per minute', () => {
    let now = 1_000_000;
    const limiter = new CodeAttemptLimiter(2, 3, () => now);
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(() => limiter.assertAllowed('a')).toThrow(/too many wrong codes/);
    expect(() => limiter.assertAllowed('b')).not.toThrow();
    limiter.recordFailure('b');
    expect(() => limiter.assertAllowed('c')).toThrow(/too many/);
    now += 60_000;
    expect(() => limiter.assertAllowed('a')).not.toThrow();
  });
});
