import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Wrong join-code attempts per one-minute window, per agent and overall. In
 * the store rather than in a node's memory: with several nodes behind a load
 * balancer, per-node counters would let a guesser try N times as often.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('code_attempts')
    .addColumn('scope', 'text', (col) => col.primaryKey())
    .addColumn('window_start', bigint, (col) => col.notNull())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .execute();
}
