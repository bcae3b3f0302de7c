import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ChatMessage } from '@tsunagi/shared';
import { isSendKey } from '../../lib/guidance/ime.ts';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import { useI18n } from '../app/messages.ts';

/** The longest message the server accepts (ChatText). */
const MAX_LENGTH = 2000;

/**
 * Where the agent writes. Enter sends, Shift+Enter adds a line, and the
 * Enter that confirms a Japanese conversion never sends. The text stays if
 * sending fails, with the reason beside it.
 */
export function ChatComposer({ send }: { send: (text: string) => Promise<ChatMessage> }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const empty = text.trim().length === 0;

  const submit = () => {
    if (empty || sending) return;
    setSending(true);
    setError(null);
    send(text.trim())
      .then(() => setText(''))
      .catch((caught: unknown) => setError(toRequestError(caught).code))
      .finally(() => setSending(false));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const facts = { key: event.key, shiftKey: event.shiftKey, isComposing: event.nativeEvent.isComposing, keyCode: event.keyCode };
    if (!isSendKey(facts)) return;
    event.preventDefault();
    submit();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <form className="chat-composer" onSubmit={onSubmit} data-testid="chat-composer">
      <label className="visually-hidden" htmlFor={`${id}-text`}>
        {t.chat.message}
      </label>
      <textarea
        id={`${id}-text`}
        className="chat-input"
        data-testid="chat-input"
        rows={3}
        maxLength={MAX_LENGTH}
        value={text}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <p className="chat-error" role="alert" id={`${id}-error`} data-testid="chat-error" data-code={error}>
          {t.chat.failed(t.errors[error])}
        </p>
      ) : null}
      <div className="chat-composer-row">
        <span className="chat-hint" id={`${id}-hint`}>
          {t.chat.hint}
        </span>
        <button type="submit" className="btn btn-primary" data-testid="chat-send" disabled={empty || sending}>
          {sending ? t.chat.sending : t.chat.send}
        </button>
      </div>
    </form>
  );
}
