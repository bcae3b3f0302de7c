import { droppedEventMarker, DROPPED_EVENT_TAG, MAX_EVENTS_PER_BATCH, RrwebEventType, type ErrorCode, type RecordedEvent, type UnsentBatch, type StreamPosition } from '@tsunagi/shared';
import { eventBytes } from './event-size.ts';

/** What became of one `batch` request. */
export type SendOutcome = { ok: true } | { ok: false; code: ErrorCode | 'timeout' | 'disconnected' };

export interface OutboxOptions {
  /** Largest `JSON.stringify(events)` of one batch, in bytes (the server's limit). */
  maxBatchBytes: number;
  /** Events are gathered for this long before they become a batch. */
  batchIntervalMs: number;
  send(batch: UnsentBatch): Promise<SendOutcome>;
  /** The server's position must be asked for again (out of order, lost ack): re-hello, then `goOnline`. */
  onResync(): void;
  /** The session is gone; nothing more can be sent. */
  onFatal(code: ErrorCode): void;
  /** Events had to be thrown away; a full snapshot heals the agent's view. */
  onSnapshotNeeded(): void;
  /** Unsent bytes of the current stream kept while offline before giving up on them. */
  maxPendingBytes?: number;
  /** Batches sent and not yet answered, at most (DEFAULT_MAX_IN_FLIGHT). */
  maxInFlight?: number;
  warn?(message: string): void;
}

/** A stream's unacknowledged batches, as persisted across a page load. */
export interface StreamBacklog {
  streamId: string;
  batches: UnsentBatch[];
}

/**
 * Batches in flight at once. The server acknowledges a batch once it is
 * stored, which under load or a slow disk takes longer than the ~100-200 ms
 * between two batches; with one in flight each customer's page then fell
 * behind, and every customer whose ack came with the same group commit sent
 * its next batch at the same moment — bursts that cost the relay's latency
 * (docs/performance.md, session 5). Four cover acks of up to ~0.5 s.
 */
export const DEFAULT_MAX_IN_FLIGHT = 4;

interface Pending {
  batch: UnsentBatch;
  bytes: number;
}

interface Stream {
  streamId: string;
  /** Seq the next new batch of this stream gets. */
  nextSeq: number;
  pending: Pending[];
}

/**
 * Turns the recorder's events into numbered batches and delivers them in
 * order, exactly once from the server's point of view:
 *
 * - events are gathered for `batchIntervalMs`, then cut into batches under
 *   `maxBatchBytes`; a Meta event always starts a new batch so that Meta and
 *   the FullSnapshot after it travel together;
 * - each batch gets the next seq of its stream and stays pending until the
 *   server acknowledges it; up to `maxInFlight` batches of one stream are in
 *   flight, the first ones of its pending list. Any refusal ends that round:
 *   the server keeps a stream without holes, so it refuses what was sent
 *   after a refused batch too, and those answers are ignored (epoch). The
 *   refused batch is dealt with (split, dropped, retried later) and the
 *   stream is sent again from its first pending batch — one the server did
 *   store meanwhile is acknowledged again as a duplicate, never stored twice.
 *   Only batches after a refused one are renumbered, and the server holds
 *   none of those;
 * - an event too large to go even alone is replaced by a `tsunagi:dropped-event`
 *   marker (its type, size and the limit, at its timestamp), never sent;
 * - after a (re)connect the server says the last seq it stored per stream;
 *   everything at or below it is dropped, the rest is resent (the server
 *   dedups on (streamId, seq) anyway);
 * - streams of earlier page loads in this tab (`addBacklog`) go first, so the
 *   agent never sees an old page's events after the new page's snapshot.
 *
 * No DOM, no socket: the transport is the `send` function, which keeps this
 * unit-testable.
 */
