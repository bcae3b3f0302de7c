import type { BatchOutcome, PendingBatch } from './batch-plan.ts';

/** Main thread → commit thread. */
export type CommitRequest = { type: 'commit'; id: number; batches: PendingBatch[] } | { type: 'close' };

/** Commit thread → main thread. */
export type CommitReply =
  /** `priorityNotSet`: why the thread runs at the process's CPU priority after all (see storage/thread-priority.ts). */
  | { type: 'ready'; priorityNotSet?: string }
  | { type: 'committed'; id: number; outcomes: BatchOutcome[] }
  | { type: 'failed'; id: number; message: string }
  | { type: 'fatal'; message: string };
