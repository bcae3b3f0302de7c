import { BatchSequencer, type SequencedBatch } from './batch-sequencer.ts';

/**
 * Joins the two sources of a watched session into one ordered stream:
 * the checkpoint in the `session:watch` ack and the live `replay:batch`
 * pushes.
 *
 * Why: the server starts pushing as soon as it has joined us to the session's
 * room, which can be before our ack arrives. Pushes that come first are newer
 * than (or overlap) the checkpoint, so feeding them straight to the replayer
 * would apply mutations to a document that has not been built yet. We park
 * them until the checkpoint is in, then let the sequencer drop the overlap.
 */
export class WatchFeed<B extends SequencedBatch> {
  private readonly sequencer: BatchSequencer<B>;
  private waiting = false;
  private parked: B[] = [];

  constructor(deliver: (batch: B) => void) {
    this.sequencer = new BatchSequencer(deliver);
  }

  /** Call right before sending `session:watch` (first time and on every re-watch). */
  beginWatch(): void {
    this.waiting = true;
  }

  /** A live push. */
  push(batch: B): void {
    if (this.waiting) this.parked.push(batch);
    else this.sequencer.push(batch);
  }

  /**
   * The watch ack arrived: its checkpoint first, then what was parked.
   * `rewind`: the checkpoint is of a stream whose earlier batches went by
   * unused (the view switches to it): deliver them again from its start.
   */
  checkpoint(batches: readonly B[], rewind?: string): void {
    if (rewind !== undefined && batches.length > 0) this.sequencer.rewind(rewind);
    for (const batch of batches) this.sequencer.push(batch);
    this.releaseParked();
  }

  /** The watch failed: stop parking (what we had is still worth showing). */
  abortWatch(): void {
    this.releaseParked();
  }

  hasGaps(): boolean {
    return this.sequencer.hasGaps();
  }

  releaseGaps(): void {
    this.sequencer.releaseGaps();
  }

  private releaseParked(): void {
    this.waiting = false;
    const parked = this.parked;
    this.parked = [];
    for (const batch of parked) this.sequencer.push(batch);
  }
}
