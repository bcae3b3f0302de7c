import { useCallback, useEffect, useState } from 'react';
import type { LiveSession, QueueEntry } from '@tsunagi/shared';
import { toRequestError, type RequestError } from '../../lib/errors.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';
import { applySessionUpdate, sortQueue } from './queue-state.ts';

export interface QueueState {
  /** null until the first subscribe answers. */
  waiting: QueueEntry[] | null;
  mine: LiveSession[];
  error: RequestError | null;
  /**
   * Asks again. After a transfer the server tells the new owner, not us;
   * this is how "my sessions" lets go of the session we handed over.
   */
  refresh: () => void;
}

/**
 * The live queue and this user's open sessions. `queue:subscribe` answers
 * with both and is sent again after every reconnect (the server forgets a
 * dropped socket's subscriptions); `queue` pushes replace the waiting list.
 */
export function useQueue(socket: AgentSocket, userId: string): QueueState {
  const [waiting, setWaiting] = useState<QueueEntry[] | null>(null);
  const [mine, setMine] = useState<LiveSession[]>([]);
  const [error, setError] = useState<RequestError | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let closed = false;
    const offQueue = socket.on('queue', (push) => setWaiting(sortQueue(push.waiting)));
    const offUpdate = socket.on('session:update', (update) => setMine((current) => applySessionUpdate(current, update, userId)));
    const offConnected = socket.onConnected(() => {
      socket
        .request('queue:subscribe', {})
        .then((snapshot) => {
          if (closed) return;
          setWaiting(sortQueue(snapshot.waiting));
          setMine(snapshot.mine.filter((session) => session.status !== 'ended'));
          setError(null);
        })
        .catch((caught: unknown) => {
          if (!closed) setError(toRequestError(caught));
        });
    });
    return () => {
      closed = true;
      offQueue();
      offUpdate();
      offConnected();
    };
  }, [socket, userId, round]);

  const refresh = useCallback(() => setRound((current) => current + 1), []);

  return { waiting, mine, error, refresh };
}
