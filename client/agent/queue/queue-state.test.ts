import { describe, expect, it } from 'vitest';
import type { LiveSession } from '@tsunagi/shared';
import { liveSession } from '../test-support/live-session.ts';
import { applySessionUpdate, sortQueue } from './queue-state.ts';

const session = (id: string, over: Partial<LiveSession> = {}): LiveSession => liveSession({ sessionId: id, ...over });

describe('queue state', () => {
  it('sorts the queue oldest first', () => {
    const entry = (id: string, createdAt: number) => ({ sessionId: id, createdAt, pageTitle: '', pageUrl: '', lang: 'ja' as const, transferNote: null });
    expect(sortQueue([entry('b', 20), entry('a', 10)]).map((e) => e.sessionId)).toEqual(['a', 'b']);
  });

  it('keeps my open sessions current and drops ended or transferred ones', () => {
    let mine = [session('s1')];
    mine = applySessionUpdate(mine, session('s1', { customerConnected: false }), 'me');
    expect(mine[0]?.customerConnected).toBe(false);
    mine = applySessionUpdate(mine, session('s2', { createdAt: 500 }), 'me');
    expect(mine.map((s) => s.sessionId)).toEqual(['s2', 's1']);
    mine = applySessionUpdate(mine, session('s1', { status: 'ended' }), 'me');
    expect(mine.map((s) => s.sessionId)).toEqual(['s2']);
    mine = applySessionUpdate(mine, session('s2', { owner: { userId: 'other', displayName: 'O' } }), 'me');
    expect(mine).toEqual([]);
  });
});
