import type { LiveSession } from '@tsunagi/shared';
import { useTickingNow } from '../../lib/clock/use-ticking-now.ts';
import { formatClock, formatDurationWords } from '../../lib/format/duration.ts';
import { useConsoleConnection } from '../../lib/socket/console-connection.tsx';
import { useFocusOnMount } from '../app/use-focus-on-mount.ts';
import { useI18n } from '../app/messages.ts';
import { customerState, type CustomerState } from '../live/customer-state.ts';
import { useMonitor } from './use-monitor.ts';
import './monitor.css';

const customerTone: Record<CustomerState, string> = {
  connected: 'pill-ok',
  reconnecting: 'pill-warn',
  offline: 'pill-bad',
  left: 'pill-neutral',
};

/** A supervisor's view of every live session, each one a click away from silent monitoring. */
export function MonitorScreen({ onMonitor }: { onMonitor: (sessionId: string) => void }) {
  const { t } = useI18n();
  const { socket, clock } = useConsoleConnection();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { sessions, error } = useMonitor(socket);
  const now = useTickingNow(clock.now, 1000);

  return (
    <div className="monitor">
      <section className="panel" aria-labelledby="monitor-title" data-testid="monitor-screen">
        <div className="panel-header">
          <h1 id="monitor-title" ref={headingRef} tabIndex={-1}>
            {t.monitor.title}
          </h1>
          {sessions ? (
            <span className="count" data-testid="monitor-count" data-count={sessions.length}>
              {t.monitor.count(sessions.length)}
            </span>
          ) : null}
        </div>
        <div className="panel-body monitor-body">
          <p className="muted monitor-intro">{t.monitor.intro}</p>
          {error ? (
            <p className="alert alert-error" role="alert">
              {t.errors[error.code]}
            </p>
          ) : null}
          {sessions === null ? (
            <p className="muted">{t.monitor.loading}</p>
          ) : sessions.length === 0 ? (
            <p className="muted monitor-empty" data-testid="monitor-empty">
              {t.monitor.empty}
            </p>
          ) : (
            <table className="monitor-table" data-testid="monitor-list">
              <thead>
                <tr>
                  <th scope="col">{t.live.page}</th>
                  <th scope="col">{t.monitor.owner}</th>
                  <th scope="col">{t.monitor.status}</th>
                  <th scope="col">{t.monitor.customer}</th>
                  <th scope="col">{t.monitor.elapsed}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.monitor.watch}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <MonitorRow key={session.sessionId} session={session} now={now} onMonitor={onMonitor} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
    </div>
  );
}

function MonitorRow({ session, now, onMonitor }: { session: LiveSession; now: number; onMonitor: (sessionId: string) => void }) {
  const { t, lang } = useI18n();
  const title = session.page?.title.trim() || t.queue.untitled;
  const customer = customerState(session, now);
  const elapsed = now - session.createdAt;
  const control = t.monitor.controlStates[session.control];
  return (
    <tr data-testid="monitor-item" data-session-id={session.sessionId} data-status={session.status}>
      <td>
        <div className="monitor-page">
          <span className="queue-title">{title}</span>
          {session.page ? <span className="queue-url">{session.page.url}</span> : null}
        </div>
      </td>
      <td data-testid="monitor-owner">{session.owner?.displayName ?? <span className="muted">{t.monitor.noOwner}</span>}</td>
      <td>
        <span className={`badge monitor-status monitor-status-${session.status}`} data-testid="monitor-status">
          {t.monitor.statuses[session.status]}
        </span>
        {control ? <span className="monitor-control">{control}</span> : null}
        {session.viewers.length > 0 ? <span className="monitor-viewers muted">{t.monitor.viewers(session.viewers.length)}</span> : null}
      </td>
      <td>
        <span className={`pill ${customerTone[customer]}`} data-testid="monitor-customer" data-state={customer}>
          {t.live.customerStates[customer]}
        </span>
      </td>
      <td className="monitor-elapsed">
        <time aria-hidden="true">{formatClock(elapsed)}</time>
        <span className="visually-hidden">{formatDurationWords(elapsed, lang)}</span>
      </td>
      <td className="monitor-action">
        <button
          type="button"
          className="btn"
          data-testid="monitor-open"
          aria-label={t.monitor.watchLabel(title)}
          onClick={() => onMonitor(session.sessionId)}
        >
          {t.monitor.watch}
        </button>
      </td>
    </tr>
  );
}
