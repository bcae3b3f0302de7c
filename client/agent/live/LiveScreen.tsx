import { useCallback, useState } from 'react';
import { useTickingNow } from '../../lib/clock/use-ticking-now.ts';
import { viewedTab } from '../../lib/live-replay/tab-choice.ts';
import { useWatchedSession } from '../../lib/live-replay/use-watched-session.ts';
import { useConsoleConnection, useSocketStatus } from '../../lib/socket/console-connection.tsx';
import { useFocusOnMount } from '../app/use-focus-on-mount.ts';
import { useI18n } from '../app/messages.ts';
import { ChatPanel } from '../chat/ChatPanel.tsx';
import { MonitorBanner } from '../monitor/MonitorBanner.tsx';
import { TransferButton } from '../transfer/TransferButton.tsx';
import { TransferNoteBanner } from '../transfer/TransferNoteBanner.tsx';
import { EndSessionButton } from './EndSessionButton.tsx';
import { GuidanceBar } from './guidance/GuidanceBar.tsx';
import { GuidanceLayer } from './guidance/GuidanceLayer.tsx';
import { useGuidance } from './guidance/use-guidance.ts';
import { LiveIndicators } from './LiveIndicators.tsx';
import { LiveStage } from './LiveStage.tsx';
import { OversizeNotice } from './OversizeNotice.tsx';
import { TabStrip } from './TabStrip.tsx';
import './live.css';

/**
 * One customer's screen, live, with the indicators that say how far to trust
 * it. The owner guides from here (pointer, highlight, remote control, chat,
 * transfer); a supervisor in 'monitor' mode sees the same view read-only.
 */
export function LiveScreen({
  sessionId,
  onBack,
  selfName = null,
  mode = 'owner',
  onTransferred = onBack,
}: {
  sessionId: string;
  onBack: () => void;
  /** The session went to another agent or back to the queue. */
  onTransferred?: () => void;
  /** The user's display name, to mark their own chat messages. */
  selfName?: string | null;
  mode?: 'owner' | 'monitor';
}) {
  const { t } = useI18n();
  const { socket, clock } = useConsoleConnection();
  const status = useSocketStatus(socket);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [stage, setStage] = useState<HTMLDivElement | null>(null);
  const watched = useWatchedSession({ socket, clock, sessionId, stage, iframeTitle: t.live.iframeTitle, mode });
  const now = useTickingNow(clock.now, 500);

  const { session, error, stats } = watched;
  const viewport = watched.viewport ?? session?.page?.viewport ?? null;
  const ended = session?.status === 'ended';
  const owner = mode === 'owner';
  // The stream the view shows (one tab's page): guidance names it. The
  // guidance layer is rebuilt when it changes, so nothing started on one
  // tab's page (an open editor, a pointer) carries over to another's.
  const shownStream = stats?.streamId ?? null;
  const activeStream = session?.tabs.find((tab) => tab.active)?.streamId ?? null;
  // The tab the view shows: the customer's active one, or the one the agent picked.
  const viewed = viewedTab(session?.tabs ?? [], watched.picked).tab;
  // The customer sees a pointer, a highlight or control only on the tab they are on (the
  // server refuses control elsewhere): on another tab's page guidance is off, and says why.
  // By tab, not stream: the customer's own tab loading its next page is not "another tab".
  const shownTab = session?.tabs.find((tab) => tab.streamId === shownStream) ?? null;
  const offCustomersTab = shownTab !== null && !shownTab.active;
  // The heading names the page the view shows: the picked tab's, else the customer's (their active tab's).
  const page = watched.picked !== null && viewed ? viewed : (session?.page ?? null);
  const stream = useCallback(() => shownStream, [shownStream]);
  // Guidance needs an active session of ours; the hook runs either way (hooks are unconditional).
  const guidance = useGuidance(socket, sessionId, session?.control ?? 'off', stream, !offCustomersTab);
  const guiding = owner && session?.status === 'active';
  const playing = stats?.state === 'playing';
  const backLabel = owner ? t.live.back : t.monitor.back;
  // Events the customer's widget could not send (over MAX_BATCH_BYTES), on the
  // page the agent wants to see: the viewed tab's, before it can play too.
  const noticeStream = viewed?.streamId ?? shownStream;
  const oversize = noticeStream !== null && !ended ? (watched.dropped[noticeStream] ?? null) : null;

  let overlay = null;
  if (ended && session) {
    overlay = (
      <div className="live-overlay" data-testid="live-ended">
        <div className="live-overlay-card" role="status">
          <h2>{t.live.endedTitle}</h2>
          {session.endedReason ? <p>{t.live.endedReasons[session.endedReason]}</p> : null}
          <button type="button" className="btn btn-primary" onClick={onBack}>
            {backLabel}
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
            {backLabel}
          </button>
        </div>
      </div>
    );
  } else if (!playing && oversize?.kind === 'page') {
    // The page's snapshot was too large to send: nothing is on its way. The
    // notice above says why (and is what is announced).
    overlay = (
      <div className="live-overlay live-overlay-quiet" data-testid="live-oversize-overlay">
        <div className="live-overlay-card">
          <p className="live-waiting-title">{t.live.oversize.pageTitle}</p>
          <p className="muted">{t.live.oversize.waiting}</p>
        </div>
      </div>
    );
  } else if (!playing) {
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
      data-stream-id={shownStream ?? ''}
      data-active-stream-id={activeStream ?? ''}
      data-viewed-tab-id={viewed?.tabId ?? ''}
      data-following={watched.picked === null}
    >
      <div className="live-toolbar">
        <button type="button" className="btn btn-quiet live-back" data-testid="live-back" onClick={onBack}>
          <span aria-hidden="true">←</span> {backLabel}
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
        {guiding ? <TransferButton socket={socket} sessionId={sessionId} onTransferred={onTransferred} /> : null}
        {owner && session && !ended ? (
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
      {mode === 'monitor' ? <MonitorBanner session={session} /> : null}
      {owner && session?.transferNote && !ended ? <TransferNoteBanner note={session.transferNote} /> : null}
      {oversize ? <OversizeNotice notice={oversize} /> : null}
      {guiding ? <GuidanceBar guidance={guidance} /> : null}
      <div className="live-body">
        <div className="live-main">
          {session && !ended ? (
            <TabStrip
              tabs={session.tabs}
              viewing={viewed?.tabId ?? null}
              picked={watched.picked}
              switching={playing && viewed !== null && viewed.streamId !== shownStream}
              onPick={watched.pickTab}
            />
          ) : null}
          <LiveStage
            viewport={viewport}
            onRoot={setStage}
            overlay={overlay}
            controlling={guiding && guidance.mode === 'control'}
            layer={guiding && playing ? <GuidanceLayer key={shownStream} guidance={guidance} replay={watched.replay} /> : null}
          />
        </div>
        {session ? (
          <ChatPanel socket={socket} sessionId={sessionId} readOnly={!owner} ended={ended} selfName={selfName} />
        ) : null}
      </div>
    </section>
  );
}
