/**
 * Makes the recording say where frames' documents are scrolled, right after
 * a full snapshot. rrweb puts the recorded document's own scroll into its
 * full snapshot (`initialOffset`), but not a frame's: a same-origin frame's
 * document is serialised inside the page's, and a cross-origin frame's
 * snapshot reaches the page as nodes added under its `<iframe>` (rrweb's
 * iframe manager leaves the offset out). The agent's view then showed
 * those frames scrolled to the top after every checkout, or when a
 * supervisor started watching, until the customer scrolled them again.
 *
 * A `scroll` event on such a document makes rrweb's scroll observer for it
 * record where it is now — an ordinary scroll event in the stream, after
 * the snapshot. Only scrolled documents get one.
 *
 * `doc` is the recorded document; `own` says whether its own scroll must be
 * told too (a recording inside a cross-origin frame, whose snapshot loses
 * its offset on the way up).
 */
export function tellFrameScrolls(doc: Document, own: boolean): void {
  if (own) tellIfScrolled(doc);
  for (const frameDoc of sameOriginFrameDocuments(doc)) tellIfScrolled(frameDoc);
}

function tellIfScrolled(doc: Document): void {
  const win = doc.defaultView;
  if (win && (win.scrollX !== 0 || win.scrollY !== 0)) doc.dispatchEvent(new Event('scroll'));
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
