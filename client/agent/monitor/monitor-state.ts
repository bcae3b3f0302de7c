import type { LiveSession } from '@tsunagi/shared';

/** Oldest first, like the queue: the longest-running session is on top. */
export function sortLive(sessions: readonly LiveSession[]): LiveSession[] {
  return [...sessions].filter((session) => session.status !== 'ended').sort((a, b) => a.createdAt - b.createdAt);
}

/** Applies a `session:update` push to the supervisor's list: ended sessions leave it, others are added or replaced. */
export function applyMonitorUpdate(sessions: readonly LiveSession[], update: LiveSession): LiveSession[] {
  const rest = sessions.filter((session) => session.sessionId !== update.sessionId);
  return sortLive(update.status === 'ended' ? rest : [...rest, update]);
}
