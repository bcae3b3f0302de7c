import { randomStreamId } from '../transport/random-id.ts';
import { acceptChildEvents, frameInvite, frameStop, isRrwebMessage, originOfUrl, readFrameControl, FRAME_HELLO, type FrameControl } from './messages.ts';

export interface FrameBridgeOptions {
  /** Origins of cross-origin frames whose recording the top page takes in (the site's opt-in). */
  origins: readonly string[];
  /** A frame the top page blocks or masks: never invited, never listened to. */
  isHidden(frame: Element): boolean;
}

/**
 * The top page's side of cross-origin frame recording, alive while the top
 * page records with rrweb's `recordCrossOriginIframes`.
 *
 * rrweb takes `{ type: 'rrweb' }` messages from the window of any iframe of
 * the page (and of its same-origin frames, for frames nested in them),
 * whatever their origin. So before rrweb's own listener is added, a
 * capturing `message` listener goes on every window where rrweb listens: it
 * stops each such message that `acceptChildEvents` refuses, so rrweb never
 * sees it. (At the target, capturing listeners run before rrweb's
 * non-capturing one on the top window; in frames rrweb's listener is
 * capturing too and added when the frame loads, after ours — our `load`
 * listener captures on the document, ahead of rrweb's on the iframe.)
 * The price: while sharing, another script on the page that listens for
 * rrweb's frame messages does not get those we refuse.
 *
 * The same listener answers a frame's hello with an invite, and after every
 * full snapshot of the top page all allowed frames are invited again: the
 * re-serialised iframe is empty in the replay until the frame's own full
 * snapshot arrives.
 */
export class FrameBridge {
  readonly nonce = randomStreamId();
  private running = true;
  private readonly guarded = new WeakSet<Document>();
  private readonly cleanups: (() => void)[] = [];
  /** The origin each frame last said hello from (it may have navigated since its `src`). */
  private readonly helloOrigins = new WeakMap<Window, string>();
  private inviteTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly top: Window,
    private readonly options: FrameBridgeOptions,
  ) {
    this.guard(top);
  }

  /** Call after each full snapshot of the top page: every allowed frame sends its own again. */
  snapshotTaken(): void {
    if (!this.running || this.inviteTimer !== undefined) return;
    // After the snapshot's emit returns: rrweb has registered the iframes by then.
    this.inviteTimer = setTimeout(() => {
      this.inviteTimer = undefined;
      if (this.running) this.postToFrames(frameInvite(this.nonce));
    }, 0);
  }

  /** Sharing ended: frames stop recording; nothing more is let through. */
  stop(): void {
    if (!this.running) return;
    this.postToFrames(frameStop(this.nonce));
    this.running = false;
    if (this.inviteTimer !== undefined) clearTimeout(this.inviteTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private guard(win: Window): void {
    let doc: Document;
    try {
      doc = win.document;
    } catch {
      return; // cross-origin: rrweb cannot listen there either
    }
    if (this.guarded.has(doc)) return;
    this.guarded.add(doc);
    const onMessage = (event: MessageEvent) => this.onMessage(event, doc);
    // A same-origin frame (re)loaded: guard its new window before rrweb attaches to it.
    const onLoad = (event: Event) => {
      const target = event.target as Element | null;
      if (target?.tagName === 'IFRAME') this.guardFrame(target as HTMLIFrameElement);
    };
    win.addEventListener('message', onMessage, true);
    doc.addEventListener('load', onLoad, true);
    this.cleanups.push(() => {
      win.removeEventListener('message', onMessage, true);
      doc.removeEventListener('load', onLoad, true);
    });
    for (const frame of Array.from(doc.querySelectorAll('iframe'))) this.guardFrame(frame);
  }

  private guardFrame(frame: HTMLIFrameElement): void {
    const win = frame.contentWindow;
    if (win) this.guard(win);
  }

  private onMessage(event: MessageEvent, doc: Document): void {
    const data: unknown = event.data;
    if (isRrwebMessage(data)) {
      const frame = frameOf(doc, event.source);
      const accepted = acceptChildEvents(
        { origin: event.origin, data, fromFrame: !!frame, frameHidden: !!frame && this.options.isHidden(frame) },
        { nonce: this.running ? this.nonce : null, origins: this.options.origins },
      );
      if (!accepted) event.stopImmediatePropagation();
      return;
    }
    if (readFrameControl(data)?.type !== FRAME_HELLO || !this.running) return;
    const frame = frameOf(doc, event.source);
    if (!frame || this.options.isHidden(frame) || !this.options.origins.includes(event.origin)) return;
    const win = event.source as Window;
    this.helloOrigins.set(win, event.origin);
    post(win, frameInvite(this.nonce), event.origin);
  }

  /** Posts to every cross-origin frame (also inside same-origin frames) whose origin is allowed. */
  private postToFrames(message: FrameControl): void {
    const visit = (doc: Document) => {
      for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
        const win = frame.contentWindow;
        if (!win) continue;
        let inner: Document | null = null;
        try {
          inner = frame.contentDocument;
        } catch {
          inner = null;
        }
        if (inner) {
          visit(inner); // same-origin: recorded directly; look for frames inside
          continue;
        }
        if (this.options.isHidden(frame)) continue;
        const origin = this.helloOrigins.get(win) ?? originOfUrl(frame.src, doc.baseURI);
        if (origin && this.options.origins.includes(origin)) post(win, message, origin);
      }
    };
    try {
      visit(this.top.document);
    } catch (error) {
      console.warn('[tsunagi] could not reach the frames of this page', error);
    }
  }
}

/** The iframe of `doc` whose window sent a message, or null. */
function frameOf(doc: Document, source: MessageEventSource | null): HTMLIFrameElement | null {
  if (!source) return null;
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) if (frame.contentWindow === source) return frame;
  return null;
}

/** targetOrigin makes the browser drop the message if the frame has meanwhile navigated elsewhere. */
function post(win: Window, message: FrameControl, origin: string): void {
  try {
    win.postMessage(message, origin);
  } catch {
    // a closed or detached frame
  }
}
