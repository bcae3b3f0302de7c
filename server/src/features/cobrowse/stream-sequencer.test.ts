import { describe, expect, it } from 'vitest';
import { StreamSequencer } from './stream-sequencer.ts';

describe('StreamSequencer', () => {
  it('accepts batches in order, flags resends and gaps', () => {
    const sequencer = new StreamSequencer();
    expect(sequencer.check('s', 'a', 1)).toBe('next');
    sequencer.accept('s', 'a', 1, Promise.resolve());
    expect(sequencer.check('s', 'a', 1)).toBe('duplicate');
    expect(sequencer.check('s', 'a', 3)).toBe('gap');
    expect(sequencer.check('s', 'a', 2)).toBe('next');
    expect(sequencer.check('s', 'b', 1)).toBe('next');
  });

  it('never moves a loaded position backwards', () => {
    const sequencer = new StreamSequencer();
    sequencer.load('s', 'a', 5);
    sequencer.load('s', 'a', 2);
    expect(sequencer.lastAccepted('s', 'a')).toBe(5);
  });

  it('a resend waits for its own commit, and one older than those remembered for the newest', async () => {
    const sequencer = new StreamSequencer();
    const commits = new Map<number, { promise: Promise<void>; resolve: () => void }>();
    for (let seq = 1; seq <= 20; seq++) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      commits.set(seq, { promise, resolve });
      sequencer.accept('s', 'a', seq, promise);
    }
    const done: number[] = [];
    for (const seq of [19, 3]) void sequencer.whenStored('s', 'a', seq).then(() => done.push(seq));
    commits.get(19)!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    // 3 is older than the ring: it waits for 20, the newest.
    expect(done).toEqual([19]);
    commits.get(20)!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toEqual([19, 3]);
    // A stream reloaded from the store has nothing in flight.
    sequencer.load('s', 'b', 7);
    await expect(sequencer.whenStored('s', 'b', 5)).resolves.toBeUndefined();
  });

  it('lets go of a commit once its batch is stored, and answers its resends at once', async () => {
    const sequencer = new StreamSequencer();
    // A commit the test never settles: only `stored` can make a resend's wait end.
    const commit = new Promise<void>(() => {});
    sequencer.accept('s', 'a', 1, commit);
    const first = await Promise.race([sequencer.whenStored('s', 'a', 1).then(() => 'stored'), tick().then(() => 'waiting')]);
    expect(first).toBe('waiting');
    sequencer.stored('s', 'a', 1, commit);
    await expect(sequencer.whenStored('s', 'a', 1)).resolves.toBeUndefined();
    // A report for a commit the slot no longer holds (the stream moved on) clears nothing.
    const next = new Promise<void>(() => {});
    sequencer.accept('s', 'a', 9, next);
    sequencer.stored('s', 'a', 9, commit);
    const later = await Promise.race([sequencer.whenStored('s', 'a', 9).then(() => 'stored'), tick().then(() => 'waiting')]);
    expect(later).toBe('waiting');
  });

  it('forgets a stream whose write was refused, so it is reloaded — not one that moved on', async () => {
    const sequencer = new StreamSequencer();
    sequencer.load('s', 'a', 1);
    const failed = Promise.reject(new Error('disk full'));
    sequencer.accept('s', 'a', 2, failed);
    await expect(sequencer.whenStored('s', 'a', 2)).rejects.toThrow('disk full');
    sequencer.refused('s', 'a', 2, failed);
    expect(sequencer.isKnown('s', 'a')).toBe(false);

    // Reloaded and accepting again: a late report of the old refusal changes nothing.
    sequencer.load('s', 'a', 1);
    sequencer.accept('s', 'a', 2, Promise.resolve());
    sequencer.refused('s', 'a', 2, failed);
    expect(sequencer.lastAccepted('s', 'a')).toBe(2);
  });
});

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}
