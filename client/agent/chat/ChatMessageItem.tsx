import type { ChatMessage } from '@tsunagi/shared';
import { formatChatTime } from '../../lib/guidance/chat-log.ts';
import { useI18n } from '../app/messages.ts';
import { ChatText } from './ChatText.tsx';

/** One message: who wrote it, when (HH:mm), and the text. */
export function ChatMessageItem({ message, selfName }: { message: ChatMessage; selfName: string | null }) {
  const { t } = useI18n();
  const mine = message.from === 'staff' && selfName !== null && message.authorName === selfName;
  const author = message.from === 'customer' ? t.chat.customer : (message.authorName ?? t.roles.agent);
  return (
    <li
      className={`chat-message chat-message-${message.from}${mine ? ' chat-message-mine' : ''}`}
      data-testid="chat-message"
      data-from={message.from}
      data-id={message.id}
    >
      <div className="chat-meta">
        <span className="chat-author">
          {author}
          {mine ? <span className="chat-you"> ({t.chat.you})</span> : null}
        </span>
        <time className="chat-time" dateTime={new Date(message.sentAt).toISOString()}>
          {formatChatTime(message.sentAt)}
        </time>
      </div>
      <p className="chat-text">
        <ChatText text={message.text} />
      </p>
    </li>
  );
}
