import type { LiveSession, QueueEntry } from '@tsunagi/shared';

/** Oldest first: the customer who waited longest is served first. */
export function sortQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Applies a `session:update` push to "my sessions": a session stays listed
 * while this user owns it and it has not ended.
 */
export function applySessionUpdate(mine: readonly LiveSession[], update: LiveSession, userId: string): LiveSession[] {
  const rest = mine.filter((session) => session.sessionId !== update.sessionId);
  if (update.status === 'ended' || update.owner?.userId !== userId) return rest;
  return [...rest, update].sort((a, b) => a.createdAt - b.createdAt);
}
