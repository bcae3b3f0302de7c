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

  it('forgets a stream whose write failed, so it is reloaded', async () => {
    const sequencer = new StreamSequencer();
    sequencer.load('s', 'a', 1);
    const failed = Promise.reject(new Error('disk full'));
    sequencer.accept('s', 'a', 2, failed);
    await expect(sequencer.whenStored('s', 'a', 2)).rejects.toThrow('disk full');
    await Promise.resolve();
    expect(sequencer.isKnown('s', 'a')).toBe(false);
  });
});
