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
});
