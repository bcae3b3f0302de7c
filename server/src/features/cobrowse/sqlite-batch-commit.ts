import type SQLite from 'better-sqlite3';
import { summarise, type PendingBatch } from './batch-store.ts';

/**
 * `commitBatchGroup` for the SQLite commit thread, on prepared statements of
 * better-sqlite3 rather than Kysely: the same rows and the same bookkeeping
 * (the integration suite checks both through the server on its two
 * databases), without building queries per group, and without loading Kysely
 * into the thread (half a second of start-up under tsx).
 */
export function sqliteGroupCommit(sqlite: SQLite.Database): (batches: readonly PendingBatch[]) => void {
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

  return sqlite.transaction((batches: readonly PendingBatch[]) => {
    for (const b of batches) {
      insertBatch.run(b.sessionId, b.streamId, b.seq, b.receivedAt, b.hasFullSnapshot ? 1 : 0, b.json, b.json.length);
    }
    const streams = summarise(batches);
    // As in commitBatchGroup: the group's latest time stands for all of its sessions.
    const lastActivityAt = Math.max(...streams.map((s) => s.lastReceivedAt));
    const touched = new Set<string>();
    for (const s of streams) {
      upsertPosition.run(s.sessionId, s.streamId, s.lastSeq);
      if (!touched.has(s.sessionId)) touchSession.run(lastActivityAt, s.sessionId);
      touched.add(s.sessionId);
      if (s.checkpointSeq !== undefined) moveCheckpoint.run(s.streamId, s.checkpointSeq, s.sessionId);
    }
  });
}
