import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@tsunagi/shared';
import { ChatLog, unreadCount } from './chat-log.ts';

const SESSION = '11111111-1111-4111-8111-111111111111';
let n = 0;
function msg(from: ChatMessage['from'], sentAt: number, text = `m${++n}`): ChatMessage {
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return { id, sessionId: SESSION, from, authorName: from === 'staff' ? '佐藤 花子' : null, authorRole: from === 'staff' ? 'agent' : null, text, sentAt };
}

describe('ChatLog', () => {
  it('keeps each message once, whichever way it arrives (history, push, own send)', () => {
    const log = new ChatLog();
    const a = msg('staff', 1000, 'こんにちは');
    const b = msg('customer', 2000, 'はい');
    expect(log.merge([a])).toEqual([a]);
    // The push of our own message and the acknowledgement of the send both deliver it.
    expect(log.merge([b])).toEqual([b]);
    expect(log.merge([b])).toEqual([]);
    // A history reload after a reconnect repeats everything.
    expect(log.merge([a, b])).toEqual([]);
    expect(log.messages.map((m) => m.text)).toEqual(['こんにちは', 'はい']);
  });

  it('orders by server time, also when a missed message arrives late', () => {
    const log = new ChatLog();
    const first = msg('staff', 1000);
    const third = msg('staff', 3000);
    const second = msg('customer', 2000);
    log.merge([first, third]);
    expect(log.merge([first, second, third])).toEqual([second]);
    expect(log.messages).toEqual([first, second, third]);
    expect(log.latest).toBe(3000);
    log.clear();
    expect(log.messages).toEqual([]);
    expect(log.latest).toBe(0);
  });
});

describe('unreadCount', () => {
  it('counts only the agent’s messages after the last one read', () => {
    const messages = [msg('staff', 1000), msg('customer', 1500), msg('staff', 2000), msg('staff', 3000), msg('customer', 4000)];
    expect(unreadCount(messages, 0)).toBe(3);
    expect(unreadCount(messages, 2000)).toBe(1);
    expect(unreadCount(messages, 3000)).toBe(0);
    expect(unreadCount([], 0)).toBe(0);
  });
});
