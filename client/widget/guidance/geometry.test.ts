import { describe, expect, it } from 'vitest';
import { fullyVisible, offsetByFrames, pointIn, type FrameOffset } from './geometry.ts';

const frame = (left: number, top: number, border = 0, padding = 0): FrameOffset => ({
  rect: { left, top },
  border: { left: border, top: border },
  padding: { left: padding, top: padding },
});

describe('offsetByFrames: a box inside same-origin frames, in the top window', () => {
  const field = { left: 20, top: 30, width: 200, height: 40 };

  it('leaves a box of the top document where it is', () => {
    expect(offsetByFrames(field, [])).toEqual(field);
  });

  it("adds the frame's position, border and padding", () => {
    // An iframe at (100, 250) in the page's viewport, with a 2 px border and 8 px padding.
    expect(offsetByFrames(field, [frame(100, 250, 2, 8)])).toEqual({ left: 130, top: 290, width: 200, height: 40 });
  });

  it("follows the page's scroll (the frame's rect) and the frame's own (the box)", () => {
    // The page scrolled 200 px down: the iframe's rect moved up by as much.
    expect(offsetByFrames(field, [frame(100, 50, 2)])).toEqual({ left: 122, top: 82, width: 200, height: 40 });
    // The frame's document scrolled 25 px down: the field's rect in the frame moved up.
    expect(offsetByFrames({ ...field, top: 5 }, [frame(100, 50, 2)])).toEqual({ left: 122, top: 57, width: 200, height: 40 });
  });

  it('adds every frame from the innermost out (a frame inside a frame)', () => {
    expect(offsetByFrames(field, [frame(10, 20, 1), frame(100, 200, 2, 3)])).toEqual({ left: 136, top: 256, width: 200, height: 40 });
  });

  it('puts the pointer at the same fractions of the offset box', () => {
    const box = offsetByFrames(field, [frame(100, 250, 2, 8)]);
    expect(pointIn(box, 0.25, 0.5)).toEqual({ x: 180, y: 310 });
    expect(fullyVisible(box, { width: 1200, height: 300 })).toBe(false);
    expect(fullyVisible(box, { width: 1200, height: 900 })).toBe(true);
  });
});
