/** Where a node of the page is on screen right now (viewport coordinates of the top window). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The node's current box in the top window's viewport: an element's border
 * box, a text node's glyphs, or the whole scrollable document. Elements in
 * same-origin iframes are offset by their frames. Null for nodes that are
 * not on the page any more.
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
  // Climb out of same-origin frames into the top window's coordinates.
  let win: Window | null = (node.ownerDocument ?? (node as Document)).defaultView;
  while (win && win !== win.parent) {
    let frame: Element | null = null;
    try {
      frame = win.frameElement;
    } catch {
      frame = null;
    }
    if (!frame) break;
    const rect = frame.getBoundingClientRect();
    box = { ...box, left: box.left + rect.left + frame.clientLeft, top: box.top + rect.top + frame.clientTop };
    win = win.parent;
  }
  return box;
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
