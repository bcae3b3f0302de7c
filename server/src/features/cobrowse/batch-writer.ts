import { DomainError } from '../../realtime/domain-error.ts';
import type { BatchOutcome, PendingBatch } from './batch-plan.ts';

export type { PendingBatch } from './batch-plan.ts';

/**
 * Stores one group of batches in one transaction; resolves once it is
 * durable, with one outcome per batch (a batch may be refused on its own:
 * events that fail the schema, or a hole in its stream).
 */
export type GroupCommit = (batches: PendingBatch[]) => Promise<BatchOutcome[]>;

interface Waiting {
  batch: PendingBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
  settled?: boolean;
  /** `flush` callers waiting for this batch (and so for every batch before it). */
  onSettled?: (() => void)[];
}

/** The most batches in one group; more wait for the next (bounds a transaction and a thread message). */
const MAX_GROUP = 2000;

/**
 * Acks sent in one turn of the event loop; the rest of a group's wait for the
 * next turn (see `settle`). Each costs ~20 µs of the relay thread (the
 * request's continuation, Socket.IO's ack packet, a socket write), so a
 * turn stays under ~0.2 ms, and a batch that arrives meanwhile is relayed
 * after at most that. With 32 a turn (~0.7 ms, every 10 ms at a thousand
 * sessions) the batches that arrived during those bursts were the relay's
 * p95: 1.4–1.7× the bare relay's, which acks inline. With 8, ~1.0×
 * (docs/performance.md, session 12), for a few per cent more relay-thread
 * CPU (more turns of the loop).
 */
const SETTLE_CHUNK = 8;

/** A committed group whose batches are being settled, `next` the first not yet settled. */
interface Settling {
  items: Waiting[];
  outcomes: BatchOutcome[] | undefined;
  failure: unknown;
  next: number;
}

/**
 * Group commit for customer batches. At a thousand sessions a transaction per
 * batch would spend the disk's time on fsyncs; instead batches go in
 * together, and each customer is acknowledged once its batch is durable.
 *
 * One group is written at a time. Batches that arrive while it is written
 * wait and become the next group, all of them, once it is done — so when
 * commits slow down (a busy machine, a big full snapshot) the groups grow
 * instead of queueing up one small group per tick, each waiting for a whole
 * round trip to the commit thread (that queue grew without bound at a
 * thousand sessions: acks took a quarter of a second). When idle, a batch
 * waits at most `flushMs` for others to join it.
 *
 * Groups also start at most once per `flushMs`. Handing a group to the
 * SQLite commit thread wakes that thread, and on a virtual machine waking a
 * sleeping thread costs the poster ~140 µs (docs/performance.md, session
 * 5): with a group started the moment the previous one was done, at a
 * thousand sessions that was 200 wake-ups a second and 7 % of the relay
 * thread's time.
 *
 * Where the group is written is the `commit` function's business: in this
 * thread through Kysely (PostgreSQL), or on the SQLite commit thread (see
 * batch-commit-thread.ts).
 */
export class BatchWriter {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing = false;
  /** When the last group started (performance.now()): the next starts `flushMs` later at the earliest. */
  private lastGroupAt = -Infinity;
  /** `flush` was asked for while a group was being written: the next group starts as soon as it is done. */
  private flushAsked = false;
  /** The latest batch appended: groups commit in order, so once it is settled all are. */
  private last: Waiting | undefined;
  /** Committed groups still being settled, oldest first. */
  private readonly settling: Settling[] = [];
  private settleScheduled = false;

  constructor(
    private readonly commit: GroupCommit,
    private readonly flushMs: number,
  ) {}

