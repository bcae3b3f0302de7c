import { describe, expect, it } from 'vitest';
import {
  BACKLOG_PREFIX,
  RESUME_KEY,
  SESSION_KEY,
  clearSession,
  loadSession,
  saveBacklogs,
  saveSession,
  takeBacklogs,
} from './persistence.ts';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  quota = Infinity;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new Error('QuotaExceededError');
    this.map.set(key, value);
  }
}

const SESSION = '6f1c7a52-3b8e-4c1e-9a51-2d4a3c5b7e90';
const OTHER = '0b1c7a52-3b8e-4c1e-9a51-2d4a3c5b7e91';
const batch = (streamId: string, seq: number) => ({ streamId, seq, events: [{ type: 3, timestamp: 1, data: { seq } }] });

describe('session record', () => {
  it('round-trips and is only valid for the same server origin', () => {
    const s = new MemoryStorage();
    saveSession(s, { sessionId: SESSION, token: 'token-abcdefghij', origin: 'https://a.example', seenAt: 5 });
    expect(loadSession(s, 'https://a.example')).toEqual({ sessionId: SESSION, token: 'token-abcdefghij', origin: 'https://a.example', seenAt: 5 });
    expect(loadSession(s, 'https://b.example')).toBeNull();
    clearSession(s);
    expect(loadSession(s, 'https://a.example')).toBeNull();
  });

  it('ignores garbage and works without storage', () => {
    const s = new MemoryStorage();
    s.setItem(SESSION_KEY, '{not json');
    expect(loadSession(s, 'https://a.example')).toBeNull();
    s.setItem(SESSION_KEY, JSON.stringify({ sessionId: 'nope', token: 'x', origin: 'https://a.example' }));
    expect(loadSession(s, 'https://a.example')).toBeNull();
    expect(loadSession(null, 'https://a.example')).toBeNull();
    expect(() => saveSession(null, { sessionId: SESSION, token: 't', origin: 'o', seenAt: 0 })).not.toThrow();
  });
});

describe('backlogs across page loads', () => {
  it('are handed to the next page of the same session once, then gone', () => {
    const s = new MemoryStorage();
    expect(saveBacklogs(s, SESSION, [{ streamId: 'streamAAAA1', batches: [batch('streamAAAA1', 3), batch('streamAAAA1', 4)] }])).toBe(true);
    expect(s.getItem(BACKLOG_PREFIX + 'streamAAAA1')).not.toBeNull();
    expect(takeBacklogs(s, SESSION)).toEqual([{ streamId: 'streamAAAA1', batches: [batch('streamAAAA1', 3), batch('streamAAAA1', 4)] }]);
    expect(takeBacklogs(s, SESSION)).toEqual([]);
    expect(s.length).toBe(0);
  });

  it('are not handed to another session', () => {
    const s = new MemoryStorage();
    saveBacklogs(s, SESSION, [{ streamId: 'streamAAAA1', batches: [batch('streamAAAA1', 1)] }]);
    expect(takeBacklogs(s, OTHER)).toEqual([]);
    expect(s.getItem(RESUME_KEY)).toBeNull();
  });

  it('drop invalid batches and report a storage that refuses them', () => {
    const s = new MemoryStorage();
    s.quota = 50;
    expect(saveBacklogs(s, SESSION, [{ streamId: 'streamAAAA1', batches: [batch('streamAAAA1', 1)] }])).toBe(false);
    s.quota = Infinity;
    s.setItem(RESUME_KEY, JSON.stringify({ sessionId: SESSION, streamIds: ['streamAAAA1', 'bad id!'] }));
    s.setItem(BACKLOG_PREFIX + 'streamAAAA1', JSON.stringify({ sessionId: SESSION, batches: [batch('streamAAAA1', 1), { seq: 'x' }] }));
    expect(takeBacklogs(s, SESSION)).toEqual([{ streamId: 'streamAAAA1', batches: [batch('streamAAAA1', 1)] }]);
  });
});
