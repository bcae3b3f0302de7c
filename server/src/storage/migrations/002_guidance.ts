import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Chat with the session; remote-control state and the transfer note on the session. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('session_id', 'text', (col) => col.notNull().references('cobrowse_sessions.id').onDelete('cascade'))
    .addColumn('sender', 'text', (col) => col.notNull())
    .addColumn('author_id', 'text', (col) => col.references('users.id'))
    .addColumn('author_name', 'text')
    .addColumn('author_role', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('sent_at', bigint, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('chat_messages_session').on('chat_messages').columns(['session_id', 'sent_at']).execute();

  await db.schema.alterTable('cobrowse_sessions').addColumn('control_state', 'text', (col) => col.notNull().defaultTo('off')).execute();
  await db.schema.alterTable('cobrowse_sessions').addColumn('transfer_note', 'text').execute();
}
