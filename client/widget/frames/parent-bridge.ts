import { randomStreamId } from '../transport/random-id.ts';
import {
  acceptChildEvents,
  acceptFrameBox,
  frameInvite,
  frameStop,
  frameWatch,
  isRrwebMessage,
  originOfUrl,
  readFrameBox,
  readFrameControl,
  FRAME_HELLO,
  type FrameBox,
  type FrameControl,
  type FrameWatch,
  type WatchSlot,
} from './messages.ts';

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
 *
 * For guidance, the bridge also asks a frame where one of its nodes is
 * (`watch`) and takes the frame's box answers — only from that frame's
 * window and origin, for this recording and the node watched now.
 */
/** A node of a frame whose box the top page follows for the pointer or the highlight. */
interface Watch {
  frame: HTMLIFrameElement;
  origin: string;
  id: number;
  moved(box: FrameBox | null): void;
}

export class FrameBridge {
  readonly nonce = randomStreamId();
  private running = true;
  private readonly guarded = new WeakSet<Document>();
  private readonly cleanups: (() => void)[] = [];
  /** The origin each frame last said hello from (it may have navigated since its `src`). */
  private readonly helloOrigins = new WeakMap<Window, string>();
  private inviteTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly watches = new Map<WatchSlot, Watch>();

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

  /**
   * The cross-origin frames whose recording the page lets in: allowed
   * origin, neither blocked nor masked (also inside same-origin frames).
   */
  frames(): HTMLIFrameElement[] {
    return this.running ? this.allowedFrames().map(({ frame }) => frame) : [];
  }

  /**
   * Asks `frame`'s widget where its node `id` (the frame's own id) is, and
   * to say again whenever it moves; `moved` gets each box, in the frame's
   * viewport (null: the frame does not know the node). One node per slot:
   * watching another replaces it. Returns false if the frame is not one the
   * page lets in.
   */
  watch(slot: WatchSlot, frame: HTMLIFrameElement, id: number, reveal: boolean, moved: (box: FrameBox | null) => void): boolean {
    this.unwatch(slot);
    const allowed = this.running ? this.allowedFrames().find((entry) => entry.frame === frame) : undefined;
    const win = frame.contentWindow;
    if (!allowed || !win) return false;
    this.watches.set(slot, { frame, origin: allowed.origin, id, moved });
    post(win, frameWatch(this.nonce, slot, id, reveal), allowed.origin);
    return true;
  }

  /** Stops following the slot's node (the frame stops answering). */
  unwatch(slot: WatchSlot): void {
    const watch = this.watches.get(slot);
    if (!watch) return;
    this.watches.delete(slot);
    const win = watch.frame.contentWindow;
    if (win) post(win, frameWatch(this.nonce, slot, null), watch.origin);
  }

  /** Sharing ended: frames stop recording; nothing more is let through. */
  stop(): void {
    if (!this.running) return;
    for (const slot of [...this.watches.keys()]) this.unwatch(slot);
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
    const answer = readFrameBox(data);
    if (answer) {
      const watch = this.watches.get(answer.slot) ?? null;
      const fromWatchedFrame = !!watch && event.source === watch.frame.contentWindow && frameOf(doc, event.source) === watch.frame;
      if (this.running && acceptFrameBox(answer, { origin: event.origin, fromWatchedFrame }, watch && { nonce: this.nonce, origin: watch.origin, id: watch.id })) {
        watch!.moved(answer.box);
      }
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
  private postToFrames(message: FrameControl | FrameWatch): void {
    for (const { frame, origin } of this.allowedFrames()) {
      const win = frame.contentWindow;
      if (win) post(win, message, origin);
    }
  }

  /** Every cross-origin iframe (also inside same-origin frames) that is not hidden and whose origin is allowed, with that origin. */
  private allowedFrames(): { frame: HTMLIFrameElement; origin: string }[] {
    const found: { frame: HTMLIFrameElement; origin: string }[] = [];
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
        if (origin && this.options.origins.includes(origin)) found.push({ frame, origin });
      }
    };
    try {
      visit(this.top.document);
    } catch (error) {
      console.warn('[tsunagi] could not reach the frames of this page', error);
    }
    return found;
  }
}

/** The iframe of `doc` whose window sent a message, or null. */
function frameOf(doc: Document, source: MessageEventSource | null): HTMLIFrameElement | null {
  if (!source) return null;
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) if (frame.contentWindow === source) return frame;
  return null;
}

/** targetOrigin makes the browser drop the message if the frame has meanwhile navigated elsewhere. */
function post(win: Window, message: FrameControl | FrameWatch, origin: string): void {
  try {
    win.postMessage(message, origin);
  } catch {
    // a closed or detached frame
  }
}
