import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The customer's tabs: which stream each tab shows now, its page, whether it
 * is shown, and when the customer last turned to it (the active tab is the
 * latest). Connectedness is read from the live sockets; the times here say
 * how long a tab has been away, across restarts.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('customer_tabs')
    .addColumn('session_id', 'text', (col) => col.notNull().references('cobrowse_sessions.id').onDelete('cascade'))
    .addColumn('tab_id', 'text', (col) => col.notNull())
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('page_url', 'text', (col) => col.notNull())
    .addColumn('page_title', 'text', (col) => col.notNull())
    .addColumn('visible', 'integer', (col) => col.notNull())
    .addColumn('opened_at', bigint, (col) => col.notNull())
    .addColumn('activated_at', bigint)
    .addColumn('disconnected_at', bigint)
    .addPrimaryKeyConstraint('customer_tabs_pk', ['session_id', 'tab_id'])
    .execute();
}
