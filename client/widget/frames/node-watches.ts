import { followLayout } from '../guidance/follow.ts';
import { elementOf, fullyVisible, nodeBox, windowsOf } from '../guidance/geometry.ts';
import type { Recording } from '../recording/recorder.ts';
import { frameBoxAnswer, readFrameWatch, type FrameWatch, type WatchSlot } from './messages.ts';

/**
 * A recording frame's answers to its parent's watches (frame-child.ts): the
 * box of the watched node in this frame's viewport, now and whenever it
 * moves. Fetched with the recorder (frame-recorder.ts), not with the loader:
 * only a frame a sharing top page invited needs it.
 */
export class NodeWatches {
  /** What stops following each slot's node. */
  private readonly following = new Map<WatchSlot, () => void>();

  constructor(
    private readonly win: Window,
    private readonly recording: Recording,
    private readonly parentOrigin: string,
    private readonly nonce: string,
  ) {}

  /** A `tsunagi:frame-watch` message: believed only from this frame's parent, on its origin, for this recording. */
  receive(event: MessageEvent): void {
    const watch = readFrameWatch(event.data);
    const fromParent = event.source !== null && event.source === this.win.parent;
    if (watch && fromParent && event.origin === this.parentOrigin && watch.nonce === this.nonce) this.watch(watch);
  }

  /** Answers with the node's box now and whenever it moves; `id: null` ends the slot's watch. */
  private watch(request: FrameWatch): void {
    this.following.get(request.slot)?.();
    this.following.delete(request.slot);
    const { id, slot, nonce } = request;
    if (id === null) return;
    const send = () => {
      const node = this.recording.node(id);
      const box = node ? nodeBox(node) : null;
      try {
        this.win.parent.postMessage(frameBoxAnswer(nonce, slot, id, box), this.parentOrigin);
      } catch {
        // detached
      }
    };
    const node = this.recording.node(id);
    const target = node && node.nodeType !== node.DOCUMENT_NODE ? elementOf(node) : null;
    const box = node ? nodeBox(node) : null;
    if (request.reveal && target && box && !fullyVisible(box, { width: this.win.innerWidth, height: this.win.innerHeight })) {
      // Into this frame's view; the top page brings the frame into its own.
      target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    send();
    this.following.set(slot, node ? followLayout(this.win, send, windowsOf(node)) : () => {});
  }

  stop(): void {
    for (const stop of this.following.values()) stop();
    this.following.clear();
  }
}
