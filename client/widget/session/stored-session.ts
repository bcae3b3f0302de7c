/**
 * The stored session's key and a quick look at it, with no schema library:
 * the loader (widget.js, on every page view) only needs to know whether this
 * site has a session to rejoin, so it can fetch the sharing code at once.
 * The sharing code validates what it finds in full (`loadSession` in
 * transport/persistence.ts) before it uses it.
 */
export const SESSION_KEY = 'tsunagi.session';

export function safeStorage(get: () => Storage): Storage | null {
  try {
    const storage = get();
    return storage ?? null;
  } catch {
    return null;
  }
}

/** Whether storage holds a session of the Tsunagi server at `origin` (shape only; see above). */
export function hasStoredSession(storage: Storage | null, origin: string): boolean {
  let raw: string | null = null;
  try {
    raw = storage ? storage.getItem(SESSION_KEY) : null;
  } catch {
    return false;
  }
  if (!raw) return false;
  try {
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== 'object') return false;
    const { sessionId, token, origin: stored } = value as Record<string, unknown>;
    return typeof sessionId === 'string' && typeof token === 'string' && stored === origin;
  } catch {
    return false;
  }
}
