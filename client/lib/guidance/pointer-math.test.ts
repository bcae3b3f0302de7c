import { describe, expect, it } from 'vitest';
import {
  boxOutOfFrame,
  fractionsInBox,
  frameContentOrigin,
  pointIntoFrame,
  replayBoxToContainer,
  replayScale,
  roundFractions,
  screenToReplay,
} from './pointer-math.ts';

describe('pointer geometry', () => {
  // A 1200×800 customer viewport drawn at half size, 100 px from the left and 50 from the top.
  const drawn = { left: 100, top: 50, width: 600, height: 400 };
  const scale = replayScale(600, 1200);

  it('derives the scale from the drawn and the layout width', () => {
    expect(scale).toBe(0.5);
    expect(replayScale(0, 1200)).toBe(1);
    expect(replayScale(600, 0)).toBe(1);
  });

  it('maps a screen point into the replay through the scale', () => {
    expect(screenToReplay({ x: 100, y: 50 }, drawn, scale)).toEqual({ x: 0, y: 0 });
    expect(screenToReplay({ x: 400, y: 250 }, drawn, scale)).toEqual({ x: 600, y: 400 });
    expect(screenToReplay({ x: 699, y: 449 }, drawn, scale)).toEqual({ x: 1198, y: 798 });
  });

  it('gives null outside the replay', () => {
    expect(screenToReplay({ x: 99, y: 60 }, drawn, scale)).toBeNull();
    expect(screenToReplay({ x: 700, y: 60 }, drawn, scale)).toBeNull();
    expect(screenToReplay({ x: 200, y: 450 }, drawn, scale)).toBeNull();
  });

  it('names a point by fractions of the element box, clamped to 0..1', () => {
    const box = { left: 200, top: 100, width: 400, height: 40 };
    expect(fractionsInBox({ x: 300, y: 110 }, box)).toEqual({ x: 0.25, y: 0.25 });
    expect(fractionsInBox({ x: 100, y: 500 }, box)).toEqual({ x: 0, y: 1 });
    expect(fractionsInBox({ x: 300, y: 110 }, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0.5, y: 0.5 });
  });

  it('rounds fractions to a thousandth', () => {
    expect(roundFractions({ x: 0.123456, y: 0.9999 })).toEqual({ x: 0.123, y: 1 });
  });

  it('draws a replay box on the screen, relative to a container', () => {
    const box = { left: 200, top: 100, width: 400, height: 40 };
    expect(replayBoxToContainer(box, drawn, scale, { x: 100, y: 50 })).toEqual({ left: 100, top: 50, width: 200, height: 20 });
  });
});

describe('nested frames in the replay', () => {
  // A replayed iframe at (40, 300) with a 2 px border and 5 px padding: its content starts at (47, 307).
  const origin = frameContentOrigin({ x: 40, y: 300 }, { x: 2, y: 2 }, { x: 5, y: 5 });

  it("starts the frame's viewport inside its border and padding", () => {
    expect(origin).toEqual({ x: 47, y: 307 });
  });

  it('maps a point of the replay into the frame, and nothing outside its viewport', () => {
    expect(pointIntoFrame({ x: 147, y: 357 }, origin, { width: 600, height: 400 })).toEqual({ x: 100, y: 50 });
    expect(pointIntoFrame({ x: 45, y: 357 }, origin, { width: 600, height: 400 })).toBeNull();
    expect(pointIntoFrame({ x: 147, y: 707 }, origin, { width: 600, height: 400 })).toBeNull();
  });

  it("maps an element's box in the frame back into the replay, and the point round-trips", () => {
    const inFrame = { left: 90, top: 40, width: 200, height: 20 };
    const inReplay = boxOutOfFrame(inFrame, origin);
    expect(inReplay).toEqual({ left: 137, top: 347, width: 200, height: 20 });
    const point = { x: 147, y: 357 };
    // The same fractions whichever viewport both are measured in.
    expect(fractionsInBox(pointIntoFrame(point, origin, { width: 600, height: 400 })!, inFrame)).toEqual(fractionsInBox(point, inReplay));
  });
});
