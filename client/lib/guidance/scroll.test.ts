import { describe, expect, it } from 'vitest';
import { nextScroll, scrollsItself, wheelPixels } from './scroll.ts';

describe('remote scrolling', () => {
  const page = { width: 1200, height: 800 };

  it('turns wheel lines and pages into pixels', () => {
    expect(wheelPixels({ deltaX: 0, deltaY: 100, deltaMode: 0 }, page)).toEqual({ dx: 0, dy: 100 });
    expect(wheelPixels({ deltaX: 0, deltaY: 3, deltaMode: 1 }, page)).toEqual({ dx: 0, dy: 120 });
    expect(wheelPixels({ deltaX: 0, deltaY: 1, deltaMode: 2 }, page)).toEqual({ dx: 0, dy: 800 });
  });

  it('keeps the position inside the scrollable range', () => {
    const extent = { maxTop: 1000, maxLeft: 0 };
    expect(nextScroll({ top: 0, left: 0 }, { dx: 0, dy: 120 }, extent)).toEqual({ top: 120, left: 0 });
    expect(nextScroll({ top: 950, left: 0 }, { dx: 30, dy: 120 }, extent)).toEqual({ top: 1000, left: 0 });
    expect(nextScroll({ top: 50, left: 0 }, { dx: -30, dy: -120 }, extent)).toEqual({ top: 0, left: 0 });
  });

  it('finds elements that scroll on their own in the wheel direction', () => {
    const room = { maxTop: 300, maxLeft: 0 };
    expect(scrollsItself({ x: 'hidden', y: 'auto' }, room, { dx: 0, dy: 10 })).toBe(true);
    expect(scrollsItself({ x: 'visible', y: 'visible' }, room, { dx: 0, dy: 10 })).toBe(false);
    expect(scrollsItself({ x: 'auto', y: 'auto' }, room, { dx: 10, dy: 0 })).toBe(false);
    expect(scrollsItself({ x: 'auto', y: 'scroll' }, { maxTop: 0, maxLeft: 0 }, { dx: 0, dy: 10 })).toBe(false);
  });
});
