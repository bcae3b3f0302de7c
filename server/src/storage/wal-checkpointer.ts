import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { startWorker } from './worker-thread.ts';
import type { StorageThreadPriority } from './thread-priority.ts';

/**
 * Runs SQLite's WAL checkpoints on a thread of their own.
 *
 * By default SQLite checkpoints inside whichever commit finds the WAL over
 * 1,000 pages: it copies the pages into the database file and fsyncs, tens
 * of milliseconds on this kind of disk. Under a co-browse load the WAL is
 * always that full, so the commit that paid was often one of the main
 * thread's (a login, a chat line) — stalling Socket.IO — or the batch
 * commit thread's, stalling every customer's ack. With automatic
 * checkpoints off on both connections, this thread runs a PASSIVE checkpoint
 * every `everyMs`: it never waits for readers or writers, and once it has
 * caught up the next writer starts the WAL from the beginning again, so the
 * file stays bounded.
 */
export class WalCheckpointer {
  private constructor(private readonly worker: Worker) {}

  /** `priority`: the thread's CPU priority (thread-priority.ts). */
  static async start(sqliteFile: string, everyMs: number, logger: Logger, priority: StorageThreadPriority): Promise<WalCheckpointer> {
    const worker = startWorker('wal-checkpoint-worker', import.meta.url, { sqliteFile, everyMs, priority }, 'tsunagi-wal-checkpoint');
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message: { type: string; message?: string; priorityNotSet?: string }) => {
        if (message.type !== 'ready') return reject(new Error(message.message ?? 'the checkpoint thread failed to start'));
        if (message.priorityNotSet) logger.warn({ reason: message.priorityNotSet }, 'the WAL checkpoint thread runs at normal CPU priority');
        resolve();
      });
      worker.once('error', reject);
    });
    worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'failed') logger.warn({ message: message.message }, 'WAL checkpoint failed; the next one retries');
    });
    worker.on('error', (err) => logger.error({ err }, 'WAL checkpoint thread failed'));
    return new WalCheckpointer(worker);
  }

  /** A last checkpoint, then the thread stops. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' });
    await exited;
  }
}
