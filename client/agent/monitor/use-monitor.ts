import { useEffect, useState } from 'react';
import type { LiveSession } from '@tsunagi/shared';
import { toRequestError, type RequestError } from '../../lib/errors.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';
import { applyMonitorUpdate, sortLive } from './monitor-state.ts';

export interface MonitorState {
  /** null until the first answer. */
  sessions: LiveSession[] | null;
  error: RequestError | null;
}

/**
 * Every live session, for a supervisor: `monitor:subscribe` (again after
 * every reconnect) and the `session:update` pushes the monitor room gets.
 */
export function useMonitor(socket: AgentSocket): MonitorState {
  const [sessions, setSessions] = useState<LiveSession[] | null>(null);
  const [error, setError] = useState<RequestError | null>(null);

  useEffect(() => {
    let closed = false;
    const offUpdate = socket.on('session:update', (update) => setSessions((current) => (current ? applyMonitorUpdate(current, update) : current)));
    const offConnected = socket.onConnected(() => {
      socket
        .request('monitor:subscribe', {})
        .then((answer) => {
          if (closed) return;
          setSessions(sortLive(answer.sessions));
          setError(null);
        })
        .catch((caught: unknown) => {
          if (!closed) setError(toRequestError(caught));
        });
    });
    return () => {
      closed = true;
      offUpdate();
      offConnected();
    };
  }, [socket]);

  return { sessions, error };
}
