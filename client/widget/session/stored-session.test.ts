import { describe, expect, it } from 'vitest';
import { SESSION_KEY, hasStoredSession } from './stored-session.ts';

function storage(value: string | null): Storage {
  return { getItem: (key: string) => (key === SESSION_KEY ? value : null) } as Storage;
}

const ORIGIN = 'https://tsunagi.example.jp';

describe('hasStoredSession (the loader’s quick look)', () => {
  it('sees a session of this Tsunagi server', () => {
    expect(hasStoredSession(storage(JSON.stringify({ sessionId: 's1', token: 't1', origin: ORIGIN, seenAt: 1 })), ORIGIN)).toBe(true);
  });

  it('ignores a session of another server, a malformed entry, or none', () => {
    expect(hasStoredSession(storage(JSON.stringify({ sessionId: 's1', token: 't1', origin: 'https://other.example' })), ORIGIN)).toBe(false);
    expect(hasStoredSession(storage(JSON.stringify({ sessionId: 1, token: 't1', origin: ORIGIN })), ORIGIN)).toBe(false);
    expect(hasStoredSession(storage('{not json'), ORIGIN)).toBe(false);
    expect(hasStoredSession(storage('null'), ORIGIN)).toBe(false);
    expect(hasStoredSession(storage(null), ORIGIN)).toBe(false);
    expect(hasStoredSession(null, ORIGIN)).toBe(false);
  });

  it('treats storage that throws as empty', () => {
    const throwing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    expect(hasStoredSession(throwing, ORIGIN)).toBe(false);
  });
});
