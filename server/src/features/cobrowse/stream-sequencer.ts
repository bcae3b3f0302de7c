/**
 * Decides, per (session, stream), whether an incoming batch is the next one,
 * a resend of one already accepted, or out of order. Kept in memory on the
 * node that holds the customer's socket; the store stays the truth — after a
 * restart or failed write a stream is reloaded from `stream_positions`.
 */
export type SequenceVerdict = 'next' | 'duplicate' | 'gap';

export class StreamSequencer {
  private readonly accepted = new Map<string, number>();
  /** Commits still in flight, so a resend is acknowledged only once stored. */
  private readonly inFlight = new Map<string, Promise<void>>();

  private static key(sessionId: string, streamId: string, seq?: number): string {
    return seq === undefined ? `${sessionId}/${streamId}` : `${sessionId}/${streamId}/${seq}`;
  }

  isKnown(sessionId: string, streamId: string): boolean {
    return this.accepted.has(StreamSequencer.key(sessionId, streamId));
  }

  /** Seeds a stream with its last stored seq (never moves it backwards). */
  load(sessionId: string, streamId: string, lastStoredSeq: number): void {
    const key = StreamSequencer.key(sessionId, streamId);
    this.accepted.set(key, Math.max(this.accepted.get(key) ?? 0, lastStoredSeq));
  }

  lastAccepted(sessionId: string, streamId: string): number {
    return this.accepted.get(StreamSequencer.key(sessionId, streamId)) ?? 0;
  }

  check(sessionId: string, streamId: string, seq: number): SequenceVerdict {
    const last = this.lastAccepted(sessionId, streamId);
    if (seq <= last) return 'duplicate';
    return seq === last + 1 ? 'next' : 'gap';
  }

  accept(sessionId: string, streamId: string, seq: number, stored: Promise<void>): void {
    this.accepted.set(StreamSequencer.key(sessionId, streamId), seq);
    const flightKey = StreamSequencer.key(sessionId, streamId, seq);
    this.inFlight.set(flightKey, stored);
    const settle = () => this.inFlight.delete(flightKey);
    stored.then(settle, () => {
      settle();
      // The store refused it: forget the stream so the next hello reloads the truth.
      this.accepted.delete(StreamSequencer.key(sessionId, streamId));
    });
  }

  /** Resolves when an accepted batch is durable (immediately if it already is). */
  whenStored(sessionId: string, streamId: string, seq: number): Promise<void> {
    return this.inFlight.get(StreamSequencer.key(sessionId, streamId, seq)) ?? Promise.resolve();
  }

  forgetSession(sessionId: string): void {
    const prefix = `${sessionId}/`;
    for (const key of this.accepted.keys()) if (key.startsWith(prefix)) this.accepted.delete(key);
  }
}
