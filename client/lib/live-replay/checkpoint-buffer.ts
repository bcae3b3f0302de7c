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
 *   top of that stream's own full snapshot. The stream of the latest
 *   checkpoint is "current"; events of other streams wait for their own
 *   snapshot instead of corrupting the view.
 * - rrweb emits Meta right before FullSnapshot, but a batch boundary may fall
 *   between them; a Meta is held until we know what follows it.
 */
export class CheckpointBuffer<E extends TypedEvent> {
  private currentStream: string | null = null;
  private events: E[] = [];
  /** A Meta not yet followed by another event of its stream. */
  private readonly pendingMeta = new Map<string, E>();
  /** The latest Meta of each stream, for a FullSnapshot that arrives without one. */
  private readonly lastMeta = new Map<string, E>();

  /** Events from the latest checkpoint on (what a rebuild starts from). */
  get buffered(): readonly E[] {
    return this.events;
  }

  get stream(): string | null {
    return this.currentStream;
  }

  hasCheckpoint(): boolean {
    return this.currentStream !== null;
  }

  add(streamId: string, incoming: readonly E[]): FeedStep<E>[] {
    const steps: FeedStep<E>[] = [];
    const append = (event: E): void => {
      if (streamId !== this.currentStream) return;
      this.events.push(event);
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
        this.currentStream = streamId;
        this.events = meta ? [meta, event] : [event];
        steps.push({ kind: 'checkpoint', events: [...this.events] });
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
