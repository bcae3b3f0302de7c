import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ChatMessage, User } from '@tsunagi/shared';
import type { ChatMessagesTable, Database } from '../../storage/schema.ts';

const toMessage = (row: Selectable<ChatMessagesTable>): ChatMessage => ({
  id: row.id,
  sessionId: row.session_id,
  from: row.sender,
  authorName: row.author_name,
  authorRole: row.author_role,
  text: row.text,
  sentAt: row.sent_at,
});

/** The written conversation of a session, kept with it in the store, in order. */
export class ChatStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(sessionId: string, text: string, author: User | null, now: number): Promise<ChatMessage> {
    const row: Selectable<ChatMessagesTable> = {
      id: randomUUID(),
      session_id: sessionId,
      sender: author ? 'staff' : 'customer',
      author_id: author?.id ?? null,
      author_name: author?.displayName ?? null,
      author_role: author?.role ?? null,
      text,
      sent_at: now,
    };
    await this.db.insertInto('chat_messages').values(row).execute();
    return toMessage(row);
  }

  async list(sessionId: string): Promise<ChatMessage[]> {
    const rows = await this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('sent_at')
      .orderBy('id')
      .execute();
    return rows.map(toMessage);
  }
}
