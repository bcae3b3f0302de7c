/** Where a node of the page is on screen right now (viewport coordinates of the top window). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where a frame's viewport starts inside the viewport of the window that
 * holds the `<iframe>`: the iframe's border box plus its border and padding
 * (the frame's document is drawn in the iframe's content box).
 */
export interface FrameOffset {
  /** The iframe's getBoundingClientRect() in its parent's viewport. */
  rect: { left: number; top: number };
  /** The iframe's left and top border widths (clientLeft, clientTop). */
  border: { left: number; top: number };
  /** The iframe's computed left and top padding. */
  padding: { left: number; top: number };
}

/**
 * A box measured in a frame's own viewport, moved into the top window's
 * viewport. `frames` lists the frames from the innermost (the one whose
 * viewport the box is in) out to the one the top window holds. Pure: the
 * frame's own scroll is already in the box (getBoundingClientRect is
 * relative to the frame's viewport), each frame's position in its parent
 * and that parent's scroll are in its rect.
 */
export function offsetByFrames(box: Box, frames: readonly FrameOffset[]): Box {
  let { left, top } = box;
  for (const frame of frames) {
    left += frame.rect.left + frame.border.left + frame.padding.left;
    top += frame.rect.top + frame.border.top + frame.padding.top;
  }
  return { left, top, width: box.width, height: box.height };
}

/**
 * The same-origin frames a node is inside, innermost first, as `<iframe>`
 * elements of their parents' documents (empty for a node of the top
 * document). Stops at a frame whose parent this window cannot reach.
 */
export function framesOf(node: Node): Element[] {
  const frames: Element[] = [];
  let win: Window | null = (node.nodeType === Node.DOCUMENT_NODE ? (node as Document) : node.ownerDocument)?.defaultView ?? null;
  while (win && win !== win.parent) {
    let frame: Element | null = null;
    try {
      frame = win.frameElement;
    } catch {
      frame = null;
    }
    if (!frame) break;
    frames.push(frame);
    win = win.parent;
  }
  return frames;
}

/** The windows a node's box moves with: its own document's window and the window of every frame around it. */
export function windowsOf(node: Node): Window[] {
  const own = (node.nodeType === Node.DOCUMENT_NODE ? (node as Document) : node.ownerDocument)?.defaultView;
  const windows = own ? [own] : [];
  for (const frame of framesOf(node)) {
    const parent = frame.ownerDocument.defaultView;
    if (parent) windows.push(parent);
  }
  return windows;
}

/** A frame's offset, measured now. */
export function measureFrame(frame: Element): FrameOffset {
  const rect = frame.getBoundingClientRect();
  const style = frame.ownerDocument.defaultView?.getComputedStyle(frame);
  return {
    rect: { left: rect.left, top: rect.top },
    border: { left: frame.clientLeft, top: frame.clientTop },
    padding: { left: parseFloat(style?.paddingLeft ?? '') || 0, top: parseFloat(style?.paddingTop ?? '') || 0 },
  };
}

/**
 * The node's current box in the top window's viewport: an element's border
 * box, a text node's glyphs, or the whole scrollable document. Elements in
 * same-origin iframes are offset by their frames (position, border, padding,
 * the parent's scroll). Null for nodes that are not on the page any more.
 */
export function nodeBox(node: Node): Box | null {
  if (!node.isConnected) return null;
  let box: Box;
  if (node.nodeType === Node.DOCUMENT_NODE) {
    const doc = node as Document;
    const root = doc.documentElement;
    const win = doc.defaultView;
    box = { left: -(win?.scrollX ?? 0), top: -(win?.scrollY ?? 0), width: root.scrollWidth, height: root.scrollHeight };
  } else if (node.nodeType === Node.ELEMENT_NODE) {
    box = fromRect((node as Element).getBoundingClientRect());
  } else if (node.nodeType === Node.TEXT_NODE) {
    const range = (node.ownerDocument ?? document).createRange();
    range.selectNodeContents(node);
    box = fromRect(range.getBoundingClientRect());
    if (box.width === 0 && box.height === 0 && node.parentElement) box = fromRect(node.parentElement.getBoundingClientRect());
  } else {
    return null;
  }
  return offsetByFrames(box, framesOf(node).map(measureFrame));
}

/** Whether the node is in a frame's document rather than the top page's own. */
export function inFrame(node: Node): boolean {
  return framesOf(node).length > 0;
}

/** The point at fractions (x, y) of a box. */
export function pointIn(box: Box, x: number, y: number): { x: number; y: number } {
  return { x: box.left + x * box.width, y: box.top + y * box.height };
}

/** The element a node stands for: itself, a text node's parent, a document's root element. */
export function elementOf(node: Node): Element | null {
  if (node.nodeType === Node.ELEMENT_NODE) return node as Element;
  if (node.nodeType === Node.DOCUMENT_NODE) return (node as Document).documentElement;
  return node.parentElement;
}

/** Whether the box is entirely inside the viewport. */
export function fullyVisible(box: Box, viewport: { width: number; height: number }): boolean {
  return box.top >= 0 && box.left >= 0 && box.top + box.height <= viewport.height && box.left + box.width <= viewport.width;
}

function fromRect(rect: DOMRect): Box {
  return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
}
