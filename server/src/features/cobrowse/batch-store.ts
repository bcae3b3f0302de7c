import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import type { ActivityTouches } from './activity-touches.ts';
import { planGroup, streamKey, streamsOf, type BatchOutcome, type PendingBatch, type StorableBatch } from './batch-plan.ts';

export type { BatchOutcome, PendingBatch } from './batch-plan.ts';

const ROWS_PER_INSERT = 200;

/**
 * Writes one group of batches and their bookkeeping in one transaction,
 * through Kysely: PostgreSQL's path (and in-memory SQLite's). The SQLite
 * file database has its own thread (sqlite-batch-commit.ts); both decide
 * what to store with `planGroup`. Resolves to one outcome per batch.
 */
export async function commitBatchGroup(
  db: Kysely<Database>,
  touches: ActivityTouches,
  batches: readonly PendingBatch[],
): Promise<BatchOutcome[]> {
  const { outcomes, touched } = await db.transaction().execute(async (trx) => {
    const { rows: storable, outcomes } = planGroup(batches, await storedPositions(trx, batches));
    for (let i = 0; i < storable.length; i += ROWS_PER_INSERT) {
      const rows = storable.slice(i, i + ROWS_PER_INSERT).map((batch) => ({
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
    if (storable.length === 0) return { outcomes, touched: new Map<string, number>() };
    const streams = summarise(storable);
    // Every batch of one group commit arrived within `flushMs` of the
    // others: the group's latest time stands for all of its due sessions,
    // so they take one statement.
    const touched = touches.due(latestTimes(streams));
    const sessionIds = [...touched.keys()];
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
    return { outcomes, touched };
  });
  touches.written(touched, Date.now());
  return outcomes;
}

/**
 * The last stored seq of every stream in the group (sessions have a handful
 * of streams), read from the batches themselves: the unique index
 * (session_id, stream_id, seq) gives each stream's maximum directly.
 */
async function storedPositions(db: Kysely<Database>, batches: readonly PendingBatch[]): Promise<Map<string, number>> {
  const sessionIds = [...new Set(batches.map((batch) => batch.sessionId))];
  const wanted = new Set(streamsOf(batches).map((s) => streamKey(s.sessionId, s.streamId)));
  const positions = new Map<string, number>();
  for (let i = 0; i < sessionIds.length; i += ROWS_PER_INSERT * 2) {
    const rows = await db
      .selectFrom('event_batches')
      .select((eb) => ['session_id', 'stream_id', eb.fn.max('seq').as('last_seq')])
      .where('session_id', 'in', sessionIds.slice(i, i + ROWS_PER_INSERT * 2))
      .groupBy(['session_id', 'stream_id'])
      .execute();
    for (const row of rows) {
      const key = streamKey(row.session_id, row.stream_id);
      if (wanted.has(key)) positions.set(key, Number(row.last_seq));
    }
  }
  return positions;
}

export interface StreamSummary {
  sessionId: string;
  streamId: string;
  lastSeq: number;
  lastReceivedAt: number;
  checkpointSeq: number | undefined;
}

/** Each session's latest batch time in a group. */
export function latestTimes(streams: readonly StreamSummary[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const s of streams) times.set(s.sessionId, Math.max(times.get(s.sessionId) ?? 0, s.lastReceivedAt));
  return times;
}

/** One row of bookkeeping per stream per flush, not per batch. */
export function summarise(batches: readonly StorableBatch[]): StreamSummary[] {
  const byStream = new Map<string, StreamSummary>();
  for (const batch of batches) {
    const key = streamKey(batch.sessionId, batch.streamId);
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
