/**
 * Orders and dedupes relayed batches before they reach the replayer.
 *
 * Why: a viewer receives the same batch twice around every (re)watch — once in
 * the checkpoint the server read from its store and once as a live push that
 * raced the ack — and a batch can arrive before its predecessor when the push
 * subscription and the store read interleave. rrweb applies mutations blindly
 * by node id, so a duplicate or a skipped batch corrupts the view until the
 * next full snapshot. (streamId, seq) identifies a batch everywhere (see
 * shared/src/protocol/recording.ts), so we keep the last delivered seq per
 * stream and hold anything that would leave a gap.
 */

export interface SequencedBatch {
  streamId: string;
  seq: number;
}

export interface BatchSequencerOptions {
  /** Held batches per stream before we stop waiting for a gap to fill. */
  maxHeldPerStream?: number;
}

export class BatchSequencer<B extends SequencedBatch> {
  private readonly lastSeq = new Map<string, number>();
  /** Batches that arrived ahead of a missing one, per stream, keyed by seq. */
  private readonly held = new Map<string, Map<number, B>>();
  private readonly maxHeld: number;

  constructor(
    private readonly deliver: (batch: B) => void,
    options: BatchSequencerOptions = {},
  ) {
    this.maxHeld = options.maxHeldPerStream ?? 200;
  }

  /** Returns what happened to the batch, mostly for tests and diagnostics. */
  push(batch: B): 'delivered' | 'duplicate' | 'held' {
    const last = this.lastSeq.get(batch.streamId);
    if (last === undefined) {
      // First batch we see of this stream: a checkpoint or a live push may start
      // anywhere in a stream (at its latest full snapshot), so accept it as is.
      this.deliverAndDrain(batch);
      return 'delivered';
    }
    if (batch.seq <= last) return 'duplicate';
    if (batch.seq === last + 1) {
      this.deliverAndDrain(batch);
      return 'delivered';
    }
    const held = this.heldFor(batch.streamId);
    if (held.has(batch.seq)) return 'duplicate';
    held.set(batch.seq, batch);
    if (held.size > this.maxHeld) this.releaseStream(batch.streamId);
    return 'held';
  }

  /**
   * Forgets where a stream stood, so its batches are delivered again from
   * wherever they next start: for a switch to a stream whose earlier
   * batches went by unused (another tab's, before the view showed it).
   */
  rewind(streamId: string): void {
    this.lastSeq.delete(streamId);
    this.held.delete(streamId);
  }

  /** True while some stream waits for a missing batch. */
  hasGaps(): boolean {
    for (const held of this.held.values()) if (held.size > 0) return true;
    return false;
  }

  /**
   * Gives up on missing batches: delivers everything held, in seq order. The
   * caller does this after it tried to fetch the gap again (a re-watch); the
   * view may be slightly off until the next full snapshot, which beats
   * freezing it.
   */
  releaseGaps(): void {
    for (const streamId of [...this.held.keys()]) this.releaseStream(streamId);
  }

  private releaseStream(streamId: string): void {
    const held = this.held.get(streamId);
    if (!held) return;
    this.held.delete(streamId);
    for (const seq of [...held.keys()].sort((a, b) => a - b)) {
      const batch = held.get(seq);
      if (batch && seq > (this.lastSeq.get(streamId) ?? 0)) {
        this.lastSeq.set(streamId, seq);
        this.deliver(batch);
      }
    }
  }

  private deliverAndDrain(batch: B): void {
    this.lastSeq.set(batch.streamId, batch.seq);
    this.deliver(batch);
    const held = this.held.get(batch.streamId);
    if (!held) return;
    let next = held.get(batch.seq + 1);
    while (next) {
      held.delete(next.seq);
      this.lastSeq.set(next.streamId, next.seq);
      this.deliver(next);
      next = held.get(next.seq + 1);
    }
    // Anything still held at or below the new position is a duplicate.
    const position = this.lastSeq.get(batch.streamId) ?? 0;
    for (const seq of held.keys()) if (seq <= position) held.delete(seq);
    if (held.size === 0) this.held.delete(batch.streamId);
  }

  private heldFor(streamId: string): Map<number, B> {
    let held = this.held.get(streamId);
    if (!held) {
      held = new Map();
      this.held.set(streamId, held);
    }
    return held;
  }
}
