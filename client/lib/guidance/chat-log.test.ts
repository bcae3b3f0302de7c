import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@tsunagi/shared';
import { countUnread, formatChatTime, mergeMessages } from './chat-log.ts';

const message = (id: string, sentAt: number, from: ChatMessage['from'] = 'customer'): ChatMessage => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  sessionId: '0b7c1a52-8f1e-4c55-9f1d-2a3b4c5d6e7f',
  from,
  authorName: from === 'staff' ? '佐藤 花子' : null,
  authorRole: from === 'staff' ? 'agent' : null,
  text: `message ${id}`,
  sentAt,
});

describe('chat log', () => {
  it('merges history and pushes once each, oldest first', () => {
    const pushed = [message('3', 300), message('1', 100)];
    const history = [message('1', 100), message('2', 200), message('3', 300)];
    const merged = mergeMessages(mergeMessages([], pushed), history);
    expect(merged.map((m) => m.sentAt)).toEqual([100, 200, 300]);
  });

  it('returns the same array when nothing is new', () => {
    const current = [message('1', 100)];
    expect(mergeMessages(current, [message('1', 100)])).toBe(current);
  });

  it('orders messages of the same millisecond by id', () => {
    expect(mergeMessages([message('2', 100)], [message('1', 100)]).map((m) => m.id.at(-1))).toEqual(['1', '2']);
  });

  it('counts what the other side wrote while the chat was out of view', () => {
    const arrived = [message('1', 1), message('2', 2, 'staff')];
    expect(countUnread(0, arrived, { inView: false, ownSide: 'staff' })).toBe(1);
    expect(countUnread(2, arrived, { inView: false, ownSide: 'staff' })).toBe(3);
    expect(countUnread(2, arrived, { inView: true, ownSide: 'staff' })).toBe(0);
    // A monitoring supervisor writes nothing: everything is the others'.
    expect(countUnread(0, arrived, { inView: false, ownSide: null })).toBe(2);
  });

  it('shows the time as HH:mm on a 24-hour clock', () => {
    const at = Date.UTC(2025, 3, 1, 14, 5);
    expect(formatChatTime(at, 'Asia/Tokyo')).toBe('23:05');
    expect(formatChatTime(at, 'UTC')).toBe('14:05');
    expect(formatChatTime(Date.UTC(2025, 3, 1, 15, 0), 'Asia/Tokyo')).toBe('00:00');
  });
});
