import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { NodePoint } from '@tsunagi/shared';
import { throttle } from '../../../lib/guidance/throttle.ts';
import type { AgentSocket } from '../../../lib/socket/agent-socket.ts';

/** The customer's pointer moves at most this often: smooth enough, and light on the wire. */
export const POINTER_INTERVAL_MS = 50;

const samePoint = (a: NodePoint | null, b: NodePoint | null) =>
  a === b || (a !== null && b !== null && a.nodeId === b.nodeId && a.x === b.x && a.y === b.y);

/**
 * Sends the agent's pointer (`guide:pointer`) at most every 50 ms while the
 * mouse is over the replay, and `null` once when it leaves. The pointer is
 * fleeting: a lost update is replaced by the next, so failures are ignored.
 */
export function usePointerSender(socket: AgentSocket, sessionId: string) {
  const last = useRef<NodePoint | null>(null);
  const sender = useMemo(
    () =>
      throttle((point: NodePoint | null) => {
        socket.request('guide:pointer', { sessionId, point }).catch(() => {
          // Fleeting: the next move sends it again.
        });
      }, POINTER_INTERVAL_MS),
    [socket, sessionId],
  );

  const move = useCallback(
    (point: NodePoint) => {
      if (samePoint(last.current, point)) return;
      last.current = point;
      sender.push(point);
    },
    [sender],
  );

  const hide = useCallback(() => {
    if (last.current === null) return;
    last.current = null;
    sender.cancel();
    sender.push(null);
    sender.flush();
  }, [sender]);

  useEffect(() => hide, [hide]);

  return { move, hide };
}
