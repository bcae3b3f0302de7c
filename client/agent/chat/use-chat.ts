import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '@tsunagi/shared';
import { mergeMessages } from '../../lib/guidance/chat-log.ts';
import { toRequestError, type RequestError } from '../../lib/errors.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';

export interface ChatState {
  messages: readonly ChatMessage[];
  /** false until the first history answer (or its failure). */
  loaded: boolean;
  historyError: RequestError | null;
  /** Resolves with the stored message; rejects with a RequestError. */
  send: (text: string) => Promise<ChatMessage>;
}

/**
 * One session's conversation: `chat:history` when the view opens and after
 * every reconnect (pushes sent while we were away are in it), live
 * `chat:message` pushes, merged once each by id. `onArrive` hears about
 * messages that are new to us (not the first history) — for the unread count.
 */
export function useChat(socket: AgentSocket, sessionId: string, onArrive: (messages: ChatMessage[]) => void): ChatState {
  const [messages, setMessages] = useState<readonly ChatMessage[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [historyError, setHistoryError] = useState<RequestError | null>(null);
  const current = useRef<readonly ChatMessage[]>([]);
  const arrive = useRef(onArrive);
  useEffect(() => {
    arrive.current = onArrive;
  }, [onArrive]);

  const add = useCallback((incoming: readonly ChatMessage[], count: boolean) => {
    const before = current.current;
    const merged = mergeMessages(before, incoming);
    if (merged === before) return;
    const known = new Set(before.map((message) => message.id));
    current.current = merged;
    setMessages(merged);
    if (count) arrive.current(merged.filter((message) => !known.has(message.id)));
  }, []);

  useEffect(() => {
    let closed = false;
    let first = true;
    current.current = [];
    setMessages([]);
    setLoaded(false);
    const offMessage = socket.on('chat:message', (message) => {
      if (message.sessionId === sessionId) add([message], true);
    });
    const offConnected = socket.onConnected(() => {
      socket
        .request('chat:history', { sessionId })
        .then((history) => {
          if (closed) return;
          add(history.messages, !first);
          first = false;
          setHistoryError(null);
        })
        .catch((caught: unknown) => {
          if (!closed) setHistoryError(toRequestError(caught));
        })
        .finally(() => {
          if (!closed) setLoaded(true);
        });
    });
    return () => {
      closed = true;
      offMessage();
      offConnected();
    };
  }, [socket, sessionId, add]);

  const send = useCallback(
    async (text: string) => {
      const message = await socket.request('chat:send', { sessionId, text });
      add([message], false);
      return message;
    },
    [socket, sessionId, add],
  );

  return { messages, loaded, historyError, send };
}
