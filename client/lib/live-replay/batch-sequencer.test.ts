import { describe, expect, it } from 'vitest';
import { BatchSequencer } from './batch-sequencer.ts';

const batch = (streamId: string, seq: number) => ({ streamId, seq });

function collect() {
  const delivered: string[] = [];
  const sequencer = new BatchSequencer<{ streamId: string; seq: number }>((b) => delivered.push(`${b.streamId}:${b.seq}`));
  return { delivered, sequencer };
}

describe('BatchSequencer', () => {
  it('delivers in order and drops duplicates', () => {
    const { delivered, sequencer } = collect();
    expect(sequencer.push(batch('a', 5))).toBe('delivered');
    expect(sequencer.push(batch('a', 6))).toBe('delivered');
    expect(sequencer.push(batch('a', 6))).toBe('duplicate');
    expect(sequencer.push(batch('a', 4))).toBe('duplicate');
    expect(delivered).toEqual(['a:5', 'a:6']);
  });

  it('starts a stream wherever its first batch is (a checkpoint starts mid-stream)', () => {
    const { delivered, sequencer } = collect();
    sequencer.push(batch('a', 40));
    sequencer.push(batch('b', 1));
    expect(delivered).toEqual(['a:40', 'b:1']);
  });

  it('holds a batch that arrives ahead of a missing one and drains when the gap fills', () => {
    const { delivered, sequencer } = collect();
    sequencer.push(batch('a', 1));
    expect(sequencer.push(batch('a', 3))).toBe('held');
    expect(sequencer.push(batch('a', 4))).toBe('held');
    expect(sequencer.push(batch('a', 3))).toBe('duplicate');
    expect(sequencer.hasGaps()).toBe(true);
    expect(delivered).toEqual(['a:1']);
    sequencer.push(batch('a', 2));
    expect(delivered).toEqual(['a:1', 'a:2', 'a:3', 'a:4']);
    expect(sequencer.hasGaps()).toBe(false);
  });

  it('keeps streams independent', () => {
    const { delivered, sequencer } = collect();
    sequencer.push(batch('a', 1));
    sequencer.push(batch('b', 7));
    sequencer.push(batch('a', 3));
    sequencer.push(batch('b', 8));
    expect(delivered).toEqual(['a:1', 'b:7', 'b:8']);
  });

  it('releases held batches in seq order when told to give up on a gap', () => {
    const { delivered, sequencer } = collect();
    sequencer.push(batch('a', 1));
    sequencer.push(batch('a', 5));
    sequencer.push(batch('a', 3));
    sequencer.releaseGaps();
    expect(delivered).toEqual(['a:1', 'a:3', 'a:5']);
    expect(sequencer.hasGaps()).toBe(false);
    expect(sequencer.push(batch('a', 4))).toBe('duplicate');
    expect(sequencer.push(batch('a', 6))).toBe('delivered');
  });

  it('stops waiting when too many batches pile up behind a gap', () => {
    const delivered: number[] = [];
    const sequencer = new BatchSequencer<{ streamId: string; seq: number }>((b) => delivered.push(b.seq), {
      maxHeldPerStream: 3,
    });
    sequencer.push(batch('a', 1));
    for (const seq of [3, 4, 5, 6]) sequencer.push(batch('a', seq));
    expect(delivered).toEqual([1, 3, 4, 5, 6]);
  });

  it('forgets a stream on rewind: its batches are delivered again from where they next start', () => {
    const { delivered, sequencer } = collect();
    sequencer.push(batch('b', 7));
    sequencer.push(batch('b', 9));
    sequencer.rewind('b');
    expect(sequencer.hasGaps()).toBe(false);
    expect(sequencer.push(batch('b', 5))).toBe('delivered');
    expect(sequencer.push(batch('b', 6))).toBe('delivered');
    expect(delivered).toEqual(['b:7', 'b:5', 'b:6']);
  });
});
