import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from './sqlite-connection.ts';
import { applyStorageThreadPriority, type StorageThreadPriority } from './thread-priority.ts';

/** The WAL checkpoint thread (see wal-checkpointer.ts). */
const port = parentPort;
if (!port) throw new Error('wal-checkpoint-worker.ts runs only as a worker thread');
const { sqliteFile, everyMs, priority } = workerData as { sqliteFile: string; everyMs: number; priority: StorageThreadPriority };
// Storage is throughput work: the relay thread goes first for a core.
const priorityNotSet = applyStorageThreadPriority(priority);

try {
  const sqlite = openSqlite(sqliteFile, { autoCheckpoint: false });
  const checkpoint = () => {
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const timer = setInterval(checkpoint, everyMs);
  port.on('message', (message: { type: string }) => {
    if (message.type !== 'close') return;
    clearInterval(timer);
    checkpoint();
    sqlite.close();
    port.close();
  });
  port.postMessage({ type: 'ready', priorityNotSet });
} catch (error) {
  port.postMessage({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
