import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FramedNode } from '../frames/frame-ids.ts';
import type { FrameBox } from '../frames/messages.ts';
import type { Recording } from '../recording/recorder.ts';
import type * as Geometry from './geometry.ts';
import { FRAME_ANSWER_MS, NodeLocator } from './locator.ts';

// No layout here: the iframe's offset in the top window is fixed, and offsetByFrames is the real one.
vi.mock('./geometry.ts', async (original) => {
  const real = await original<typeof Geometry>();
  return {
    ...real,
    framesOf: () => [],
    windowsOf: () => [],
    // The frame element's own box (what stands in when the frame does not answer).
    nodeBox: () => ({ left: 100, top: 400, width: 600, height: 300 }),
    measureFrame: () => ({ rect: { left: 100, top: 400 }, border: { left: 1, top: 1 }, padding: { left: 0, top: 0 } }),
  };
});

const frame = { isConnected: true } as unknown as HTMLIFrameElement;

/** A top page's recording that knows page id 206 as node 15 of `frame`, and no page node. */
function recording() {
  const watches: { slot: string; node: FramedNode; reveal: boolean; moved: (box: FrameBox | null) => void }[] = [];
  let unwatched = 0;
  const rec = {
    node: () => null,
    framed: (id: number) => (id === 206 ? { frame, remoteId: 15 } : null),
    watchFramed: (slot: string, node: FramedNode, reveal: boolean, moved: (box: FrameBox | null) => void) => {
      watches.push({ slot, node, reveal, moved });
      return true;
    },
    unwatchFramed: () => unwatched++,
  } as unknown as Recording;
  return { rec, watches, unwatched: () => unwatched };
}

describe("locating a node of a cross-origin frame in the top page's viewport", () => {
  let r: ReturnType<typeof recording>;
  let locator: NodeLocator;
  const moved = vi.fn();

  afterEach(() => {
    vi.useRealTimers();
  });

  beforeEach(() => {
    vi.useFakeTimers();
    r = recording();
    locator = new NodeLocator('pointer', () => r.rec);
    moved.mockClear();
  });

  it("asks the frame for its own id, waits for the answer, then adds the iframe's place", () => {
    expect(locator.track(206, moved)).toBe(true);
    expect(r.watches).toHaveLength(1);
    expect(r.watches[0]).toMatchObject({ slot: 'pointer', node: { frame, remoteId: 15 }, reveal: false });
    expect(locator.where()).toBe('waiting');

    r.watches[0]!.moved({ left: 20, top: 30, width: 200, height: 40 });
    expect(moved).toHaveBeenCalledTimes(1);
    const where = locator.where();
    expect(where).not.toBe('waiting');
    expect(where && where !== 'waiting' ? where.box : null).toEqual({ left: 121, top: 431, width: 200, height: 40 });
    expect(where && where !== 'waiting' ? where.reveal : null).toBe(frame);
  });

  it('keeps one watch while the same node is pointed at again, and moves it to another node', () => {
    locator.track(206, moved);
    locator.track(206, moved);
    expect(r.watches).toHaveLength(1);
    expect(locator.track(12, moved)).toBe(false);
    expect(r.unwatched()).toBe(1);
    expect(locator.where()).toBeNull();
  });

  it('is gone when the frame says it does not know the node, and ignores answers for a node it left', () => {
    locator.track(206, moved);
    const first = r.watches[0]!;
    first.moved(null);
    expect(locator.where()).toBeNull();
    locator.release();
    first.moved({ left: 0, top: 0, width: 1, height: 1 });
    expect(locator.where()).toBeNull();
    expect(moved).toHaveBeenCalledTimes(1);
  });

  it('locates the frame element instead when the frame does not answer in time, and the node once it does', () => {
    locator.track(206, moved);
    vi.advanceTimersByTime(FRAME_ANSWER_MS - 1);
    expect(locator.where()).toBe('waiting');
    vi.advanceTimersByTime(1);
    expect(moved).toHaveBeenCalledTimes(1);
    const stand = locator.where();
    expect(stand && stand !== 'waiting' ? stand.box : null).toEqual({ left: 100, top: 400, width: 600, height: 300 });

    r.watches[0]!.moved({ left: 20, top: 30, width: 200, height: 40 });
    const late = locator.where();
    expect(late && late !== 'waiting' ? late.box : null).toEqual({ left: 121, top: 431, width: 200, height: 40 });
  });

  it('does not stand in for a node once the frame has answered', () => {
    locator.track(206, moved);
    r.watches[0]!.moved({ left: 20, top: 30, width: 200, height: 40 });
    vi.advanceTimersByTime(FRAME_ANSWER_MS * 2);
    expect(moved).toHaveBeenCalledTimes(1);
    const where = locator.where();
    expect(where && where !== 'waiting' ? where.box.width : null).toBe(200);
  });
});