export class Outbox {
  private readonly streams: Stream[];
  private readonly current: Stream;
  private buffer: RecordedEvent[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private online = false;
  /** Sent and not yet answered in this epoch: the first `inFlight` pending batches of the first stream with any. */
  private inFlight = 0;
  private readonly maxInFlight: number;
  /** Bumped on every goOnline/goOffline so that answers to an old connection are ignored. */
  private epoch = 0;
  private failures = 0;
  /** After an overflow: drop events until the next Meta (the start of a full snapshot). */
  private discarding = false;
  private snapshotNeeded = false;
  private closed = false;
  private drainWaiters: (() => void)[] = [];
  private readonly maxPendingBytes: number;

  constructor(
    readonly streamId: string,
    private readonly options: OutboxOptions,
  ) {
    this.current = { streamId, nextSeq: 1, pending: [] };
    this.streams = [this.current];
    this.maxPendingBytes = options.maxPendingBytes ?? Math.max(4 * options.maxBatchBytes, 8 * 1024 * 1024);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  }

  /** Stream ids whose backlog still has to be delivered (for `hello.resumeStreams`). */
  get resumeStreamIds(): string[] {
    return this.streams.filter((s) => s !== this.current).map((s) => s.streamId);
  }

  get isOnline(): boolean {
    return this.online;
  }

  /** Unacknowledged batches of every stream, oldest first (tests and diagnostics). */
  pendingBatches(): UnsentBatch[] {
    return this.streams.flatMap((s) => s.pending.map((p) => p.batch));
  }

  /** Batches of an earlier page load in this tab, to be delivered before this page's. */
  addBacklog(backlog: StreamBacklog): void {
    if (backlog.streamId === this.current.streamId || backlog.batches.length === 0) return;
    const batches = [...backlog.batches].sort((a, b) => a.seq - b.seq);
    const stream: Stream = {
      streamId: backlog.streamId,
      nextSeq: batches[batches.length - 1]!.seq + 1,
      pending: batches.map((batch) => ({ batch, bytes: eventBytes(batch.events) })),
    };
    this.streams.splice(this.streams.length - 1, 0, stream);
  }

  push(event: RecordedEvent): void {
    if (this.closed) return;
    if (this.discarding) {
      if (event.type !== RrwebEventType.Meta) return;
      this.discarding = false;
    }
    // Meta starts a snapshot: it must not share a batch with what came before,
    // so that a viewer can start from the batch holding Meta + FullSnapshot.
    if (event.type === RrwebEventType.Meta && this.buffer.length > 0) this.flush();
    this.buffer.push(event);
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.batchIntervalMs);
  }