  /** Resolves when the batch is committed; rejects with a DomainError if it was refused. */
  append(batch: PendingBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.last = { batch, resolve, reject };
      this.queue.push(this.last);
      // While a group is being written, the next one starts when it is done.
      if (this.writing) return;
      if (this.queue.length >= MAX_GROUP) this.writeNext();
      else this.timer ??= setTimeout(() => this.writeNext(), this.flushMs);
    });
  }

  /**
   * Commits whatever is queued without waiting for the timer; resolves when
   * everything appended so far is stored (or refused) — not when the writer
   * is idle, which under steady load it never is.
   */
  flush(): Promise<void> {
    if (this.writing) this.flushAsked = true;
    else this.writeNext();
    const last = this.last;
    if (!last || last.settled) return Promise.resolve();
    return new Promise((resolve) => (last.onSettled ??= []).push(resolve));
  }

  private writeNext(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const group = this.queue.slice(0, MAX_GROUP);
    this.queue = this.queue.slice(group.length);
    this.writing = true;
    this.flushAsked = false;
    this.lastGroupAt = performance.now();
    void this.commitGroup(group);
  }

  private async commitGroup(items: Waiting[]): Promise<void> {
    let outcomes: BatchOutcome[] | undefined;
    let failure: unknown;
    try {
      outcomes = await this.commit(items.map((item) => item.batch));
    } catch (error) {
      failure = error;
    }
    // The next group goes to the store first; this one's acks follow.
    this.writing = false;
    this.startNextGroup();
    this.settle(items, outcomes, failure);
  }

  /** After a group: the next one now, or once `flushMs` has passed since this one started. */
  private startNextGroup(): void {
    if (this.queue.length === 0) return;
    const wait = this.lastGroupAt + this.flushMs - performance.now();
    if (wait <= 0 || this.flushAsked || this.queue.length >= MAX_GROUP) this.writeNext();
    else this.timer ??= setTimeout(() => this.writeNext(), wait);
  }

  /**
   * Resolves (or rejects) each batch of a committed group: each one resolved
   * sends its customer an ack. In order, `SETTLE_CHUNK` per turn of the event
   * loop, the next chunk after the I/O that arrived meanwhile.
   *
   * All at once, a slow commit (the storage thread runs at idle priority and
   * fsyncs; a busy disk can stall it for a tenth of a second) makes the next
   * group hundreds of batches, and settling them holds the relay thread for
   * ~20 µs each (an ack's share of a CPU profile at 1,000 sessions) — 500
   * acks, a 10 ms stop for every batch and pointer move that arrived
   * meanwhile. In chunks the longest stop stays short, even at the
   * benchmark's steady state (~46 batches a group; see `SETTLE_CHUNK`).
   * An ack may wait a few turns more; the widget keeps four batches in
   * flight, so a customer does not wait for it. (Session 3 had tried chunks
   * when the widget had one batch in flight: every later ack then held its
   * customer's next batch.)
   * Groups settle strictly in order, so a stream's acks do too.
   */
  private settle(items: Waiting[], outcomes: BatchOutcome[] | undefined, failure: unknown): void {
    this.settling.push({ items, outcomes, failure, next: 0 });
    if (!this.settleScheduled) this.settleSome();
  }

  private settleSome(): void {
    this.settleScheduled = false;
    let budget = SETTLE_CHUNK;
    while (budget > 0 && this.settling.length > 0) {
      const group = this.settling[0]!;
      for (; budget > 0 && group.next < group.items.length; budget--, group.next++) {
        settleOne(group.items[group.next]!, group.outcomes?.[group.next], group.failure);
      }
      if (group.next === group.items.length) this.settling.shift();
    }
    if (this.settling.length > 0) {
      this.settleScheduled = true;
      setImmediate(() => this.settleSome());
    }
  }
}

function settleOne(item: Waiting, outcome: BatchOutcome | undefined, failure: unknown): void {
  if (outcome?.ok) item.resolve();
  else if (outcome) item.reject(new DomainError(outcome.code, outcome.message));
  else item.reject(failure ?? new Error('the commit gave no outcome for this batch'));
  item.settled = true;
  if (item.onSettled) for (const waiter of item.onSettled) waiter();
}
