import type SQLite from 'better-sqlite3';
import type { ActivityTouches } from './activity-touches.ts';
import { planGroup, streamKey, streamsOf, type BatchOutcome, type PendingBatch } from './batch-plan.ts';
import { latestTimes, summarise } from './batch-store.ts';

/**
 * `commitBatchGroup` for the SQLite commit thread, on prepared statements of
 * better-sqlite3 rather than Kysely: the same rows and the same bookkeeping
 * (the integration suite checks both through the server on its two
 * databases; `planGroup` decides for both what is stored), without building queries per group, and without loading Kysely
 * into the thread (half a second of start-up under tsx).
 */
export function sqliteGroupCommit(
  sqlite: SQLite.Database,
  touches: ActivityTouches,
): (batches: readonly PendingBatch[]) => BatchOutcome[] {
  // The unique index (session_id, stream_id, seq) answers this with one seek.
  const selectPosition = sqlite.prepare<[string, string], { last_seq: number | null }>(
    'SELECT max(seq) AS last_seq FROM event_batches WHERE session_id = ? AND stream_id = ?',
  );
  const insertBatch = sqlite.prepare(
    `INSERT INTO event_batches (session_id, stream_id, seq, received_at, has_full_snapshot, events, bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (session_id, stream_id, seq) DO NOTHING`,
  );
  const touchSession = sqlite.prepare('UPDATE cobrowse_sessions SET last_activity_at = ? WHERE id = ?');
  const moveCheckpoint = sqlite.prepare('UPDATE cobrowse_sessions SET checkpoint_stream_id = ?, checkpoint_seq = ? WHERE id = ?');

  const transaction = sqlite.transaction((batches: readonly PendingBatch[]): { outcomes: BatchOutcome[]; touched: Map<string, number> } => {
    const positions = new Map<string, number>();
    for (const { sessionId, streamId } of streamsOf(batches)) {
      const row = selectPosition.get(sessionId, streamId);
      if (row?.last_seq != null) positions.set(streamKey(sessionId, streamId), row.last_seq);
    }
    const { rows, outcomes } = planGroup(batches, positions);
    for (const b of rows) {
      insertBatch.run(b.sessionId, b.streamId, b.seq, b.receivedAt, b.hasFullSnapshot ? 1 : 0, b.json, b.json.length);
    }
    const streams = summarise(rows);
    const touched = touches.due(latestTimes(streams));
    for (const [sessionId, at] of touched) touchSession.run(at, sessionId);
    for (const s of streams) {
      if (s.checkpointSeq !== undefined) moveCheckpoint.run(s.streamId, s.checkpointSeq, s.sessionId);
    }
    return { outcomes, touched };
  });
  return (batches) => {
    // IMMEDIATE: the write lock is taken (or waited for, busy_timeout) at BEGIN.
    // A deferred transaction reads the positions first and upgrades to a writer
    // at its first INSERT; if the main thread's connection committed in
    // between, SQLite refuses that upgrade at once with "database is locked"
    // (its snapshot is stale, so waiting cannot help) and the group failed.
    const { outcomes, touched } = transaction.immediate(batches);
    touches.written(touched, Date.now());
    return outcomes;
  };
}
