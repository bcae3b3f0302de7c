import type SQLite from 'better-sqlite3';
import { planGroup, streamKey, streamsOf, type BatchOutcome, type PendingBatch } from './batch-plan.ts';
import { summarise } from './batch-store.ts';

/**
 * `commitBatchGroup` for the SQLite commit thread, on prepared statements of
 * better-sqlite3 rather than Kysely: the same rows and the same bookkeeping
 * (the integration suite checks both through the server on its two
 * databases; `planGroup` decides for both what is stored), without building queries per group, and without loading Kysely
 * into the thread (half a second of start-up under tsx).
 */
export function sqliteGroupCommit(sqlite: SQLite.Database): (batches: readonly PendingBatch[]) => BatchOutcome[] {
  const selectPosition = sqlite
    .prepare<[string, string], { last_seq: number }>('SELECT last_seq FROM stream_positions WHERE session_id = ? AND stream_id = ?');
  const insertBatch = sqlite.prepare(
    `INSERT INTO event_batches (session_id, stream_id, seq, received_at, has_full_snapshot, events, bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (session_id, stream_id, seq) DO NOTHING`,
  );
  const upsertPosition = sqlite.prepare(
    `INSERT INTO stream_positions (session_id, stream_id, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (session_id, stream_id) DO UPDATE SET last_seq = excluded.last_seq
     WHERE stream_positions.last_seq < excluded.last_seq`,
  );
  const touchSession = sqlite.prepare('UPDATE cobrowse_sessions SET last_activity_at = ? WHERE id = ?');
  const moveCheckpoint = sqlite.prepare('UPDATE cobrowse_sessions SET checkpoint_stream_id = ?, checkpoint_seq = ? WHERE id = ?');

  return sqlite.transaction((batches: readonly PendingBatch[]): BatchOutcome[] => {
    const positions = new Map<string, number>();
    for (const { sessionId, streamId } of streamsOf(batches)) {
      const row = selectPosition.get(sessionId, streamId);
      if (row) positions.set(streamKey(sessionId, streamId), row.last_seq);
    }
    const { rows, outcomes } = planGroup(batches, positions);
    for (const b of rows) {
      insertBatch.run(b.sessionId, b.streamId, b.seq, b.receivedAt, b.hasFullSnapshot ? 1 : 0, b.json, b.json.length);
    }
    if (rows.length === 0) return outcomes;
    const streams = summarise(rows);
    // As in commitBatchGroup: the group's latest time stands for all of its sessions.
    const lastActivityAt = Math.max(...streams.map((s) => s.lastReceivedAt));
    const touched = new Set<string>();
    for (const s of streams) {
      upsertPosition.run(s.sessionId, s.streamId, s.lastSeq);
      if (!touched.has(s.sessionId)) touchSession.run(lastActivityAt, s.sessionId);
      touched.add(s.sessionId);
      if (s.checkpointSeq !== undefined) moveCheckpoint.run(s.streamId, s.checkpointSeq, s.sessionId);
    }
    return outcomes;
  });
}
