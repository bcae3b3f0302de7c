import { describe, expect, it } from 'vitest';
import type { LiveSession } from '@tsunagi/shared';
import { liveSession } from '../test-support/live-session.ts';
import { applyMonitorUpdate, sortLive } from './monitor-state.ts';

const session = (n: number, over: Partial<LiveSession> = {}): LiveSession =>
  liveSession({
    sessionId: `00000000-0000-4000-8000-00000000000${n}`,
    createdAt: n * 1000,
    owner: { userId: 'u1', displayName: '佐藤 花子' },
    ...over,
  });

describe('the supervisor list of live sessions', () => {
  it('lists open sessions oldest first', () => {
    expect(sortLive([session(3), session(1), session(2, { status: 'ended' })]).map((s) => s.createdAt)).toEqual([1000, 3000]);
  });

  it('adds new sessions and replaces changed ones', () => {
    const list = [session(1), session(3)];
    const added = applyMonitorUpdate(list, session(2, { status: 'waiting', owner: null }));
    expect(added.map((s) => s.createdAt)).toEqual([1000, 2000, 3000]);
    const changed = applyMonitorUpdate(added, session(2, { owner: { userId: 'u2', displayName: '鈴木 一郎' } }));
    expect(changed).toHaveLength(3);
    expect(changed[1]?.owner?.displayName).toBe('鈴木 一郎');
  });

  it('drops sessions that ended', () => {
    expect(applyMonitorUpdate([session(1), session(2)], session(1, { status: 'ended' })).map((s) => s.createdAt)).toEqual([2000]);
  });
});
