import { CustomerHandshake, SessionId, StreamId, UnsentBatch } from '@tsunagi/shared';
import type { StreamBacklog } from './outbox.ts';
import { SESSION_KEY, safeStorage } from '../session/stored-session.ts';

export { SESSION_KEY, safeStorage };

/**
 * What survives a page load.
 *
 * - localStorage `tsunagi.session` {sessionId, token, origin}: shared by every
 *   tab of the site, so a new page or tab rejoins the session without asking
 *   for consent again. Cleared when the session ends.
 * - sessionStorage (this tab only): the unacknowledged batches of the page
 *   being left, keyed per stream, and the list of those streams, so the next
 *   page load in this tab resends them under their original (streamId, seq).
 *
 * Storage can be missing or throw (private modes, sandboxed frames, quota);
 * every access is guarded and a failure only costs continuity, never the page.
 */
export const RESUME_KEY = 'tsunagi.resume';
export const BACKLOG_PREFIX = 'tsunagi.pending.';
/** The server accepts at most this many resumed streams in one hello. */
const MAX_RESUMED_STREAMS = 20;

export interface StoredSession {
  sessionId: string;
  token: string;
  origin: string;
  /** Last time a tab heard from the server about it (local clock): tells a stale leftover from a live session. */
  seenAt: number;
}

export function loadSession(storage: Storage | null, origin: string): StoredSession | null {
  const raw = read(storage, SESSION_KEY);
  if (!raw) return null;
  const value = parseJson(raw) as Partial<StoredSession> | null;
  if (
    !value ||
    !SessionId.safeParse(value.sessionId).success ||
    !CustomerHandshake.safeParse({ token: value.token }).success ||
    value.origin !== origin
  ) {
    return null;
  }
  const seenAt = typeof value.seenAt === 'number' && Number.isFinite(value.seenAt) ? value.seenAt : 0;
  return { sessionId: value.sessionId!, token: value.token!, origin, seenAt };
}

export function saveSession(storage: Storage | null, session: StoredSession): void {
  write(storage, SESSION_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage | null): void {
  remove(storage, SESSION_KEY);
}

/** Persists the backlog of this page (pagehide). Returns false if storage refused it. */
export function saveBacklogs(storage: Storage | null, sessionId: string, backlogs: StreamBacklog[]): boolean {
  if (!storage) return false;
  clearBacklogs(storage);
  const kept = backlogs.slice(-MAX_RESUMED_STREAMS);
  let ok = true;
  const saved: string[] = [];
  for (const backlog of kept) {
    if (write(storage, BACKLOG_PREFIX + backlog.streamId, JSON.stringify({ sessionId, batches: backlog.batches }))) {
      saved.push(backlog.streamId);
    } else {
      ok = false;
    }
  }
  if (saved.length > 0) ok = write(storage, RESUME_KEY, JSON.stringify({ sessionId, streamIds: saved })) && ok;
  return ok && kept.length === backlogs.length;
}

/** Reads (and removes) the backlogs an earlier page of this tab left for `sessionId`. */
export function takeBacklogs(storage: Storage | null, sessionId: string): StreamBacklog[] {
  const index = parseJson(read(storage, RESUME_KEY) ?? '') as { sessionId?: unknown; streamIds?: unknown } | null;
  const streamIds = index && index.sessionId === sessionId && Array.isArray(index.streamIds) ? index.streamIds : [];
  const backlogs: StreamBacklog[] = [];
  for (const streamId of streamIds.slice(0, MAX_RESUMED_STREAMS)) {
    if (!StreamId.safeParse(streamId).success) continue;
    const entry = parseJson(read(storage, BACKLOG_PREFIX + String(streamId)) ?? '') as { sessionId?: unknown; batches?: unknown } | null;
    if (!entry || entry.sessionId !== sessionId || !Array.isArray(entry.batches)) continue;
    const batches = entry.batches.flatMap((b) => {
      const parsed = UnsentBatch.safeParse(b);
      return parsed.success && parsed.data.streamId === streamId ? [parsed.data] : [];
    });
    if (batches.length > 0) backlogs.push({ streamId: streamId as string, batches });
  }
  clearBacklogs(storage);
  return backlogs;
}

/** Removes every backlog this tab holds (session ended, or taken back). */
export function clearBacklogs(storage: Storage | null): void {
  if (!storage) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key && (key.startsWith(BACKLOG_PREFIX) || key === RESUME_KEY)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage unavailable: nothing to clear.
  }
}

function read(storage: Storage | null, key: string): string | null {
  try {
    return storage ? storage.getItem(key) : null;
  } catch {
    return null;
  }
}

function write(storage: Storage | null, key: string, value: string): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

function remove(storage: Storage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // ignore
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
