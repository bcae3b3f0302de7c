/**
 * Decides, per (session, stream), whether an incoming batch is the next one,
 * a resend of one already accepted, or out of order. Kept in memory on the
 * node that holds the customer's socket; the store stays the truth — after a
 * restart or failed write a stream is reloaded from the last stored seq of its batches.
 */
export type SequenceVerdict = 'next' | 'duplicate' | 'gap';

/**
 * How many of a stream's latest commits are remembered, so a resend is
 * acknowledged only once its batch is stored. The widget has at most four
 * batches in flight; a resend of an older one waits for the newest commit
 * instead, which comes after it (a stream's batches commit in order).
 */
const RECENT = 8;

interface StreamState {
  /** The last seq accepted (stored or in flight). */
  accepted: number;
  /**
   * Ring of the latest accepted batches, slot `seq % RECENT`: the seq, and
   * its commit while it is in flight (`undefined` once stored).
   */
  recentSeqs: number[];
  recentStored: (Promise<void> | undefined)[];
}

/**
 * Runs for every batch: state is kept per session, then per stream, so the
 * hot path does two map lookups and builds no keys. Accepting a batch
 * allocates nothing: its commit goes into a fixed ring (a map of in-flight
 * commits, grown and shrunk and given two callbacks per batch, was ~2 % of
 * the relay thread's busy time in a CPU profile, session 9). A slot lets go
 * of its commit once the batch is stored (`stored`): a ring that kept the
 * last eight commits of every stream kept each batch's promise alive across
 * the next young-generation collection, which then copied and promoted
 * thousands of them — the largest part of what the relay thread's
 * collections copied beyond the bare relay's (docs/performance.md, session 12).
 */
export class StreamSequencer {
  private readonly sessions = new Map<string, Map<string, StreamState>>();

  private stream(sessionId: string, streamId: string): StreamState | undefined {
    return this.sessions.get(sessionId)?.get(streamId);
  }

  isKnown(sessionId: string, streamId: string): boolean {
    return this.stream(sessionId, streamId) !== undefined;
  }

  /** Seeds a stream with its last stored seq (never moves it backwards). */
  load(sessionId: string, streamId: string, lastStoredSeq: number): void {
    let streams = this.sessions.get(sessionId);
    if (!streams) this.sessions.set(sessionId, (streams = new Map<string, StreamState>()));
    const state = streams.get(streamId);
    if (state) state.accepted = Math.max(state.accepted, lastStoredSeq);
    else {
      streams.set(streamId, {
        accepted: lastStoredSeq,
        recentSeqs: new Array<number>(RECENT).fill(0),
        recentStored: new Array<Promise<void> | undefined>(RECENT).fill(undefined),
      });
    }
  }

  lastAccepted(sessionId: string, streamId: string): number {
    return this.stream(sessionId, streamId)?.accepted ?? 0;
  }

  check(sessionId: string, streamId: string, seq: number): SequenceVerdict {
    const last = this.lastAccepted(sessionId, streamId);
    if (seq <= last) return 'duplicate';
    return seq === last + 1 ? 'next' : 'gap';
  }

  /**
   * The batch `seq` is on its way to the store; `stored` settles when it is
   * there. If it rejects, the caller (which awaits it) reports `refused`.
   */
  accept(sessionId: string, streamId: string, seq: number, stored: Promise<void>): void {
    if (!this.isKnown(sessionId, streamId)) this.load(sessionId, streamId, 0);
    const state = this.stream(sessionId, streamId)!;
    state.accepted = seq;
    const slot = seq % RECENT;
    state.recentSeqs[slot] = seq;
    state.recentStored[slot] = stored;
  }

  /** Batch `seq` is stored: a resend of it is acknowledged at once, and its commit is let go. */
  stored(sessionId: string, streamId: string, seq: number, stored: Promise<void>): void {
    const state = this.stream(sessionId, streamId);
    const slot = seq % RECENT;
    if (state && state.recentStored[slot] === stored) state.recentStored[slot] = undefined;
  }

  /**
   * The store refused batch `seq` (its commit rejected): forget the stream,
   * so the next batch or hello reloads the truth from the store — unless the
   * stream was reloaded and moved on meanwhile.
   */
  refused(sessionId: string, streamId: string, seq: number, stored: Promise<void>): void {
    const state = this.stream(sessionId, streamId);
    if (state && state.recentStored[seq % RECENT] === stored) this.sessions.get(sessionId)?.delete(streamId);
  }

  /**
   * Resolves when an accepted batch is durable: at once if it is long
   * stored; rejects if its commit failed.
   */
  whenStored(sessionId: string, streamId: string, seq: number): Promise<void> {
    const state = this.stream(sessionId, streamId);
    if (!state) return Promise.resolve();
    const slot = seq % RECENT;
    if (state.recentSeqs[slot] === seq) return state.recentStored[slot] ?? Promise.resolve();
    // Older than the ring: stored once the newest accepted batch is.
    return state.recentStored[state.accepted % RECENT] ?? Promise.resolve();
  }

  forgetSession(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}
