import type { PendingBatch } from './batch-store.ts';

export type { PendingBatch } from './batch-store.ts';

/** Stores one group of batches in one transaction; resolves once it is durable. */
export type GroupCommit = (batches: PendingBatch[]) => Promise<void>;

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

  /** Resolves when the batch is committed. */
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
      await this.commit(items.map((item) => item.batch));
      for (const item of items) item.resolve();
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }
}
