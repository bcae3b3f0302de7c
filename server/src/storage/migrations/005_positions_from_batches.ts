import type { Kysely } from 'kysely';

/**
 * `stream_positions` kept each stream's last stored seq in a row of its
 * own, rewritten with every group commit: one more scattered page per batch
 * through the WAL. The unique index of `event_batches` (session_id,
 * stream_id, seq) already answers "last stored seq" with one seek, so the
 * positions are read from there and the table goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('stream_positions').execute();
}
