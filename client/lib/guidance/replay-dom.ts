import type { NodePoint } from '@tsunagi/shared';
import type { ElementFacts } from './control-target.ts';
import { boxOutOfFrame, fractionsInBox, frameContentOrigin, pointIntoFrame, replayScale, roundFractions, screenToReplay, type Box, type Point } from './pointer-math.ts';
import { scrollsItself, type ScrollExtent, type ScrollPosition } from './scroll.ts';

/** The live replay as guidance needs it: rrweb's iframe and its node-id mirror. */
export interface ReplayHandle {
  iframe: HTMLIFrameElement;
  mirror: ReplayMirror;
}

export interface ReplayMirror {
  getId(node: Node | null | undefined): number;
  getNode(id: number): Node | null;
  /** The node as the recorder serialised it (rrweb keeps it beside the node). */
  getMeta?(node: Node): object | null;
}

/**
 * Whether a replayed element is the placeholder of blocked content: the
 * recorder replaces it with an empty box whose only attributes are its size
 * (`rr_width`, `rr_height`), which the replayer turns into styles — so only
 * the serialised node still says so.
 */
export function isBlockedPlaceholder(mirror: ReplayMirror, element: Element): boolean {
  const meta = mirror.getMeta?.(element);
  if (!meta || !('attributes' in meta)) return false;
  const { attributes } = meta;
  return typeof attributes === 'object' && attributes !== null && 'rr_width' in attributes;
}

/**
 * Whether a replayed `<iframe>` was a cross-origin frame on the customer's
 * page: the recorder could not read its document and kept its address as
 * `rr_src` (only the serialised node still says so). What such a frame shows
 * in the replay comes from the frame's own widget, in ids the page's own
 * recorder mirror does not hold.
 */
export function isCrossOriginFrame(mirror: ReplayMirror, frame: Element): boolean {
  const meta = mirror.getMeta?.(frame);
  if (!meta || !('attributes' in meta)) return false;
  const { attributes } = meta;
  return typeof attributes === 'object' && attributes !== null && 'rr_src' in attributes;
}

export interface ReplayHit {
  element: Element;
  nodeId: number;
  /** The pointer inside the element, as the protocol names it. */
  point: NodePoint;
}

/** The replay's drawn box on the agent's screen and its CSS scale. */
export function replayGeometry(iframe: HTMLIFrameElement): { drawn: Box; scale: number } {
  const rect = iframe.getBoundingClientRect();
  return {
    drawn: { left: rect.left, top: rect.top, width: rect.width, height: rect.height },
    scale: replayScale(rect.width, iframe.offsetWidth),
  };
}

/**
 * The element under a point of the agent's screen, inside the replay, with
 * its rrweb node id (the same id the customer's recorder gave the real
 * element). A point over a replayed frame is followed into the frame's
 * document: rrweb rebuilds the customer's frames as nested iframes, their
 * nodes in the same mirror — a same-origin frame's as the page recorded
 * them, a cross-origin frame's in the ids the page's recorder gave what the
 * frame's own widget sent (the customer's page maps them back to the frame).
 * A frame whose document shows nothing the mirror knows (a cross-origin
 * frame that is not recorded) is the hit itself, at the point inside its
 * box. Elements the mirror does not know (rare: nodes rrweb adds for
 * itself) are skipped for their nearest known ancestor. The fractions are of
 * the element's box in its own document, as the customer's page measures
 * them.
 */
export function hitTest(handle: ReplayHandle, client: Point): ReplayHit | null {
  const top = handle.iframe.contentDocument;
  if (!top) return null;
  const { drawn, scale } = replayGeometry(handle.iframe);
  const inReplay = screenToReplay(client, drawn, scale);
  if (!inReplay) return null;
  let hit = knownAt(handle.mirror, top.elementFromPoint(inReplay.x, inReplay.y), inReplay);
  // Into nested frames (a frame inside a frame too), as far as their documents can be read.
  for (let depth = 0; hit && hit.element.tagName.toLowerCase() === 'iframe' && depth < 8; depth++) {
    const frame = hit.element as HTMLIFrameElement;
    const inner = frameDocument(frame);
    const view = inner?.defaultView;
    if (!inner || !view) break;
    const inside = pointIntoFrame(hit.at, contentOrigin(frame), { width: view.innerWidth, height: view.innerHeight });
    const found = inside ? knownAt(handle.mirror, inner.elementFromPoint(inside.x, inside.y), inside) : null;
    if (!found) break; // nothing known there: the frame element, at the point inside it
    hit = found;
  }
  if (!hit) return null;
  const { element, at } = hit;
  const nodeId = handle.mirror.getId(element);
  const rect = element.getBoundingClientRect();
  const fractions = roundFractions(fractionsInBox(at, rect));
  return { element, nodeId, point: { nodeId, ...fractions } };
}

/** The element at a point of its document's viewport, or its nearest ancestor the mirror knows; null if none is known. */
function knownAt(mirror: ReplayMirror, element: Element | null, at: Point): { element: Element; at: Point } | null {
  let current = element;
  while (current && mirror.getId(current) < 1) current = current.parentElement;
  return current ? { element: current, at } : null;
}

