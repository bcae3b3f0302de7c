import type { LiveSession } from '@tsunagi/shared';
import type { ServerClock } from '../../lib/clock/server-clock.ts';
import { useTickingNow } from '../../lib/clock/use-ticking-now.ts';
import { formatClock, formatDurationWords } from '../../lib/format/duration.ts';
import { useI18n } from '../app/messages.ts';
import { QueueNote } from '../transfer/QueueNote.tsx';

/** Sessions this agent owns and that are still open: after a reload, the way back in. */
export function MySessions({
  clock,
  sessions,
  onOpen,
}: {
  clock: ServerClock;
  sessions: LiveSession[];
  onOpen: (sessionId: string) => void;
}) {
  const { t, lang } = useI18n();
  const now = useTickingNow(clock.now, 1000);
  return (
    <section className="panel" aria-labelledby="my-sessions-title">
      <div className="panel-header">
        <h2 id="my-sessions-title">{t.mine.title}</h2>
      </div>
      <div className="panel-body">
        {sessions.length === 0 ? (
          <p className="muted" data-testid="my-sessions-empty">
            {t.mine.empty}
          </p>
        ) : (
          <ul className="mine-list" data-testid="my-sessions">
            {sessions.map((session) => {
              const title = session.page?.title.trim() || t.queue.untitled;
              const elapsed = now - session.createdAt;
              return (
                <li key={session.sessionId} className="mine-item" data-testid="my-session" data-session-id={session.sessionId}>
                  <div className="mine-page">
                    <span className="queue-title">{title}</span>
                    {session.page ? <span className="queue-url">{session.page.url}</span> : null}
                    {session.transferNote ? <QueueNote note={session.transferNote} /> : null}
                    <span className="mine-meta">
                      <span className={`pill ${session.customerConnected ? 'pill-ok' : 'pill-warn'}`}>
                        {session.customerConnected ? t.mine.customerOnline : t.mine.customerOffline}
                      </span>
                      <span className="muted">
                        {t.mine.since} <time aria-hidden="true">{formatClock(elapsed)}</time>
                        <span className="visually-hidden">{formatDurationWords(elapsed, lang)}</span>
                      </span>
                    </span>
                  </div>
                  <button
                    type="button"
                    className="btn"
                    data-testid="my-session-open"
                    aria-label={t.mine.openLabel(title)}
                    onClick={() => onOpen(session.sessionId)}
                  >
                    {t.mine.open}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
