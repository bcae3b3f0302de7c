import { splitLinks } from '../../lib/guidance/chat-links.ts';
import { useI18n } from '../app/messages.ts';

/**
 * A message's text as React text nodes, with http(s) URLs as links that
 * open in a new tab without handing it our window (noopener noreferrer).
 * Nothing is ever parsed as HTML.
 */
export function ChatText({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer" data-testid="chat-link">
            {part.text}
            <span className="visually-hidden">{t.chat.newTab}</span>
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
