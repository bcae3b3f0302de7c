import type { ChatMessage } from '@tsunagi/shared';

/**
 * The conversation as the widget holds it: every message once (history
 * reloads on each connect and page load, pushes, and our own sends'
 * acknowledgements all deliver the same message, told apart by id), in the
 * order the server stored them.
 */
export class ChatLog {
  private readonly byId = new Map<string, ChatMessage>();
  private list: ChatMessage[] = [];

  get messages(): readonly ChatMessage[] {
    return this.list;
  }

  /** Adds what is new; returns the new messages in order (empty if all were known). */
  merge(incoming: readonly ChatMessage[]): ChatMessage[] {
    const added: ChatMessage[] = [];
    for (const message of incoming) {
      if (this.byId.has(message.id)) continue;
      this.byId.set(message.id, message);
      added.push(message);
    }
    if (added.length === 0) return added;
    this.list = [...this.byId.values()].sort(byServerOrder);
    return added.sort(byServerOrder);
  }

  /** The newest message's time (server clock), or 0. */
  get latest(): number {
    return this.list[this.list.length - 1]?.sentAt ?? 0;
  }

  clear(): void {
    this.byId.clear();
    this.list = [];
  }
}

function byServerOrder(a: ChatMessage, b: ChatMessage): number {
  return a.sentAt - b.sentAt;
}

/**
 * Messages from the agent the customer has not seen yet: those from staff
 * sent after `readUpTo` (server time of the newest message seen with the
 * chat open). The customer's own messages are never unread.
 */
export function unreadCount(messages: readonly ChatMessage[], readUpTo: number): number {
  let count = 0;
  for (const message of messages) if (message.from === 'staff' && message.sentAt > readUpTo) count++;
  return count;
}
