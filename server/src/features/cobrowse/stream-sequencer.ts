/**
 * Decides, per (session, stream), whether an incoming batch is the next one,
 * a resend of one already accepted, or out of order. Kept in memory on the
 * node that holds the customer's socket; the store stays the truth — after a
 * restart or failed write a stream is reloaded from the last stored seq of its batches.
 */
export type SequenceVerdict = 'next' | 'duplicate' | 'gap';

interface StreamState {
  /** The last seq accepted (stored or in flight). */
  accepted: number;
  /** Commits still in flight, so a resend is acknowledged only once stored. */
  inFlight: Map<number, Promise<void>>;
}

/**
 * Runs for every batch: state is kept per session, then per stream, so the
 * hot path does two map lookups and builds no keys.
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
    else streams.set(streamId, { accepted: lastStoredSeq, inFlight: new Map() });
  }

  lastAccepted(sessionId: string, streamId: string): number {
    return this.stream(sessionId, streamId)?.accepted ?? 0;
  }

  check(sessionId: string, streamId: string, seq: number): SequenceVerdict {
    const last = this.lastAccepted(sessionId, streamId);
    if (seq <= last) return 'duplicate';
    return seq === last + 1 ? 'next' : 'gap';
  }

  accept(sessionId: string, streamId: string, seq: number, stored: Promise<void>): void {
    if (!this.isKnown(sessionId, streamId)) this.load(sessionId, streamId, 0);
    const state = this.stream(sessionId, streamId)!;
    state.accepted = seq;
    state.inFlight.set(seq, stored);
    stored.then(
      () => state.inFlight.delete(seq),
      () => {
        state.inFlight.delete(seq);
        // The store refused it: forget the stream so the next hello reloads the truth.
        if (this.stream(sessionId, streamId) === state) this.sessions.get(sessionId)?.delete(streamId);
      },
    );
  }

  /** Resolves when an accepted batch is durable (immediately if it already is). */
  whenStored(sessionId: string, streamId: string, seq: number): Promise<void> {
    return this.stream(sessionId, streamId)?.inFlight.get(seq) ?? Promise.resolve();
  }

  forgetSession(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}
