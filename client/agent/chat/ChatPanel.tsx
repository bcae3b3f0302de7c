import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatMessage } from '@tsunagi/shared';
import { countUnread } from '../../lib/guidance/chat-log.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';
import { useI18n } from '../app/messages.ts';
import { ChatComposer } from './ChatComposer.tsx';
import { ChatMessageItem } from './ChatMessageItem.tsx';
import { useChat } from './use-chat.ts';
import { useDocumentVisible } from './use-document-visible.ts';
import './chat.css';

/** Within this many pixels of the end, the log follows new messages. */
const STICK_PX = 80;

/**
 * The conversation beside the live view. Collapsible; while collapsed or
 * while the tab is in the background, the other side's new messages are
 * counted as unread (on the toggle, and in the tab title). Read-only for a
 * monitoring supervisor.
 */
export function ChatPanel({
  socket,
  sessionId,
  readOnly,
  ended,
  selfName,
}: {
  socket: AgentSocket;
  sessionId: string;
  readOnly: boolean;
  /** The session is over: the conversation stays readable, nothing more can be sent. */
  ended: boolean;
  /** The user's display name, to mark their own messages. */
  selfName: string | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  const [unread, setUnread] = useState(0);
  const visible = useDocumentVisible();
  const inView = open && visible;
  const inViewRef = useRef(inView);
  useEffect(() => {
    inViewRef.current = inView;
    if (inView) setUnread(0);
  }, [inView]);

  const onArrive = useCallback(
    (arrived: ChatMessage[]) =>
      setUnread((current) => countUnread(current, arrived, { inView: inViewRef.current, ownSide: readOnly ? null : 'staff' })),
    [readOnly],
  );
  const chat = useChat(socket, sessionId, onArrive);
  useUnreadTitle(unread);

  const toggle = (
    <button
      type="button"
      className="btn btn-quiet chat-toggle"
      data-testid="chat-toggle"
      aria-expanded={open}
      aria-controls="chat-body"
      onClick={() => setOpen(!open)}
    >
      <span aria-hidden="true" className="chat-toggle-icon">
        {open ? '›' : '‹'}
      </span>
      <span className={open ? 'visually-hidden' : 'chat-toggle-label'}>{open ? t.chat.close : t.chat.open}</span>
      {unread > 0 ? (
        <span className="chat-unread" data-testid="chat-unread" data-count={unread}>
          {open ? (
            t.chat.unread(unread)
          ) : (
            // Collapsed, the column is narrow: the number shows, the words are read out.
            <>
              <span aria-hidden="true">{unread}</span>
              <span className="visually-hidden">{t.chat.unread(unread)}</span>
            </>
          )}
        </span>
      ) : null}
    </button>
  );

  if (!open) {
    return (
      <aside className="chat chat-collapsed" aria-label={t.chat.title} data-testid="chat-panel" data-open="false">
        {toggle}
      </aside>
    );
  }
  return (
    <aside className="chat" aria-labelledby="chat-title" data-testid="chat-panel" data-open="true">
      <div className="chat-header">
        <h2 id="chat-title">{t.chat.title}</h2>
        {toggle}
      </div>
      <div className="chat-body" id="chat-body">
        <ChatLog messages={chat.messages} loaded={chat.loaded} selfName={selfName} />
        {chat.historyError ? (
          <p className="chat-error" role="alert" data-testid="chat-history-error">
            {t.chat.historyFailed} {t.errors[chat.historyError.code]}
          </p>
        ) : null}
        {ended ? null : readOnly ? (
          <p className="chat-readonly muted" data-testid="chat-readonly">
            {t.chat.readOnly}
          </p>
        ) : (
          <ChatComposer send={chat.send} />
        )}
      </div>
    </aside>
  );
}

function ChatLog({ messages, loaded, selfName }: { messages: readonly ChatMessage[]; loaded: boolean; selfName: string | null }) {
  const { t } = useI18n();
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && stick.current) list.scrollTop = list.scrollHeight;
  }, [messages]);

  const onScroll = () => {
    const list = listRef.current;
    if (list) stick.current = list.scrollHeight - list.scrollTop - list.clientHeight < STICK_PX;
  };

  return (
    <div className="chat-log-wrap">
      {messages.length === 0 ? (
        <p className="chat-empty muted" data-testid="chat-empty">
          {loaded ? t.chat.empty : t.chat.loading}
        </p>
      ) : null}
      {/* The log role on a wrapper: on the <ol> itself it would take away the list the items belong to. */}
      <div ref={listRef} className="chat-log" role="log" aria-label={t.chat.logLabel} data-testid="chat-log" onScroll={onScroll} tabIndex={0}>
        <ol className="chat-list">
          {messages.map((message) => (
            <ChatMessageItem key={message.id} message={message} selfName={selfName} />
          ))}
        </ol>
      </div>
    </div>
  );
}

/** "(2) Tsunagi …" in the tab title while messages wait unread; the title comes back after. */
function useUnreadTitle(unread: number) {
  useEffect(() => {
    if (unread === 0) return;
    const title = document.title;
    document.title = `(${unread}) ${title}`;
    return () => {
      document.title = title;
    };
  }, [unread]);
}
