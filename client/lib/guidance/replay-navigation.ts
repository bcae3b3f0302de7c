import { navigableItems, type NavCandidate, type NavItem } from './navigable.ts';
import { elementBox, elementFacts, inReplayFrame, isBlockedPlaceholder, isCrossOriginFrame, type ReplayHandle, type ReplayMirror } from './replay-dom.ts';
import type { ScrollExtent, ScrollPosition } from './scroll.ts';

/** The replayed page's viewport and scroll, with the document's node id (for a `scroll` action). */
export interface PageGeometry {
  viewport: { width: number; height: number };
  scroll: ScrollPosition;
  extent: ScrollExtent;
  documentNodeId: number;
}

/** The replayed page as the keyboard navigator reads it, at one moment. */
export interface NavPage extends PageGeometry {
  items: NavItem[];
}

/** Elements that may be stops; blocked placeholders are found by the mirror instead. */
const CANDIDATES =
  'a[href], area[href], button, input, select, textarea, summary, label, h1, h2, h3, h4, h5, h6, [role], [tabindex], [contenteditable]';
/** The widget's own host: blocked from the recording, and never a target. */
const WIDGET_HOST = 'tsunagi-widget';
/** Fields drawn smaller than this (the "visually hidden" pattern) are spoken for by their labels. */
const MIN_SIZE = 4;
/** How deep the navigator follows frames inside frames (as far as hitTest does). */
const MAX_FRAME_DEPTH = 8;

/**
 * Reads every possible stop of the replayed document, in document order,
 * with what the navigator needs to name and place it. Runs on each key
 * press (a form page has a few hundred candidates at most), so the list is
 * always the page as it is now: fields appear, pages change, the replayer
 * is rebuilt. The customer's same-origin frames are walked too (rrweb
 * rebuilds them as nested iframes whose nodes are in the one mirror, and the
 * widget finds them by those ids): a frame's stops follow its `<iframe>`, as
 * a screen reader reads them.
 */
export function readNavPage(handle: ReplayHandle): NavPage | null {
  const doc = handle.iframe.contentDocument;
  const view = doc?.defaultView;
  const body = doc?.body;
  if (!doc || !view || !body) return null;
  const candidates: NavCandidate[] = [];
  collectCandidates(handle.mirror, body, null, 0, candidates);
  return { items: navigableItems(candidates), ...geometryOf(handle.mirror, doc, view) };
}

/** The candidates under `body`, each replayed same-origin frame's right after its `<iframe>`. */
function collectCandidates(mirror: ReplayMirror, body: HTMLElement, frame: string | null, depth: number, into: NavCandidate[]): void {
  for (const element of body.querySelectorAll('*')) {
    const tagName = element.tagName.toLowerCase();
    if (tagName === WIDGET_HOST) continue;
    if (element.matches(CANDIDATES) || isBlockedPlaceholder(mirror, element)) {
      const candidate = readCandidate(mirror, element, frame);
      if (candidate) into.push(candidate);
    }
    if (tagName !== 'iframe' || depth >= MAX_FRAME_DEPTH) continue;
    const inner = walkableFrameBody(mirror, element as HTMLIFrameElement);
    if (inner) collectCandidates(mirror, inner, frameName(element), depth + 1, into);
  }
}

/**
 * A replayed frame's body, if its stops can be guided to: shown, and the
 * customer's own same-origin frame. A cross-origin frame's nodes (recorded by
 * its own widget) are not in the page's recorder mirror, so the customer's
 * page could show nothing for them.
 */
function walkableFrameBody(mirror: ReplayMirror, frame: HTMLIFrameElement): HTMLElement | null {
  if (isBlockedPlaceholder(mirror, frame) || isCrossOriginFrame(mirror, frame)) return null;
  const view = frame.ownerDocument.defaultView;
  if (!view || !isRendered(frame, view, false)) return null;
  try {
    return frame.contentDocument?.body ?? null;
  } catch {
    return null;
  }
}

/** What a frame is called (its `aria-label` or `title`), '' if nothing. */
function frameName(frame: Element): string {
  return frame.getAttribute('aria-label') || frame.getAttribute('title') || '';
}

/** The name of the replayed frame an element is in; null in the top document. */
function enclosingFrameName(handle: ReplayHandle, element: Element): string | null {
  if (!inReplayFrame(handle, element)) return null;
  const frame = element.ownerDocument.defaultView?.frameElement;
  return frame ? frameName(frame) : '';
}

export function readPageGeometry(handle: ReplayHandle): PageGeometry | null {
  const doc = handle.iframe.contentDocument;
  const view = doc?.defaultView;
  return doc && view ? geometryOf(handle.mirror, doc, view) : null;
}

