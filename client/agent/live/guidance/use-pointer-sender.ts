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
 * Each names the stream the view shows (`stream()`); the `null` goes to the
 * stream the pointer was last shown in.
 */
export function usePointerSender(socket: AgentSocket, sessionId: string, stream: () => string | null) {
  const last = useRef<{ streamId: string; point: NodePoint } | null>(null);
  const sender = useMemo(
    () =>
      throttle((update: { streamId: string; point: NodePoint | null }) => {
        socket.request('guide:pointer', { sessionId, ...update }).catch(() => {
          // Fleeting: the next move sends it again.
        });
      }, POINTER_INTERVAL_MS),
    [socket, sessionId],
  );

  const hide = useCallback(() => {
    const shown = last.current;
    if (shown === null) return;
    last.current = null;
    sender.cancel();
    sender.push({ streamId: shown.streamId, point: null });
    sender.flush();
  }, [sender]);

  const move = useCallback(
    (point: NodePoint) => {
      const streamId = stream();
      if (streamId === null) return;
      if (last.current?.streamId === streamId && samePoint(last.current.point, point)) return;
      // The view moved to another tab: the pointer leaves the one it was in.
      if (last.current && last.current.streamId !== streamId) hide();
      last.current = { streamId, point };
      sender.push({ streamId, point });
    },
    [sender, stream, hide],
  );

  useEffect(() => hide, [hide]);

  return { move, hide };
}
