import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value storage threads take: they yield the CPU to the relay thread, and still get all the CPU nobody else wants. */
export const STORAGE_THREAD_NICENESS = 10;

/**
 * Lowers the calling thread's CPU priority (Linux: nice values are per
 * thread). For the storage threads — the SQLite commit thread and the WAL
 * checkpoint thread — whose work is throughput, not latency: on a machine of
 * two cores, a group commit or a checkpoint running beside the Socket.IO
 * thread made the relay thread (and, in the benchmark, the process measuring
 * it) wait for a core. Acks come from the commit thread, so under CPU
 * contention they may come a little later; what the agent sees does not wait
 * for them (docs/performance.md, session 6).
 *
 * Best effort: where the thread cannot be named (not Linux) or the priority
 * cannot be changed, it runs at the process's priority, as before (the
 * returned reason says why; nothing depends on it).
 */
export function lowerThisThreadPriority(niceness = STORAGE_THREAD_NICENESS): string | undefined {
  let threadId: number;
  try {
    // "<pid>/task/<tid>": the kernel's id of this very thread.
    threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return 'no /proc/thread-self (not Linux)';
  }
  if (!Number.isInteger(threadId) || threadId <= 0) return 'could not read the thread id';
  try {
    setPriority(threadId, niceness);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