  /** Cuts everything gathered so far into numbered batches and starts sending. */
  flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    const max = this.options.maxBatchBytes;
    let batch: RecordedEvent[] = [];
    let bytes = 2; // the array's brackets
    for (const recorded of events) {
      let event = recorded;
      let size = eventBytes(event);
      if (size + 2 > max) {
        // Not even alone would it be accepted; sending it would only cost a
        // round trip (or, above maxHttpBufferSize, the connection). A small
        // marker goes in its place, so the agent's console can say why the
        // page (a full snapshot) or a change is missing.
        const marker = droppedEventMarker(event, size, max);
        const markerSize = eventBytes(marker);
        const fits = markerSize + 2 <= max;
        this.warn(
          `dropped a ${size}-byte rrweb event (type ${event.type}); the limit is ${max} bytes` +
            (fits ? `; sent a ${DROPPED_EVENT_TAG} marker instead` : ''),
        );
        if (!fits) continue;
        event = marker;
        size = markerSize;
      }
      if (batch.length > 0 && (bytes + 1 + size > max || batch.length >= MAX_EVENTS_PER_BATCH)) {
        this.enqueue(batch, bytes);
        batch = [];
        bytes = 2;
      }
      bytes += (batch.length > 0 ? 1 : 0) + size;
      batch.push(event);
    }
    if (batch.length > 0) this.enqueue(batch, bytes);
    this.limitBacklog();
    this.pump();
  }

  /** The server answered hello: it holds `positions`; deliver the rest. */
  goOnline(positions: readonly StreamPosition[]): void {
    this.epoch++;
    this.inFlight = 0;
    this.clearRetry();
    for (const stream of [...this.streams]) {
      const position = positions.find((p) => p.streamId === stream.streamId);
      if (!position) {
        if (stream === this.current) continue;
        // The server did not take this stream back (too many, or unknown): give it up.
        this.warn(`the server did not resume stream ${stream.streamId}; ${stream.pending.length} batches dropped`);
        this.removeStream(stream);
        continue;
      }
      this.applyPosition(stream, position.lastSeq);
    }
    this.online = true;
    this.pump();
  }

  /** The connection is gone; whatever was in flight stays pending. */
  goOffline(): void {
    this.epoch++;
    this.online = false;
    this.inFlight = 0;
    this.clearRetry();
  }

  /** Flushes, then resolves true once nothing is pending, or false after `timeoutMs`. */
  whenDrained(timeoutMs: number): Promise<boolean> {
    this.flush();
    if (this.isDrained()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.drainWaiters.push(done);
    });
  }

  /** Everything not yet acknowledged, for persisting on pagehide. */
  backlog(): StreamBacklog[] {
    this.flush();
    return this.streams
      .filter((s) => s.pending.length > 0)
      .map((s) => ({ streamId: s.streamId, batches: s.pending.map((p) => p.batch) }));
  }

  /** Stops for good (session ended): drops timers and anything unsent. */
  close(): void {
    this.closed = true;
    this.goOffline();
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.buffer = [];
    for (const stream of this.streams) stream.pending = [];
    this.resolveDrainWaiters();
  }

  private enqueue(events: RecordedEvent[], bytes: number): void {
    const stream = this.current;
    stream.pending.push({ batch: { streamId: stream.streamId, seq: stream.nextSeq++, events }, bytes });
  }

  /** While offline, keep memory bounded: give up the unsent tail and heal with a snapshot later. */
  private limitBacklog(): void {
    const stream = this.current;
    let total = 0;
    for (const p of stream.pending) total += p.bytes;
    if (total <= this.maxPendingBytes) return;
    // What is in flight may already be stored: kept, so seqs never go back over it.
    const keep = this.streams.find((s) => s.pending.length > 0) === stream ? this.inFlight : 0;
    const dropped = stream.pending.length - keep;
    stream.pending = stream.pending.slice(0, keep);
    stream.nextSeq = keep ? stream.pending[keep - 1]!.batch.seq + 1 : stream.nextSeq - dropped;
    this.discarding = true;
    this.snapshotNeeded = true;
    this.warn(`${dropped} unsent batches (${total} bytes) dropped while offline; a full snapshot will follow`);
  }

  private pump(): void {
    if (!this.online || this.retryTimer !== undefined || this.closed) return;
    const stream = this.streams.find((s) => s.pending.length > 0);
    if (!stream) {
      if (this.snapshotNeeded) {
        this.snapshotNeeded = false;
        this.options.onSnapshotNeeded();
      }
      if (this.buffer.length === 0) this.resolveDrainWaiters();
      return;
    }
    const epoch = this.epoch;
    while (this.inFlight < this.maxInFlight && this.inFlight < stream.pending.length) {
      const pending = stream.pending[this.inFlight++]!;
      this.options.send(pending.batch).then(
        (outcome) => this.settle(epoch, stream, pending, outcome),
        () => this.settle(epoch, stream, pending, { ok: false, code: 'timeout' }),
      );
    }
  }

  private settle(epoch: number, stream: Stream, sent: Pending, outcome: SendOutcome): void {
    if (epoch !== this.epoch || this.closed) return;
    const index = stream.pending.indexOf(sent);
    if (outcome.ok) {
      this.failures = 0;
      // Answers come in the order of sending; the search only guards that.
      if (index >= 0 && index < this.inFlight) {
        stream.pending.splice(index, 1);
        this.inFlight--;
      }
      if (stream !== this.current && stream.pending.length === 0) this.removeStream(stream);
      this.pump();
      return;
    }
    // A refusal ends this round: what was sent after it is refused too, and
    // those answers are ignored; the stream goes again from its first pending batch.
    this.epoch++;
    this.inFlight = 0;
    if (index < 0) {
      this.pump();
      return;
    }
    switch (outcome.code) {
      case 'out_of_order':
      case 'timeout':
        // Our idea of the server's position is wrong or unknown: ask again.
        this.online = false;
        this.options.onResync();
        return;
      case 'disconnected':
        this.online = false;
        return;
      case 'session_ended':
      case 'unauthorized':
        this.online = false;
        this.options.onFatal(outcome.code);
        return;
      case 'payload_too_large':
        if (sent.batch.events.length > 1) {
          this.split(stream, index);
        } else {
          this.warn(`the server refused a batch holding one ${sent.bytes}-byte event; dropped`);
          this.dropAt(stream, index);
        }
        this.pump();
        return;
      case 'rate_limited':
      case 'internal': {
        // Transient: try the same batch again, backing off.
        const delay = Math.min(30_000, 500 * 2 ** this.failures++);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.pump();
        }, delay);
        return;
      }
      default:
        // bad_request and the like: resending the same batch cannot succeed.
        this.warn(`the server refused batch ${sent.batch.seq} (${outcome.code}); dropped`);
        this.dropAt(stream, index);
        this.pump();
    }
  }

  /** Replaces the refused batch at `index` by its two halves; the batches after it shift up by one. */
  private split(stream: Stream, index: number): void {
    const refused = stream.pending[index]!;
    const events = refused.batch.events;
    const middle = Math.ceil(events.length / 2);
    const halves = [events.slice(0, middle), events.slice(middle)].map((part) => ({
      batch: { ...refused.batch, events: part },
      bytes: eventBytes(part),
    }));
    stream.pending.splice(index, 1, ...halves);
    this.renumber(stream, index, refused.batch.seq);
  }

  private dropAt(stream: Stream, index: number): void {
    const [refused] = stream.pending.splice(index, 1);
    if (refused) this.renumber(stream, index, refused.batch.seq);
    if (stream !== this.current && stream.pending.length === 0) this.removeStream(stream);
  }

  /**
   * Gives the pending batches from `index` on consecutive seqs from
   * `firstSeq`. Safe because callers only renumber from a batch the server
   * refused or never stored: it keeps a stream without holes, so it holds
   * none of the batches after that one either.
   */
  private renumber(stream: Stream, index: number, firstSeq: number): void {
    stream.pending = stream.pending.map((p, i) =>
      i < index || p.batch.seq === firstSeq + i - index ? p : { ...p, batch: { ...p.batch, seq: firstSeq + i - index } },
    );
    stream.nextSeq = firstSeq + stream.pending.length - index;
  }

  private applyPosition(stream: Stream, lastSeq: number): void {
    stream.pending = stream.pending.filter((p) => p.batch.seq > lastSeq);
    const head = stream.pending[0];
    if (head && head.batch.seq !== lastSeq + 1) {
      // The server lacks batches we thought it had: close the gap, or it
      // would answer out_of_order forever.
      this.renumber(stream, 0, lastSeq + 1);
    } else if (!head) {
      // Nothing pending: the next batch follows whatever the server holds.
      stream.nextSeq = lastSeq + 1;
    }
    if (stream !== this.current && stream.pending.length === 0) this.removeStream(stream);
  }

  private removeStream(stream: Stream): void {
    const index = this.streams.indexOf(stream);
    if (index >= 0 && stream !== this.current) this.streams.splice(index, 1);
  }

  private isDrained(): boolean {
    return this.buffer.length === 0 && this.streams.every((s) => s.pending.length === 0);
  }

  private resolveDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private warn(message: string): void {
    (this.options.warn ?? ((m: string) => console.warn(`[tsunagi] ${m}`)))(message);
  }
}
