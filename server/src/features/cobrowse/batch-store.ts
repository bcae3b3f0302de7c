import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';

/** A customer batch accepted by the sequencer, waiting for its group commit. */
export interface PendingBatch {
  sessionId: string;
  streamId: string;
  seq: number;
  receivedAt: number;
  hasFullSnapshot: boolean;
  /** The events as JSON text, exactly as stored. */
  json: string;
}

const ROWS_PER_INSERT = 200;

/**
 * Writes one group of batches and their bookkeeping in one transaction.
 * Duplicates (a resend after a lost ack) are ignored by the
 * (session, stream, seq) unique key. Runs wherever the database connection
 * lives: the main thread for PostgreSQL, the commit thread for SQLite.
 */
export async function commitBatchGroup(db: Kysely<Database>, batches: readonly PendingBatch[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < batches.length; i += ROWS_PER_INSERT) {
      const rows = batches.slice(i, i + ROWS_PER_INSERT).map((batch) => ({
        session_id: batch.sessionId,
        stream_id: batch.streamId,
        seq: batch.seq,
        received_at: batch.receivedAt,
        has_full_snapshot: batch.hasFullSnapshot ? 1 : 0,
        events: batch.json,
        bytes: batch.json.length,
      }));
      await trx
        .insertInto('event_batches')
        .values(rows)
        .onConflict((oc) => oc.columns(['session_id', 'stream_id', 'seq']).doNothing())
        .execute();
    }
    // Bookkeeping in a few multi-row statements per flush, not two per
    // stream: at a thousand sessions per-statement overhead (query
    // building, prepare) was most of the server's storage time.
    const streams = summarise(batches);
    for (let i = 0; i < streams.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('stream_positions')
        .values(streams.slice(i, i + ROWS_PER_INSERT).map((s) => ({ session_id: s.sessionId, stream_id: s.streamId, last_seq: s.lastSeq })))
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'stream_id'])
            .doUpdateSet({ last_seq: (eb) => eb.ref('excluded.last_seq') })
            .where('stream_positions.last_seq', '<', (eb) => eb.ref('excluded.last_seq')),
        )
        .execute();
    }
    // Every batch of one group commit arrived within `flushMs` of the
    // others: the group's latest time stands for all of its sessions.
    const sessionIds = [...new Set(streams.map((s) => s.sessionId))];
    const lastActivityAt = Math.max(...streams.map((s) => s.lastReceivedAt));
    for (let i = 0; i < sessionIds.length; i += ROWS_PER_INSERT * 2) {
      await trx
        .updateTable('cobrowse_sessions')
        .set({ last_activity_at: lastActivityAt })
        .where('id', 'in', sessionIds.slice(i, i + ROWS_PER_INSERT * 2))
        .execute();
    }
    // Full snapshots are rare (page loads, checkouts): one statement each.
    for (const summary of streams) {
      if (summary.checkpointSeq === undefined) continue;
      await trx
        .updateTable('cobrowse_sessions')
        .set({ checkpoint_stream_id: summary.streamId, checkpoint_seq: summary.checkpointSeq })
        .where('id', '=', summary.sessionId)
        .execute();
    }
  });
}

export interface StreamSummary {
  sessionId: string;
  streamId: string;
  lastSeq: number;
  lastReceivedAt: number;
  checkpointSeq: number | undefined;
}

/** One row of bookkeeping per stream per flush, not per batch. */
export function summarise(batches: readonly PendingBatch[]): StreamSummary[] {
  const byStream = new Map<string, StreamSummary>();
  for (const batch of batches) {
    const key = `${batch.sessionId}\u0000${batch.streamId}`;
    const summary = byStream.get(key) ?? {
      sessionId: batch.sessionId,
      streamId: batch.streamId,
      lastSeq: 0,
      lastReceivedAt: 0,
      checkpointSeq: undefined,
    };
    summary.lastSeq = Math.max(summary.lastSeq, batch.seq);
    summary.lastReceivedAt = Math.max(summary.lastReceivedAt, batch.receivedAt);
    if (batch.hasFullSnapshot) summary.checkpointSeq = Math.max(summary.checkpointSeq ?? 0, batch.seq);
    byStream.set(key, summary);
  }
  return [...byStream.values()];
}