/**
 * A replayed element's box in replay viewport coordinates: an element of a
 * nested (replayed) frame is offset by the frames around it, up to the
 * replay's own document.
 */
export function elementBox(element: Element): Box {
  const rect = element.getBoundingClientRect();
  let box: Box = { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
  let frame = frameOf(element.ownerDocument);
  // The replay iframe itself (whose parent is the console's page) is not a frame of the replay.
  for (let depth = 0; frame && frameOf(frame.ownerDocument) && depth < 8; depth++) {
    box = boxOutOfFrame(box, contentOrigin(frame));
    frame = frameOf(frame.ownerDocument);
  }
  return box;
}

/** Whether a replayed element is inside a frame of the customer's page (a nested iframe of the replay). */
export function inReplayFrame(handle: ReplayHandle, element: Element): boolean {
  return element.ownerDocument !== handle.iframe.contentDocument;
}

/**
 * Whether remote control stops at this element: inside a frame (the widget
 * refuses it there; in a cross-origin frame the customer's page could not
 * even reach it), or a frame element itself — what a hit over a frame that
 * shows nothing names, where a click would land on the frame, not on what
 * the agent sees inside it.
 */
export function controlStopsAt(handle: ReplayHandle, element: Element): boolean {
  return inReplayFrame(handle, element) || element.tagName.toLowerCase() === 'iframe';
}

/** The `<iframe>` a document is shown in, if its parent can be read. */
function frameOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}

function frameDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

/** Where a frame's viewport starts in its parent's viewport. */
function contentOrigin(frame: Element): Point {
  const rect = frame.getBoundingClientRect();
  const style = frame.ownerDocument.defaultView?.getComputedStyle(frame);
  return frameContentOrigin(
    { x: rect.left, y: rect.top },
    { x: frame.clientLeft, y: frame.clientTop },
    { x: parseFloat(style?.paddingLeft ?? '') || 0, y: parseFloat(style?.paddingTop ?? '') || 0 },
  );
}

/**
 * The facts `controlTarget` decides on. Tag checks, not instanceof: the
 * replay is another realm. With the mirror, blocked placeholders are told
 * apart too. A field rrweb saw as a password (`data-rr-is-password`, kept
 * after a show-password toggle) counts as one.
 */
export function elementFacts(element: Element, mirror?: ReplayMirror): ElementFacts {
  const tagName = element.tagName.toLowerCase();
  const wasPassword = tagName === 'input' && element.hasAttribute('data-rr-is-password');
  return {
    tagName,
    type: tagName === 'input' ? (wasPassword ? 'password' : (element.getAttribute('type') ?? '').toLowerCase()) : '',
    autocomplete: element.getAttribute('autocomplete') ?? '',
    underMask: element.closest('[data-tsunagi-mask]') !== null,
    disabled: element.hasAttribute('disabled') || element.closest('fieldset[disabled]') !== null,
    readOnly: element.hasAttribute('readonly'),
    blocked: mirror ? isBlockedPlaceholder(mirror, element) : false,
  };
}

/** A form field's current value and state as the replay shows it. */
export function fieldState(element: Element): { value: string; checked: boolean; options: { value: string; label: string }[] } {
  const field = element as HTMLInputElement & HTMLSelectElement;
  const options =
    element.tagName.toLowerCase() === 'select'
      ? [...(element as HTMLSelectElement).options].map((option) => ({ value: option.value, label: option.label || option.text }))
      : [];
  return { value: typeof field.value === 'string' ? field.value : '', checked: Boolean(field.checked), options };
}

export interface ScrollTarget {
  nodeId: number;
  from: ScrollPosition;
  extent: ScrollExtent;
}

/**
 * What a wheel over `element` scrolls: the nearest ancestor that scrolls on
 * its own in that direction, else the page (named by the document's node id).
 */
export function scrollTarget(handle: ReplayHandle, element: Element, delta: { dx: number; dy: number }): ScrollTarget | null {
  const doc = element.ownerDocument;
  const view = doc.defaultView;
  for (let current: Element | null = element; current && current !== doc.documentElement && current !== doc.body; current = current.parentElement) {
    const extent = { maxTop: current.scrollHeight - current.clientHeight, maxLeft: current.scrollWidth - current.clientWidth };
    const style = view?.getComputedStyle(current);
    if (!style || !scrollsItself({ x: style.overflowX, y: style.overflowY }, extent, delta)) continue;
    const nodeId = handle.mirror.getId(current);
    if (nodeId < 1) continue;
    return { nodeId, from: { top: current.scrollTop, left: current.scrollLeft }, extent };
  }
  const nodeId = handle.mirror.getId(doc);
  const root = doc.scrollingElement ?? doc.documentElement;
  if (nodeId < 1) return null;
  return {
    nodeId,
    from: { top: root.scrollTop, left: root.scrollLeft },
    extent: { maxTop: root.scrollHeight - root.clientHeight, maxLeft: root.scrollWidth - root.clientWidth },
  };
}
