import { useCallback, useEffect, useRef, useState } from 'react';
import type { ControlAction, ControlState } from '@tsunagi/shared';
import { toRequestError, type ClientErrorCode } from '../../../lib/errors.ts';
import type { AgentSocket } from '../../../lib/socket/agent-socket.ts';
import { controlChange, effectiveMode, type GuideMode } from './control-change.ts';

export type GuidanceNotice =
  | { kind: 'granted' | 'declined' | 'revoked' | 'refused' | 'protected' | 'in_frame' | 'highlighted' | 'tab_changed' }
  | { kind: 'error'; code: ClientErrorCode };

export interface Guidance {
  socket: AgentSocket;
  sessionId: string;
  /** The stream the live view shows (one tab's page): every guidance message names it. */
  stream: () => string | null;
  /**
   * False while the view shows a tab the customer is not on: they would see
   * no pointer or highlight there, and control is refused, so nothing is sent.
   */
  reachable: boolean;
  /** The mode in force (remote control only while granted; view only while not reachable). */
  mode: GuideMode;
  setMode: (mode: GuideMode) => void;
  control: ControlState;
  controlBusy: boolean;
  requestControl: () => void;
  /** Releases granted control, or withdraws a pending request. */
  releaseControl: () => void;
  notice: GuidanceNotice | null;
  report: (notice: GuidanceNotice | null) => void;
  /** Sends a remote-control action; a refusal becomes a notice. */
  act: (action: ControlAction) => void;
}

/** How long a notice stays; the short one is the echo of a highlight. */
const NOTICE_MS = 8000;
const SHORT_NOTICE_MS = 2500;

/**
 * The owner's guidance state for one session: the chosen mode, remote
 * control as the server reports it (LiveSession.control), and what to tell
 * the agent when something changes or is refused. While `reachable` is
 * false (the view shows another tab than the customer's) the mode in force
 * is "view only"; the chosen one comes back with the customer's tab.
 */
export function useGuidance(
  socket: AgentSocket,
  sessionId: string,
  control: ControlState,
  stream: () => string | null,
  reachable = true,
): Guidance {
  const [chosen, setChosen] = useState<GuideMode>('guide');
  const [controlBusy, setControlBusy] = useState(false);
  const [notice, setNotice] = useState<GuidanceNotice | null>(null);
  const previous = useRef<ControlState>(control);
  const releasing = useRef(false);

  useEffect(() => {
    const change = controlChange(previous.current, control, releasing.current);
    previous.current = control;
    if (control === 'off') releasing.current = false;
    if (change === 'granted') setChosen('control');
    if (change) setNotice({ kind: change });
  }, [control]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), notice.kind === 'highlighted' ? SHORT_NOTICE_MS : NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const controlRequest = useCallback(
    (name: 'control:request' | 'control:release') => {
      setControlBusy(true);
      setNotice(null);
      if (name === 'control:release') releasing.current = true;
      socket
        .request(name, { sessionId })
        .catch((caught: unknown) => {
          releasing.current = false;
          setNotice({ kind: 'error', code: toRequestError(caught).code });
        })
        .finally(() => setControlBusy(false));
    },
    [socket, sessionId],
  );

  const act = useCallback(
    (action: ControlAction) => {
      const streamId = stream();
      if (streamId === null) return;
      socket.request('control:action', { sessionId, streamId, action }).catch((caught: unknown) => {
        const code = toRequestError(caught).code;
        // conflict: the customer turned to another tab meanwhile (the view follows it).
        setNotice(code === 'forbidden' ? { kind: 'refused' } : code === 'conflict' ? { kind: 'tab_changed' } : { kind: 'error', code });
      });
    },
    [socket, sessionId, stream],
  );

  return {
    socket,
    sessionId,
    stream,
    reachable,
    mode: reachable ? effectiveMode(chosen, control) : 'view',
    setMode: setChosen,
    control,
    controlBusy,
    requestControl: useCallback(() => controlRequest('control:request'), [controlRequest]),
    releaseControl: useCallback(() => controlRequest('control:release'), [controlRequest]),
    notice,
    report: setNotice,
    act,
  };
}
