import { useEffect, useRef, useState } from 'react';
import type { QueueEntry } from '@tsunagi/shared';
import type { ServerClock } from '../../lib/clock/server-clock.ts';
import { useTickingNow } from '../../lib/clock/use-ticking-now.ts';
import { toRequestError, type ClientErrorCode } from '../../lib/errors.ts';
import { formatClock, formatDurationWords } from '../../lib/format/duration.ts';
import type { AgentSocket } from '../../lib/socket/agent-socket.ts';
import { useFocusOnMount } from '../app/use-focus-on-mount.ts';
import { useI18n } from '../app/messages.ts';
import { QueueNote } from '../transfer/QueueNote.tsx';
import type { QueueState } from './use-queue.ts';

/** The live list of waiting customers, oldest first, with a "take" button each. */
export function QueuePanel({
  socket,
  clock,
  queue,
  onTaken,
}: {
  socket: AgentSocket;
  clock: ServerClock;
  queue: QueueState;
  onTaken: (sessionId: string) => void;
}) {
  const { t } = useI18n();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const now = useTickingNow(clock.now, 1000);
  const [taking, setTaking] = useState<string | null>(null);
  const [takeError, setTakeError] = useState<ClientErrorCode | null>(null);
  const announcement = useQueueAnnouncement(queue.waiting);

  const take = (entry: QueueEntry) => {
    setTaking(entry.sessionId);
    setTakeError(null);
    socket
      .request('session:take', { sessionId: entry.sessionId })
      .then((session) => onTaken(session.sessionId))
      .catch((error: unknown) => {
        setTakeError(toRequestError(error).code);
        setTaking(null);
      });
  };

  const waiting = queue.waiting;
  return (
    <section className="panel queue-panel" aria-labelledby="queue-title">
      <div className="panel-header">
        <h1 id="queue-title" ref={headingRef} tabIndex={-1}>
          {t.queue.title}
        </h1>
        {waiting ? (
          <span className="count" data-testid="queue-count" data-count={waiting.length}>
            {t.queue.count(waiting.length)}
          </span>
        ) : null}
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="queue-announcer">
        {announcement}
      </p>
      <div className="panel-body queue-body">
        {takeError ? (
          <p className="alert alert-error" role="alert" data-testid="queue-error">
            {t.errors[takeError]}
          </p>
        ) : null}
        {queue.error ? (
          <p className="alert alert-error" role="alert">
            {t.errors[queue.error.code]}
          </p>
        ) : null}
        {waiting === null ? (
          <p className="muted">{t.queue.loading}</p>
        ) : waiting.length === 0 ? (
          <p className="queue-empty muted" data-testid="queue-empty">
            {t.queue.empty}
          </p>
        ) : (
          <ul className="queue-list" data-testid="queue-list">
            {waiting.map((entry) => (
              <QueueItem
                key={entry.sessionId}
                entry={entry}
                waitedMs={now - entry.createdAt}
                busy={taking === entry.sessionId}
                disabled={taking !== null}
                onTake={() => take(entry)}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function QueueItem({
  entry,
  waitedMs,
  busy,
  disabled,
  onTake,
}: {
  entry: QueueEntry;
  waitedMs: number;
  busy: boolean;
  disabled: boolean;
  onTake: () => void;
}) {
  const { t, lang } = useI18n();
  const title = entry.pageTitle.trim() || t.queue.untitled;
  return (
    <li className="queue-item" data-testid="queue-item" data-session-id={entry.sessionId}>
      <div className="queue-page">
        <span className="queue-title">{title}</span>
        <span className="queue-url">{entry.pageUrl}</span>
        {entry.transferNote ? <QueueNote note={entry.transferNote} /> : null}
      </div>
      <span className="badge" title={t.queue.pageLang(t.langNames[entry.lang])}>
        <span aria-hidden="true">{t.langBadges[entry.lang]}</span>
        <span className="visually-hidden">{t.queue.pageLang(t.langNames[entry.lang])}</span>
      </span>
      <span className="queue-wait" data-testid="queue-wait">
        <span className="visually-hidden">{t.queue.waitingFor}: </span>
        <time aria-hidden="true">{formatClock(waitedMs)}</time>
        <span className="visually-hidden">{formatDurationWords(waitedMs, lang)}</span>
      </span>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="queue-take"
        aria-label={busy ? undefined : t.queue.takeLabel(title)}
        disabled={disabled}
        onClick={onTake}
      >
        {busy ? t.queue.taking : t.queue.take}
      </button>
    </li>
  );
}

/**
 * A sentence for screen readers when the queue changes: new arrivals are
 * announced, departures only as a count. Not on the first load, and not on
 * every tick of the waiting times.
 */
function useQueueAnnouncement(waiting: QueueEntry[] | null): string {
  const { t } = useI18n();
  const previous = useRef<Set<string> | null>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!waiting) return;
    const ids = new Set(waiting.map((entry) => entry.sessionId));
    const before = previous.current;
    previous.current = ids;
    if (!before) return;
    const arrived = [...ids].some((id) => !before.has(id));
    if (arrived) setText(t.queue.announceNew(ids.size));
    else if (ids.size !== before.size) setText(t.queue.announceCount(ids.size));
  }, [waiting, t]);
  return text;
}
