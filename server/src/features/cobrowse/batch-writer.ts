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
}

/** Above this many queued batches a flush starts at once instead of waiting for the timer. */
const MAX_GROUP = 1000;

/**
 * Group commit for customer batches. At a thousand sessions a transaction per
 * batch would spend the disk's time on fsyncs; instead batches wait up to
 * `flushMs` and go in together, and each customer is acknowledged once its
 * batch is durable. Where the group is written is the `commit` function's
 * business: in this thread through Kysely (PostgreSQL), or on the SQLite
 * commit thread (see batch-commit-thread.ts).
 */
export class BatchWriter {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly commit: GroupCommit,
    private readonly flushMs: number,
  ) {}

  /** Resolves when the batch is committed; rejects with a DomainError if it was refused. */
  append(batch: PendingBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      if (this.queue.length >= MAX_GROUP) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    });
  }

  /** Commits whatever is queued; resolves when everything queued so far is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const taken = this.queue;
    this.queue = [];
    // Groups commit one after another so batches keep their arrival order.
    this.flushing = this.flushing.then(() => (taken.length ? this.write(taken) : undefined));
    return this.flushing;
  }

  private async write(items: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.commit(items.map((item) => item.batch));
      items.forEach((item, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) item.resolve();
        else item.reject(outcome ? new DomainError(outcome.code, outcome.message) : new Error('the commit gave no outcome for this batch'));
      });
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }
}
