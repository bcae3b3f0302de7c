import { useState } from 'react';
import { useTickingNow } from '../../lib/clock/use-ticking-now.ts';
import { useWatchedSession } from '../../lib/live-replay/use-watched-session.ts';
import { useConsoleConnection, useSocketStatus } from '../../lib/socket/console-connection.tsx';
import { useFocusOnMount } from '../app/use-focus-on-mount.ts';
import { useI18n } from '../app/messages.ts';
import { EndSessionButton } from './EndSessionButton.tsx';
import { LiveIndicators } from './LiveIndicators.tsx';
import { LiveStage } from './LiveStage.tsx';
import './live.css';

/** One customer's screen, live, with the indicators that say how far to trust it. */
export function LiveScreen({ sessionId, onBack }: { sessionId: string; onBack: () => void }) {
  const { t } = useI18n();
  const { socket, clock } = useConsoleConnection();
  const status = useSocketStatus(socket);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [stage, setStage] = useState<HTMLDivElement | null>(null);
  const watched = useWatchedSession({ socket, clock, sessionId, stage, iframeTitle: t.live.iframeTitle });
  const now = useTickingNow(clock.now, 500);

  const { session, error, stats } = watched;
  const viewport = watched.viewport ?? session?.page?.viewport ?? null;
  const ended = session?.status === 'ended';
  const page = session?.page ?? null;

  let overlay = null;
  if (ended && session) {
    overlay = (
      <div className="live-overlay" data-testid="live-ended">
        <div className="live-overlay-card" role="status">
          <h2>{t.live.endedTitle}</h2>
          {session.endedReason ? <p>{t.live.endedReasons[session.endedReason]}</p> : null}
          <button type="button" className="btn btn-primary" onClick={onBack}>
            {t.live.back}
          </button>
        </div>
      </div>
    );
  } else if (error && !session) {
    overlay = (
      <div className="live-overlay" data-testid="live-error">
        <div className="live-overlay-card" role="alert">
          <h2>{t.live.watchFailed}</h2>
          <p>{error.code === 'forbidden' ? t.live.notOwner : t.errors[error.code]}</p>
          <button type="button" className="btn btn-primary" onClick={onBack}>
            {t.live.back}
          </button>
        </div>
      </div>
    );
  } else if (stats?.state !== 'playing') {
    overlay = (
      <div className="live-overlay live-overlay-quiet" data-testid="live-waiting">
        <div className="live-overlay-card" role="status">
          <p className="live-waiting-title">{t.live.waitingForScreen}</p>
          <p className="muted">{t.live.waitingHint}</p>
        </div>
      </div>
    );
  }

  return (
    <section
      className="live"
      aria-labelledby="live-title"
      data-testid="live-view"
      data-session-id={sessionId}
      data-replay-state={stats?.state ?? 'waiting'}
      data-builds={stats?.builds ?? 0}
      data-replayer-events={stats?.replayerEvents ?? 0}
      data-buffered-events={stats?.bufferedEvents ?? 0}
    >
      <div className="live-toolbar">
        <button type="button" className="btn btn-quiet live-back" data-testid="live-back" onClick={onBack}>
          <span aria-hidden="true">←</span> {t.live.back}
        </button>
        <div className="live-page">
          <h1 id="live-title" ref={headingRef} tabIndex={-1} data-testid="live-page-title">
            <span className="visually-hidden">{t.live.title}: </span>
            {page?.title.trim() || t.queue.untitled}
          </h1>
          {page ? (
            <span className="live-url" data-testid="live-page-url" title={page.url}>
              <span className="visually-hidden">{t.live.page}: </span>
              {page.url}
            </span>
          ) : null}
        </div>
        {viewport ? (
          <span className="live-viewport" data-testid="live-viewport" title={t.live.viewport}>
            <span className="visually-hidden">{t.live.viewport}: </span>
            {viewport.width}×{viewport.height}
          </span>
        ) : null}
        {session && !ended ? (
          <EndSessionButton socket={socket} sessionId={sessionId} onEnded={onBack} />
        ) : null}
      </div>
      <div className="live-statusbar">
        <LiveIndicators status={status} session={session} newest={watched.newest} now={now} />
        {error && session && !ended ? (
          // A re-watch (after a reconnect) failed; the picture may be stale.
          <p className="live-status-error" role="alert" data-testid="live-watch-error">
            {t.errors[error.code]}
          </p>
        ) : null}
      </div>
      <LiveStage viewport={viewport} onRoot={setStage} overlay={overlay} />
    </section>
  );
}
