import type { FramedNode } from '../frames/frame-ids.ts';
import type { FrameBox, WatchSlot } from '../frames/messages.ts';
import type { Recording } from '../recording/recorder.ts';
import { elementOf, framesOf, measureFrame, nodeBox, offsetByFrames, windowsOf, type Box } from './geometry.ts';

/**
 * How long a frame's widget has to say where its node is. A frame that does
 * not answer (it navigated away, its widget is older or gone) is located
 * itself instead, as when the agent points at a frame that is not recorded.
 */
export const FRAME_ANSWER_MS = 1500;

/** Where the located node is now, as an overlay draws it. */
export interface Located {
  /** In the top window's viewport. */
  box: Box;
  /** The windows whose scrolling or resizing moves it (besides the top window). */
  windows: readonly Window[];
  /** What to scroll into the top page's view to show it: the element, or the frame it is in. */
  reveal: Element | null;
}

/** What a locator knows about its node's place: known, not yet known (a frame has not answered), or unknown. */
export type Where = Located | 'waiting' | null;

/**
 * Finds the node the agent names and where it is, for one overlay (the
 * pointer or the highlight). A node of the page itself (or of a same-origin
 * frame) is in the recorder's mirror and measured directly. A node of a
 * cross-origin frame — rrweb gave it an id in the page's id space — is
 * mapped back to its frame and the frame's own id, and the frame's widget
 * is asked for its box in the frame's viewport (and tells again when it
 * moves there); the page adds the iframe's place (position, border,
 * padding, and those of the frames around it), measured when drawn, so the
 * page's own scrolling is followed like any node's. Without an answer in
 * FRAME_ANSWER_MS the frame element stands in for the node (until an answer
 * comes after all).
 */
export class NodeLocator {
  private id: number | null = null;
  private local: Node | null = null;
  private framed: FramedNode | null = null;
  /** The framed node's last box in its frame's viewport; undefined until the frame answers. */
  private frameBox: FrameBox | null | undefined;
  private answerTimer: ReturnType<typeof setTimeout> | undefined;
  /** The frame has not answered in time: the frame element stands in. */
  private unanswered = false;

  constructor(
    private readonly slot: WatchSlot,
    private readonly recording: () => Recording | null,
  ) {}

  /**
   * Locates node `id` from now on (`moved` is called when a frame reports a
   * new box for it). Locating the same id again keeps the frame's watch.
   * Returns false if this page does not know the id.
   */
  track(id: number, moved: () => void, reveal = false): boolean {
    const recording = this.recording();
    if (!recording) {
      this.release();
      return false;
    }
    if (id === this.id && this.framed && recording.framed(id)?.frame === this.framed.frame) return true;
    this.release();
    const local = recording.node(id);
    if (local) {
      this.id = id;
      this.local = local;
      return true;
    }
    const framed = recording.framed(id);
    if (!framed) return false;
    this.id = id;
    this.framed = framed;
    this.frameBox = undefined;
    const watching = recording.watchFramed(this.slot, framed, reveal, (box) => {
      if (this.framed !== framed) return;
      this.frameBox = box;
      this.unanswered = false;
      moved();
    });
    if (!watching) {
      this.release();
      return false;
    }
    this.answerTimer = setTimeout(() => {
      this.answerTimer = undefined;
      if (this.framed !== framed || this.frameBox !== undefined) return;
      this.unanswered = true;
      moved();
    }, FRAME_ANSWER_MS);
    return true;
  }

  where(): Where {
    if (this.local) {
      const box = nodeBox(this.local);
      // A whole document is not scrolled to.
      const reveal = this.local.nodeType === Node.DOCUMENT_NODE ? null : elementOf(this.local);
      return box ? { box, windows: windowsOf(this.local), reveal } : null;
    }
    const framed = this.framed;
    if (!framed) return null;
    if (this.frameBox === undefined && this.unanswered) {
      const box = nodeBox(framed.frame);
      return box ? { box, windows: windowsOf(framed.frame), reveal: framed.frame } : null;
    }
    if (this.frameBox === undefined) return framed.frame.isConnected ? 'waiting' : null;
    if (!this.frameBox || !framed.frame.isConnected) return null;
    const frames = [framed.frame, ...framesOf(framed.frame)];
    return { box: offsetByFrames(this.frameBox, frames.map(measureFrame)), windows: windowsOf(framed.frame), reveal: framed.frame };
  }

  /** Stops locating (and the frame's watch). */
  release(): void {
    if (this.framed) this.recording()?.unwatchFramed(this.slot);
    if (this.answerTimer !== undefined) clearTimeout(this.answerTimer);
    this.answerTimer = undefined;
    this.unanswered = false;
    this.id = null;
    this.local = null;
    this.framed = null;
    this.frameBox = undefined;
  }
}
