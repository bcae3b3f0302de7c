import { describe, expect, it } from 'vitest';
import { CheckpointBuffer } from './checkpoint-buffer.ts';

const META = 4;
const FULL = 2;
const INC = 3;
let clock = 1000;
const ev = (type: number, name: string) => ({ type, timestamp: clock++, name });
type E = ReturnType<typeof ev>;
const names = (events: readonly E[]) => events.map((e) => e.name);

describe('CheckpointBuffer', () => {
  it('ignores events until the first full snapshot, then keeps Meta + snapshot + what follows', () => {
    const buffer = new CheckpointBuffer<E>();
    expect(buffer.add('s1', [ev(INC, 'early')])).toEqual([]);
    const steps = buffer.add('s1', [ev(META, 'm1'), ev(FULL, 'f1'), ev(INC, 'i1'), ev(INC, 'i2')]);
    expect(steps.map((s) => [s.kind, names(s.events)])).toEqual([
      ['checkpoint', ['m1', 'f1']],
      ['events', ['i1', 'i2']],
    ]);
    expect(names(buffer.buffered)).toEqual(['m1', 'f1', 'i1', 'i2']);
  });

  it('trims everything before the latest checkpoint', () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('s1', [ev(META, 'm1'), ev(FULL, 'f1'), ev(INC, 'i1')]);
    buffer.add('s1', [ev(INC, 'i2'), ev(META, 'm2'), ev(FULL, 'f2'), ev(INC, 'i3')]);
    expect(names(buffer.buffered)).toEqual(['m2', 'f2', 'i3']);
  });

  it('pairs a Meta with the FullSnapshot that follows in the next batch', () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('s1', [ev(META, 'm1'), ev(FULL, 'f1')]);
    expect(buffer.add('s1', [ev(INC, 'i1'), ev(META, 'm2')])).toEqual([{ kind: 'events', events: [expect.objectContaining({ name: 'i1' })] }]);
    const steps = buffer.add('s1', [ev(FULL, 'f2')]);
    expect(steps.map((s) => [s.kind, names(s.events)])).toEqual([['checkpoint', ['m2', 'f2']]]);
  });

  it('feeds a held Meta normally when no snapshot follows it', () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('s1', [ev(META, 'm1'), ev(FULL, 'f1')]);
    buffer.add('s1', [ev(META, 'm2')]);
    const steps = buffer.add('s1', [ev(INC, 'i1')]);
    expect(steps.map((s) => [s.kind, names(s.events)])).toEqual([['events', ['m2', 'i1']]]);
  });

  it('follows the stream of the latest checkpoint and ignores the others until they snapshot', () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('tab1', [ev(META, 'm1'), ev(FULL, 'f1')]);
    expect(buffer.add('tab2', [ev(INC, 'x1')])).toEqual([]);
    const steps = buffer.add('tab2', [ev(META, 'm2'), ev(FULL, 'f2'), ev(INC, 'x2')]);
    expect(steps.map((s) => s.kind)).toEqual(['checkpoint', 'events']);
    expect(buffer.stream).toBe('tab2');
    expect(buffer.add('tab1', [ev(INC, 'i9')])).toEqual([]);
    expect(names(buffer.buffered)).toEqual(['m2', 'f2', 'x2']);
  });

  it("reuses the stream's last Meta for a snapshot that comes without one", () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('s1', [ev(META, 'm1'), ev(FULL, 'f1'), ev(INC, 'i1')]);
    buffer.add('s1', [ev(FULL, 'f2')]);
    expect(names(buffer.buffered)).toEqual(['m1', 'f2']);
  });

  it('shows the chosen stream: switches at once to a checkpoint it holds, and ignores other streams\' snapshots', () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('tab1', [ev(META, 'm1'), ev(FULL, 'f1'), ev(INC, 'i1')]);
    buffer.add('tab2', [ev(META, 'm2'), ev(FULL, 'f2'), ev(INC, 'x1')]);
    expect(buffer.stream).toBe('tab2');
    // The customer turns back to tab 1: its checkpoint and what followed are at hand.
    const steps = buffer.show('tab1');
    expect(steps.map((s) => [s.kind, names(s.events)])).toEqual([['checkpoint', ['m1', 'f1', 'i1']]]);
    expect(buffer.stream).toBe('tab1');
    // Tab 2's periodic checkout does not take the view away.
    expect(buffer.add('tab2', [ev(META, 'm3'), ev(FULL, 'f3')])).toEqual([]);
    expect(buffer.add('tab1', [ev(INC, 'i2')]).map((s) => names(s.events))).toEqual([['i2']]);
    expect(buffer.show('tab2').map((s) => names(s.events))).toEqual([['m3', 'f3']]);
  });

  it('keeps showing the current stream until the chosen one has a checkpoint', () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('tab1', [ev(META, 'm1'), ev(FULL, 'f1')]);
    expect(buffer.show('tab2')).toEqual([]);
    expect(buffer.hasCheckpointOf('tab2')).toBe(false);
    expect(buffer.add('tab1', [ev(INC, 'i1')]).map((s) => names(s.events))).toEqual([['i1']]);
    const steps = buffer.add('tab2', [ev(INC, 'early'), ev(META, 'm2'), ev(FULL, 'f2')]);
    expect(steps.map((s) => [s.kind, names(s.events)])).toEqual([['checkpoint', ['m2', 'f2']]]);
    expect(buffer.stream).toBe('tab2');
  });

  it('forgets streams no tab shows any more, never the shown one', () => {
    const buffer = new CheckpointBuffer<E>();
    buffer.add('old', [ev(META, 'm1'), ev(FULL, 'f1')]);
    buffer.add('tab', [ev(META, 'm2'), ev(FULL, 'f2')]);
    buffer.retain(new Set(['other']));
    expect(buffer.hasCheckpointOf('old')).toBe(false);
    expect(buffer.hasCheckpointOf('tab')).toBe(true);
    expect(names(buffer.buffered)).toEqual(['m2', 'f2']);
  });
});
