import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', bigint, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('login_sessions')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', bigint, (col) => col.notNull())
    .addColumn('expires_at', bigint, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('cobrowse_sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('code', 'text')
    .addColumn('code_expires_at', bigint)
    .addColumn('owner_id', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', bigint, (col) => col.notNull())
    .addColumn('consented_at', bigint, (col) => col.notNull())
    .addColumn('ended_at', bigint)
    .addColumn('ended_reason', 'text')
    .addColumn('page_url', 'text', (col) => col.notNull())
    .addColumn('page_title', 'text', (col) => col.notNull())
    .addColumn('page_lang', 'text', (col) => col.notNull())
    .addColumn('viewport_width', 'integer', (col) => col.notNull())
    .addColumn('viewport_height', 'integer', (col) => col.notNull())
    .addColumn('customer_disconnected_at', bigint)
    .addColumn('last_activity_at', bigint, (col) => col.notNull())
    .addColumn('checkpoint_stream_id', 'text')
    .addColumn('checkpoint_seq', 'integer')
    .execute();
  // A code identifies one live session at a time; ended sessions give theirs up.
  await db.schema
    .createIndex('cobrowse_sessions_live_code')
    .on('cobrowse_sessions')
    .column('code')
    .unique()
    .where(sql.ref('status'), '<>', 'ended')
    .execute();
  await db.schema.createIndex('cobrowse_sessions_status').on('cobrowse_sessions').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('stream_positions')
    .addColumn('session_id', 'text', (col) => col.notNull().references('cobrowse_sessions.id').onDelete('cascade'))
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('last_seq', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('stream_positions_pk', ['session_id', 'stream_id'])
    .execute();

  await db.schema
    .createTable('event_batches')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (col) =>
      dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
    )
    .addColumn('session_id', 'text', (col) => col.notNull().references('cobrowse_sessions.id').onDelete('cascade'))
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('received_at', bigint, (col) => col.notNull())
    .addColumn('has_full_snapshot', 'integer', (col) => col.notNull())
    .addColumn('events', 'text', (col) => col.notNull())
    .addColumn('bytes', 'integer', (col) => col.notNull())
    .addUniqueConstraint('event_batches_stream_seq', ['session_id', 'stream_id', 'seq'])
    .execute();
}
