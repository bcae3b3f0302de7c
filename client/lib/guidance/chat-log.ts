import type { ChatMessage } from '@tsunagi/shared';

/**
 * Adds messages to a conversation: each id once (the history after a
 * reconnect overlaps the pushes we already have), oldest first by the
 * server's time. Returns the same array when nothing was new, so React can
 * skip a render.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  const known = new Set(current.map((message) => message.id));
  const fresh = incoming.filter((message) => {
    if (known.has(message.id)) return false;
    known.add(message.id);
    return true;
  });
  if (fresh.length === 0) return current;
  return [...current, ...fresh].sort((a, b) => a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Messages that count as unread: written by someone else (the customer, or
 * for a supervisor anyone) and arrived while the conversation was not in
 * view — the panel collapsed or the tab hidden.
 */
export function countUnread(
  unread: number,
  arrived: readonly Pick<ChatMessage, 'from'>[],
  options: { inView: boolean; ownSide: ChatMessage['from'] | null },
): number {
  if (options.inView) return 0;
  return unread + arrived.filter((message) => message.from !== options.ownSide).length;
}

/** HH:mm on a 24-hour clock in the given time zone (the browser's by default). */
export function formatChatTime(sentAt: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(sentAt);
  const hour = parts.find((part) => part.type === 'hour')?.value ?? '00';
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}
