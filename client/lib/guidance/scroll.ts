/** The parts of a WheelEvent that say how far it scrolls. */
export interface WheelFacts {
  deltaX: number;
  deltaY: number;
  /** 0 pixels, 1 lines, 2 pages. */
  deltaMode: number;
}

const LINE_PX = 40;

/** A wheel movement in pixels; `page` is the height (or width) of one page. */
export function wheelPixels(event: WheelFacts, page: { width: number; height: number }): { dx: number; dy: number } {
  const factor = event.deltaMode === 1 ? LINE_PX : event.deltaMode === 2 ? null : 1;
  if (factor === null) return { dx: event.deltaX * page.width, dy: event.deltaY * page.height };
  return { dx: event.deltaX * factor, dy: event.deltaY * factor };
}

export interface ScrollPosition {
  top: number;
  left: number;
}

export interface ScrollExtent {
  /** scrollHeight − clientHeight, scrollWidth − clientWidth. */
  maxTop: number;
  maxLeft: number;
}

/** Where a wheel movement takes a scroll position, kept inside the scrollable range. */
export function nextScroll(from: ScrollPosition, delta: { dx: number; dy: number }, extent: ScrollExtent): ScrollPosition {
  const clamp = (value: number, max: number) => Math.round(Math.min(Math.max(0, max), Math.max(0, value)));
  return { top: clamp(from.top + delta.dy, extent.maxTop), left: clamp(from.left + delta.dx, extent.maxLeft) };
}

/** Whether an element scrolls on its own (overflow auto/scroll with something to scroll). */
export function scrollsItself(
  overflow: { x: string; y: string },
  extent: ScrollExtent,
  delta: { dx: number; dy: number },
): boolean {
  const canY = (overflow.y === 'auto' || overflow.y === 'scroll') && extent.maxTop > 0 && delta.dy !== 0;
  const canX = (overflow.x === 'auto' || overflow.x === 'scroll') && extent.maxLeft > 0 && delta.dx !== 0;
  return canY || canX;
}
