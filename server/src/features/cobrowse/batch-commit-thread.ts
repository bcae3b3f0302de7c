import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { BatchOutcome, PendingBatch } from './batch-plan.ts';
import { startWorker } from '../../storage/worker-thread.ts';
import type { StorageThreadPriority } from '../../storage/thread-priority.ts';
import type { CommitReply, CommitRequest } from './batch-commit-messages.ts';

/**
 * The SQLite group commit, run on a thread of its own.
 *
 * better-sqlite3 is synchronous: on the main thread every commit — and the
 * WAL checkpoints with their fsyncs that SQLite runs inside some commits —
 * stopped Socket.IO for its whole duration. At a thousand sessions that was
 * a third of the main thread's time (docs/performance.md). Here a worker
 * thread owns a second connection to the same database file (WAL lets the
 * main thread's connection read and write beside it) and runs the same
 * bookkeeping as PostgreSQL does in-process. The main thread only posts the
 * batches, whose events are still the customer's JSON text: a string is
 * copied, not walked, on its way to the worker, and parsing and checking the
 * events (`planGroup`) is the thread's work too.
 *
 * If the thread dies, the groups it had not confirmed are failed (their
 * customers resend after reconnecting, as after any lost ack) and the next
 * group starts a new thread.
 */
export class BatchCommitThread {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  /** The worker once it has opened the database. */
  private running: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (outcomes: BatchOutcome[]) => void; reject: (error: Error) => void }>();
  private closed = false;

  private constructor(
    private readonly sqliteFile: string,
    private readonly activityGranularityMs: number,
    private readonly logger: Logger,
    private readonly priority: StorageThreadPriority,
  ) {}

  /**
   * Starts the thread and waits until it has opened the database.
   * `activityGranularityMs`: how often a busy session's `last_activity_at` is written (see ActivityTouches).
   * `priority`: the thread's CPU priority (storage/thread-priority.ts).
   */
  static async start(
    sqliteFile: string,
    activityGranularityMs: number,
    logger: Logger,
    priority: StorageThreadPriority,
  ): Promise<BatchCommitThread> {
    const thread = new BatchCommitThread(sqliteFile, activityGranularityMs, logger, priority);
    await thread.spawn();
    return thread;
  }

  /** A `GroupCommit`: resolves once the group is durable, with each batch's outcome. */
  readonly commit = (batches: PendingBatch[]): Promise<BatchOutcome[]> => {
    if (this.closed) return Promise.reject(new Error('the batch commit thread is closed'));
    return new Promise<BatchOutcome[]>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const request: CommitRequest = { type: 'commit', id, batches };
      // Posted synchronously while the thread runs, so order of calls is order of commits.
      if (this.running) this.running.postMessage(request);
      else this.spawn().then((worker) => worker.postMessage(request), (error: Error) => this.fail(id, error));
    });
  };

  private fail(id: number, error: Error): void {
    const waiter = this.pending.get(id);
    this.pending.delete(id);
    waiter?.reject(error);
  }

  /**
   * Stops the thread once the groups already posted are committed: it handles
   * messages in order, so `close` comes after them and their replies arrive
   * before it exits.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    // Groups waiting for the thread to start are posted first.
    await this.ready?.catch(() => undefined);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const request: CommitRequest = { type: 'close' };
    worker.postMessage(request);
    await exited;
  }

  private spawn(): Promise<Worker> {
    if (this.worker && this.ready) {
      const worker = this.worker;
      return this.ready.then(() => worker);
    }
    const worker = startWorker('batch-commit-worker', import.meta.url, { sqliteFile: this.sqliteFile, activityGranularityMs: this.activityGranularityMs, priority: this.priority }, 'tsunagi-batch-commit');
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (reply: CommitReply) => {
        if (reply.type !== 'ready') return reject(new Error(describe(reply)));
        if (reply.priorityNotSet) this.logger.warn({ reason: reply.priorityNotSet }, 'the batch commit thread runs at normal CPU priority');
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the batch commit thread exited with code ${code} while starting`)));
    });
    void this.ready.then(() => {
      if (this.worker === worker) this.running = worker;
    }, () => undefined);
    worker.on('message', (reply: CommitReply) => this.onReply(reply));
    worker.on('error', (err) => this.logger.error({ err }, 'batch commit thread failed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.ready = undefined;
        this.running = undefined;
      }
      const error = new Error(`the batch commit thread stopped (exit code ${code}) before confirming this group`);
      for (const [id, waiter] of this.pending) {
        this.pending.delete(id);
        waiter.reject(error);
      }
      if (!this.closed) this.logger.error({ code }, 'batch commit thread exited; the next group starts a new one');
    });
    return this.ready.then(() => worker);
  }

  private onReply(reply: CommitReply): void {
    if (reply.type === 'ready') return;
    if (reply.type === 'fatal') {
      this.logger.error({ message: reply.message }, 'batch commit thread could not start');
      return;
    }
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.type === 'committed') waiter.resolve(reply.outcomes);
    else waiter.reject(new Error(reply.message));
  }
}

function describe(reply: CommitReply): string {
  return reply.type === 'fatal' || reply.type === 'failed' ? reply.message : `unexpected ${reply.type}`;
}
