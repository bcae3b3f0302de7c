import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../storage/sqlite-connection.ts';
import { applyStorageThreadPriority, type StorageThreadPriority } from '../../storage/thread-priority.ts';
import { ActivityTouches } from './activity-touches.ts';
import { sqliteGroupCommit } from './sqlite-batch-commit.ts';
import type { CommitReply, CommitRequest } from './batch-commit-messages.ts';

/**
 * The SQLite commit thread (see batch-commit-thread.ts). It owns one
 * connection and commits the groups in the order they were posted; each
 * commit is synchronous, so messages are handled strictly one at a time.
 */
const port = parentPort;
if (!port) throw new Error('batch-commit-worker.ts runs only as a worker thread');
const { sqliteFile, activityGranularityMs, priority } = workerData as {
  sqliteFile: string;
  activityGranularityMs: number;
  priority: StorageThreadPriority;
};

const reply = (message: CommitReply) => port.postMessage(message);

// Storage is throughput work: the relay thread goes first for a core.
const priorityNotSet = applyStorageThreadPriority(priority);

try {
  // Checkpoints are the checkpoint thread's (storage/wal-checkpointer.ts), never a commit's.
  const sqlite = openSqlite(sqliteFile, { autoCheckpoint: false });
  const commit = sqliteGroupCommit(sqlite, new ActivityTouches(activityGranularityMs));
  port.on('message', (request: CommitRequest) => {
    if (request.type === 'close') {
      sqlite.close();
      port.close();
      return;
    }
    try {
      reply({ type: 'committed', id: request.id, outcomes: commit(request.batches) });
    } catch (error) {
      reply({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
  reply({ type: 'ready', priorityNotSet });
} catch (error) {
  reply({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
