import type { eventWithTime } from '@rrweb/types';

/** rrweb's EventType.IncrementalSnapshot and IncrementalSource.Scroll (kept local: the enums would add code). */
const EVENT_INCREMENTAL = 3;
const SOURCE_SCROLL = 3;

/**
 * Where frames' documents are scrolled, as rrweb scroll events, for right
 * after a full snapshot. rrweb puts the recorded document's own scroll into
 * its full snapshot (`initialOffset`), but not a frame's: a same-origin
 * frame's document is serialised inside the page's, and a cross-origin
 * frame's snapshot reaches the page as nodes added under its `<iframe>`
 * (rrweb's iframe manager leaves the offset out). The agent's view then
 * showed those frames scrolled to the top after every checkout, or when a
 * supervisor started watching, until the customer scrolled them again.
 *
 * The events are made here, as rrweb's scroll observer would make them,
 * rather than by dispatching `scroll` on the page's documents: the site's
 * own scroll handlers must not see events that sharing invented. Only
 * scrolled documents the recording knows (`idOf` ≥ 0) get one.
 *
 * `doc` is the recorded document; `own` says whether its own scroll must be
 * told too (a recording inside a cross-origin frame, whose snapshot loses
 * its offset on the way up).
 */
export function frameScrollEvents(doc: Document, own: boolean, idOf: (node: Node) => number): eventWithTime[] {
  const docs = own ? [doc, ...sameOriginFrameDocuments(doc)] : sameOriginFrameDocuments(doc);
  const events: eventWithTime[] = [];
  for (const frameDoc of docs) {
    const win = frameDoc.defaultView;
    const id = idOf(frameDoc);
    if (!win || id < 0 || (win.scrollX === 0 && win.scrollY === 0)) continue;
    events.push({ type: EVENT_INCREMENTAL, data: { source: SOURCE_SCROLL, id, x: win.scrollX, y: win.scrollY }, timestamp: Date.now() });
  }
  return events;
}

/** The documents of the same-origin frames in `doc`, and in theirs, depth first. */
function sameOriginFrameDocuments(doc: Document): Document[] {
  const found: Document[] = [];
  for (const frame of Array.from(doc.querySelectorAll('iframe, frame'))) {
    let inner: Document | null = null;
    try {
      inner = (frame as HTMLIFrameElement).contentDocument;
    } catch {
      // another origin: its own widget records it
    }
    if (inner) found.push(inner, ...sameOriginFrameDocuments(inner));
  }
  return found;
}
