/**
 * Geometry between the agent's screen and the replayed page. The replay
 * iframe is drawn at the customer's viewport size and shrunk with a CSS
 * transform; these functions undo that, so a point on the agent's screen
 * names a point in the customer's page and back.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The CSS scale of the replay: its drawn width (getBoundingClientRect, after
 * the transform) over its layout width (offsetWidth, before it). 1 when the
 * iframe has no size yet.
 */
export function replayScale(drawnWidth: number, layoutWidth: number): number {
  if (layoutWidth <= 0 || drawnWidth <= 0) return 1;
  return drawnWidth / layoutWidth;
}

/**
 * A point on the agent's screen (clientX/Y) in the replay's own viewport
 * coordinates, or null when it lies outside the replay.
 */
export function screenToReplay(client: Point, drawn: Box, scale: number): Point | null {
  const x = (client.x - drawn.left) / scale;
  const y = (client.y - drawn.top) / scale;
  const width = drawn.width / scale;
  const height = drawn.height / scale;
  if (x < 0 || y < 0 || x >= width || y >= height) return null;
  return { x, y };
}

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5);

/**
 * Where a point lies inside an element's box, as fractions of its width and
 * height (0..1). A zero-sized box gives its middle. Both sides of the
 * session agree on fractions of the same element whatever their scroll and
 * zoom, which is why the protocol sends these and not coordinates.
 */
export function fractionsInBox(point: Point, box: Box): Point {
  return {
    x: box.width > 0 ? clamp01((point.x - box.left) / box.width) : 0.5,
    y: box.height > 0 ? clamp01((point.y - box.top) / box.height) : 0.5,
  };
}

/** Fractions rounded to 1/1000: finer than any pixel, and fewer repeated sends. */
export function roundFractions(point: Point): Point {
  return { x: Math.round(point.x * 1000) / 1000, y: Math.round(point.y * 1000) / 1000 };
}

/**
 * An element's box in the replay's viewport coordinates, drawn on the
 * agent's screen relative to `container` (the element the outline is
 * positioned in).
 */
export function replayBoxToContainer(box: Box, drawn: Box, scale: number, container: Point): Box {
  return {
    left: drawn.left - container.x + box.left * scale,
    top: drawn.top - container.y + box.top * scale,
    width: box.width * scale,
    height: box.height * scale,
  };
}

/**
 * Where a nested frame's viewport starts inside its parent's viewport: the
 * `<iframe>`'s border box plus its border and padding.
 */
export function frameContentOrigin(rect: Point, border: Point, padding: Point): Point {
  return { x: rect.x + border.x + padding.x, y: rect.y + border.y + padding.y };
}

/** A point of a parent's viewport in the viewport of a frame whose content starts at `origin`; null outside `size`. */
export function pointIntoFrame(point: Point, origin: Point, size: { width: number; height: number }): Point | null {
  const x = point.x - origin.x;
  const y = point.y - origin.y;
  if (x < 0 || y < 0 || x >= size.width || y >= size.height) return null;
  return { x, y };
}

/** A box of a frame's viewport in its parent's viewport (the frame's content starting at `origin`). */
export function boxOutOfFrame(box: Box, origin: Point): Box {
  return { left: box.left + origin.x, top: box.top + origin.y, width: box.width, height: box.height };
}
