import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openStorage, type Storage } from '../../storage/database.ts';
import { CodeAttemptLimiter } from './code-attempt-limiter.ts';

describe('CodeAttemptLimiter', () => {
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.destroy();
    storage = undefined;
  });

  it('limits wrong codes per agent and overall, per minute', async () => {
    storage = openStorage('sqlite::memory:');
    await migrate(storage);
    let now = 1_000_020_000;
    const limiter = new CodeAttemptLimiter(storage.db, 2, 3, () => now);
    await limiter.recordFailure('a');
    await limiter.recordFailure('a');
    await expect(limiter.assertAllowed('a')).rejects.toThrow(/too many wrong codes/);
    await expect(limiter.assertAllowed('b')).resolves.toBeUndefined();
    await limiter.recordFailure('b');
    await expect(limiter.assertAllowed('c')).rejects.toThrow(/too many/);
    now += 59_999;
    await expect(limiter.assertAllowed('a')).rejects.toThrow(/too many/);
    now += 1;
    await expect(limiter.assertAllowed('a')).resolves.toBeUndefined();
    // A new window counts from one again.
    await limiter.recordFailure('a');
    await expect(limiter.assertAllowed('a')).resolves.toBeUndefined();
  });

  it('shares its counts between limiters on the same store, as nodes do', async () => {
    storage = openStorage('sqlite::memory:');
    await migrate(storage);
    const now = () => 1_000_020_000;
    const nodeA = new CodeAttemptLimiter(storage.db, 2, 100, now);
    const nodeB = new CodeAttemptLimiter(storage.db, 2, 100, now);
    await nodeA.recordFailure('a');
    await nodeB.recordFailure('a');
    await expect(nodeA.assertAllowed('a')).rejects.toThrow(/too many/);
    await expect(nodeB.assertAllowed('a')).rejects.toThrow(/too many/);
  });
});