function geometryOf(mirror: ReplayMirror, doc: Document, view: Window): PageGeometry {
  const root = doc.scrollingElement ?? doc.documentElement;
  return {
    viewport: { width: view.innerWidth, height: view.innerHeight },
    scroll: { top: root.scrollTop, left: root.scrollLeft },
    extent: { maxTop: root.scrollHeight - root.clientHeight, maxLeft: root.scrollWidth - root.clientWidth },
    documentNodeId: mirror.getId(doc),
  };
}

/** One stop as it is now (its value, its state), or null if it is gone or no longer a stop. */
export function readNavItem(handle: ReplayHandle, nodeId: number): NavItem | null {
  const node = handle.mirror.getNode(nodeId);
  if (!node || node.nodeType !== Node.ELEMENT_NODE || !node.isConnected) return null;
  const element = node as Element;
  const frame = enclosingFrameName(handle, element);
  const candidate = readCandidate(handle.mirror, element, frame);
  if (!candidate) return null;
  const field = candidate.labelFor === null ? null : handle.mirror.getNode(candidate.labelFor);
  const related = field && field.nodeType === Node.ELEMENT_NODE ? readCandidate(handle.mirror, field as Element, frame) : null;
  return navigableItems(related ? [related, candidate] : [candidate]).find((item) => item.nodeId === nodeId) ?? null;
}

/** `frame`: the name of the replayed frame the element is in (null: the top document). */
function readCandidate(mirror: ReplayMirror, element: Element, frame: string | null): NavCandidate | null {
  const nodeId = mirror.getId(element);
  // Its own document's window: a frame's styles are its own.
  const view = element.ownerDocument.defaultView;
  if (nodeId < 1 || !view) return null;
  const facts = elementFacts(element, mirror);
  const { tagName } = facts;
  const field = element as HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;
  const isField = tagName === 'input' || tagName === 'select' || tagName === 'textarea';
  const tabIndexAttribute = element.getAttribute('tabindex');
  const tabIndex = tabIndexAttribute === null || tabIndexAttribute.trim() === '' ? null : Number(tabIndexAttribute);
  const ariaLevel = Number(element.getAttribute('aria-level'));
  const control = tagName === 'label' ? (element as HTMLLabelElement).control : null;
  const contentEditable = element.getAttribute('contenteditable');
  return {
    nodeId,
    facts,
    role: (element.getAttribute('role') ?? '').trim().split(/\s+/)[0]!.toLowerCase(),
    rendered: isRendered(element, view, isField),
    href: (tagName === 'a' || tagName === 'area') && element.hasAttribute('href'),
    tabIndex: tabIndex === null || Number.isNaN(tabIndex) ? null : tabIndex,
    contentEditable: contentEditable !== null && contentEditable !== 'false',
    ariaLevel: ariaLevel > 0 ? ariaLevel : null,
    multiple: tagName === 'select' && field.multiple,
    ariaLabel: element.getAttribute('aria-label') ?? '',
    labelledBy: textOfIds(element, element.getAttribute('aria-labelledby')),
    labelText: isField && field.labels ? [...field.labels].map(renderedText).join(' ') : '',
    text: isField ? '' : renderedText(element),
    alt: element.getAttribute('alt') ?? element.querySelector('img[alt]')?.getAttribute('alt') ?? '',
    title: element.getAttribute('title') ?? '',
    placeholder: element.getAttribute('placeholder') ?? '',
    value: isField && typeof field.value === 'string' ? field.value : '',
    selectedText: tagName === 'select' ? [...field.selectedOptions].map((option) => option.label || option.text).join(', ') : '',
    checked: tagName === 'input' && field.checked,
    required: element.hasAttribute('required') || element.getAttribute('aria-required') === 'true',
    invalid: element.getAttribute('aria-invalid') === 'true',
    labelFor: control ? positiveId(mirror.getId(control)) : null,
    box: elementBox(element),
    frame,
  };
}

const positiveId = (id: number): number | null => (id > 0 ? id : null);

/** The text an element shows: innerText, which leaves out what CSS hides. */
function renderedText(element: Element): string {
  return (element as HTMLElement).innerText ?? element.textContent ?? '';
}

function textOfIds(element: Element, ids: string | null): string {
  if (!ids) return '';
  const doc = element.ownerDocument;
  return ids
    .split(/\s+/)
    .map((id) => (id ? doc.getElementById(id) : null))
    .map((target) => (target ? renderedText(target) : ''))
    .join(' ');
}

function isRendered(element: Element, view: Window, isField: boolean): boolean {
  if (element.closest('[aria-hidden="true"], [inert]')) return false;
  if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const rect = element.getBoundingClientRect();
  if (rect.width <= 0 && rect.height <= 0) return false;
  if (isField && (rect.width < MIN_SIZE || rect.height < MIN_SIZE)) return false;
  // A clipped-away field (the visually-hidden pattern) is drawn by its label.
  return !(isField && view.getComputedStyle(element).clip === 'rect(0px, 0px, 0px, 0px)');
}
