export interface Size {
  width: number;
  height: number;
}

export interface Fit {
  /** CSS scale factor for the replay (applied with a transform, origin top-left). */
  scale: number;
  /** The replay's size on screen after scaling. */
  width: number;
  height: number;
}

/**
 * Fits the customer's viewport into the space we have, keeping the aspect
 * ratio. We never scale up past `maxScale` (1 by default): a small phone
 * viewport shown at its own pixel size is easier to compare with what the
 * customer describes than a blown-up, blurry one.
 */
export function fitViewport(content: Size, box: Size, maxScale = 1): Fit {
  if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0) {
    return { scale: 1, width: Math.max(0, content.width), height: Math.max(0, content.height) };
  }
  const scale = Math.min(maxScale, box.width / content.width, box.height / content.height);
  return { scale, width: Math.floor(content.width * scale), height: Math.floor(content.height * scale) };
}
