import { RrwebEventType } from '@tsunagi/shared';

/** The parts of an rrweb event this module looks at. */
export interface TypedEvent {
  type: number;
  timestamp: number;
}

/**
 * What the player should do with incoming events:
 * - `events`: append them to the running replayer;
 * - `checkpoint`: a new full snapshot (with the Meta before it) starts here;
 *   the buffer now begins with exactly these events.
 */
export type FeedStep<E> = { kind: 'events'; events: E[] } | { kind: 'checkpoint'; events: E[] };

/**
 * Keeps the events needed to rebuild the view from scratch: those from the
 * latest checkpoint (Meta + FullSnapshot) of the stream being shown, on.
 *
 * Why:
 * - rrweb's live replayer keeps every event forever (rrweb #1158); to bound
 *   memory the player restarts from a checkpoint, so it needs the checkpoint
 *   and everything after it — and nothing older.
 * - A hidden tab stops rrweb's requestAnimationFrame timer; on return the
 *   player rebuilds from this buffer instead of replaying a backlog.
 * - A session may carry several streams (page loads, tabs). rrweb node ids
 *   belong to one recording, so mutations of a stream are only meaningful on
 *   top of that stream's own full snapshot. The view shows one stream: the
 *   one chosen with `show()` (the customer's active tab), or — until one is
 *   chosen — that of the latest checkpoint. Every stream's events from its
 *   own latest checkpoint are kept too, so the view can switch to another
 *   tab at once when the customer does.
 * - rrweb emits Meta right before FullSnapshot, but a batch boundary may fall
 *   between them; a Meta is held until we know what follows it.
 */
export class CheckpointBuffer<E extends TypedEvent> {
  /** The stream to show (null: follow the latest checkpoint of any stream). */
  private wanted: string | null = null;
  /** The stream whose events the view is built from. */
  private currentStream: string | null = null;
  /** Each stream's events from its latest checkpoint on. */
  private readonly streams = new Map<string, E[]>();
  /** A Meta not yet followed by another event of its stream. */
  private readonly pendingMeta = new Map<string, E>();
  /** The latest Meta of each stream, for a FullSnapshot that arrives without one. */
  private readonly lastMeta = new Map<string, E>();

  /** Events from the latest checkpoint on (what a rebuild starts from). */
  get buffered(): readonly E[] {
    return (this.currentStream && this.streams.get(this.currentStream)) || [];
  }

  get stream(): string | null {
    return this.currentStream;
  }

  hasCheckpoint(): boolean {
    return this.currentStream !== null;
  }

  /** Whether a checkpoint of `streamId` is at hand (a switch to it needs nothing from the server). */
  hasCheckpointOf(streamId: string): boolean {
    return this.streams.has(streamId);
  }

  /**
   * Shows `streamId` from now on. If its checkpoint is at hand the view
   * switches at once (one checkpoint step); otherwise it stays on the
   * current stream until that stream's checkpoint arrives.
   */
  show(streamId: string | null): FeedStep<E>[] {
    this.wanted = streamId;
    if (streamId === null || streamId === this.currentStream) return [];
    const events = this.streams.get(streamId);
    if (!events) return [];
    this.currentStream = streamId;
    return [{ kind: 'checkpoint', events: [...events] }];
  }

  /** Forgets the streams no tab shows any more (the shown one is always kept). */
  retain(streamIds: ReadonlySet<string>): void {
    for (const streamId of [...this.streams.keys()]) {
      if (streamIds.has(streamId) || streamId === this.currentStream || streamId === this.wanted) continue;
      this.streams.delete(streamId);
      this.pendingMeta.delete(streamId);
      this.lastMeta.delete(streamId);
    }
  }

  add(streamId: string, incoming: readonly E[]): FeedStep<E>[] {
    const steps: FeedStep<E>[] = [];
    const append = (event: E): void => {
      const events = this.streams.get(streamId);
      // Nothing before the stream's first checkpoint is of use.
      if (!events) return;
      events.push(event);
      if (streamId !== this.currentStream) return;
      const last = steps[steps.length - 1];
      if (last?.kind === 'events') last.events.push(event);
      else steps.push({ kind: 'events', events: [event] });
    };

    for (const event of incoming) {
      if (event.type === RrwebEventType.Meta) {
        const earlier = this.pendingMeta.get(streamId);
        if (earlier) append(earlier);
        this.pendingMeta.set(streamId, event);
        this.lastMeta.set(streamId, event);
        continue;
      }
      if (event.type === RrwebEventType.FullSnapshot) {
        const meta = this.pendingMeta.get(streamId) ?? this.lastMeta.get(streamId);
        this.pendingMeta.delete(streamId);
        const events = meta ? [meta, event] : [event];
        this.streams.set(streamId, events);
        if (this.wanted === null || this.wanted === streamId) {
          this.currentStream = streamId;
          steps.push({ kind: 'checkpoint', events: [...events] });
        }
        continue;
      }
      const meta = this.pendingMeta.get(streamId);
      if (meta) {
        this.pendingMeta.delete(streamId);
        append(meta);
      }
      append(event);
    }
    return steps;
  }
}
