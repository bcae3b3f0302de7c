import { currentParentOrigins, currentSelectors, type ScriptOptions } from '../config/site-options.ts';
import { PasswordMemory } from '../recording/masking.ts';
import type { Recording } from '../recording/recorder.ts';
import { loadRecorder, type RecorderModule } from '../loader/lazy.ts';
import type { NodeWatches } from './node-watches.ts';
import {
  acceptParentControl,
  childEventMessage,
  frameHello,
  readFrameControl,
  FRAME_HELLO,
  FRAME_INVITE,
  FRAME_STOP,
  FRAME_WATCH,
} from './messages.ts';

/**
 * The widget in a frame. A customer asks for help on the top page, so a
 * frame never offers help of its own: no button, no session, nothing on the
 * wire. It says a content-free hello to its parent and waits. When a top
 * page that is sharing invites it — from the parent window, on an origin
 * this frame's site lists in `data-parent-origins` / `parentOrigins` — it
 * records its own document with the same masking as a top page (its own
 * site's selectors, passwords, cards, hidden fields, sanitize pass) and
 * posts the masked events to that origin only, where the top page's
 * recorder merges them into the shared view. Stop (or a new invite) ends
 * that recording.
 *
 * While recording, the parent may **watch** a node of this recording (the
 * agent points at or highlights it): the frame answers with the node's box
 * in its own viewport, and again whenever this frame scrolls or resizes. A
 * box is all it ever says about the node — never a value, a tag or a text —
 * so a masked or blocked node may be pointed at like any other, and the top
 * page draws the pointer over it.
 *
 * A frame of the same origin as its parent is recorded by the top page's
 * own recorder, with the top page's rules; the widget there does nothing.
 */
export class FrameChild {
  private recording: Recording | null = null;
  private nonce: string | null = null;
  private parentOrigin: string | null = null;
  private passwords: PasswordMemory | null = null;
  /** An invite from the parent was refused (perhaps before the page set its parentOrigins). */
  private refusedInvite = false;
  /** Answers the parent's watches while recording. */
  private watches: NodeWatches | null = null;

  constructor(
    private readonly win: Window,
    private readonly script: ScriptOptions,
  ) {}

  init(): void {
    if (sameOriginAsParent(this.win)) {
      if (this.script.mask.length > 0 || this.script.block.length > 0) {
        console.warn('[tsunagi] this frame is recorded by the top page: put its data-mask / data-block selectors on the top page\'s tag');
      }
      return;
    }
    // From page load, as on a top page: a show-password toggle used before sharing still counts.
    this.passwords = new PasswordMemory().watch(this.win.document);
    this.win.addEventListener('message', this.onMessage);
    // Says only that a widget is here, so a top page already sharing invites it at once.
    this.sayHello();
    // Our tag is async: it may run before the page's own scripts have set
    // `TsunagiSettings.parentOrigins` (a module script runs only once parsing is
    // done), and an invite that arrives before then is refused. The top page
    // invites only in answer to a hello or after its next full snapshot — minutes
    // away — so a frame loaded while sharing would stay empty. Once the page has
    // loaded, every script in it has run: a frame that refused an invite by then
    // asks once more.
    if (this.win.document.readyState !== 'complete') {
      this.win.addEventListener(
        'load',
        () => {
          if (this.refusedInvite && !this.recording) this.sayHello();
        },
        { once: true },
      );
    }
  }

  private sayHello(): void {
    try {
      this.win.parent.postMessage(frameHello(), '*');
    } catch {
      // detached
    }
  }

  private readonly onMessage = (event: MessageEvent): void => {
    if ((event.data as { type?: unknown } | null)?.type === FRAME_WATCH) {
      // Read and checked (parent, origin, recording) by the watches, fetched with the recorder.
      this.watches?.receive(event);
      return;
    }
    const control = readFrameControl(event.data);
    if (!control || control.type === FRAME_HELLO) return;
    const fromParent = event.source !== null && (event.source === this.win.parent || event.source === this.win.top);
    if (!acceptParentControl({ origin: event.origin, fromParent }, currentParentOrigins(this.script, this.win.TsunagiSettings))) {
      if (fromParent && control.type === FRAME_INVITE) this.refusedInvite = true;
      return;
    }
    if (control.type === FRAME_STOP) {
      if (control.nonce === this.nonce) this.stop();
      return;
    }
    if (this.recording && control.nonce === this.nonce && event.origin === this.parentOrigin) {
      this.recording.takeFullSnapshot();
      return;
    }
    this.stop();
    this.start(control.nonce, event.origin);
  };

  private start(nonce: string, parentOrigin: string): void {
    this.nonce = nonce;
    this.parentOrigin = parentOrigin;
    // The recorder is fetched (from the Tsunagi server) only once a top page invites this frame.
    void loadRecorder(this.script.origin).then(
      (loaded) => {
        if (this.nonce !== nonce || this.parentOrigin !== parentOrigin || this.recording) return; // stopped or re-invited meanwhile
        this.record(loaded, nonce, parentOrigin);
      },
      (error: unknown) => console.warn('[tsunagi] could not load the recorder', error),
    );
  }

  private record({ startRecording, NodeWatches: Watches }: RecorderModule, nonce: string, parentOrigin: string): void {
    const origin = this.win.location.origin;
    this.recording = startRecording({
      site: currentSelectors(this.script, this.win.TsunagiSettings),
      // The top page asks for a full snapshot whenever it takes one.
      checkoutEveryMs: 0,
      passwords: this.passwords ?? new PasswordMemory().watch(this.win.document),
      // Masked and checked by startRecording already; only the inviting origin can receive it.
      emit: (event) => {
        try {
          this.win.parent.postMessage(childEventMessage(event, origin, nonce), parentOrigin);
        } catch (error) {
          console.warn('[tsunagi] could not pass an event to the top page', error);
        }
      },
    });
    this.watches = new Watches(this.win, this.recording, parentOrigin, nonce);
  }

  private stop(): void {
    this.watches?.stop();
    this.watches = null;
    this.recording?.stop();
    this.recording = null;
    this.nonce = null;
    this.parentOrigin = null;
  }
}

function sameOriginAsParent(win: Window): boolean {
  try {
    return !!win.parent.document;
  } catch {
    return false;
  }
}
