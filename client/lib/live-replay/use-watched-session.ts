import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseEventsJson, type LiveSession, type RelayedBatch } from '@tsunagi/shared';
import type { ServerClock } from '../clock/server-clock.ts';
import type { RequestError } from '../errors.ts';
import { toRequestError } from '../errors.ts';
import type { ReplayHandle } from '../guidance/replay-dom.ts';
import type { AgentSocket } from '../socket/agent-socket.ts';
import { noteDroppedInStream, type DroppedNotice } from './dropped-events.ts';
import { LivePlayer, type LivePlayerStats } from './live-player.ts';
import type { Size } from './scale.ts';
import { keptPick, pickTab, viewedTab } from './tab-choice.ts';
import { WatchFeed } from './watch-feed.ts';

export interface NewestBatch {
  /** Server clock when the server received it from the customer. */
  receivedAt: number;
  /** Our server-clock reading when it reached us: arrivedAt − receivedAt is the relay leg. */
  arrivedAt: number;
}

export interface WatchedSession {
  session: LiveSession | null;
  error: RequestError | null;
  newest: NewestBatch | null;
  viewport: Size | null;
  stats: LivePlayerStats | null;
  /**
   * The replay as it is right now (null before the first frame) and the
   * stream it shows — what guidance names; stable across renders.
   */
  replay: { current: () => ReplayHandle | null; stream: () => string | null };
  /** The tab the agent picked to look at (null: the view follows the customer's active tab). */
  picked: string | null;
  /**
   * Shows that tab from now on, whichever tab the customer turns to; the
   * customer's active tab, or null, follows the customer again.
   */
  pickTab: (tabId: string | null) => void;
  /**
   * Per stream, what the customer's widget could not send (events over the
   * batch limit, `tsunagi:dropped-event` markers), from the checkpoint and
   * the live batches; see dropped-events.ts.
   */
  dropped: Readonly<Record<string, DroppedNotice>>;
}

/** How long a missing batch may hold back the ones after it before we re-fetch. */
const GAP_CHECK_MS = 2000;

/**
 * Watches one session over the `/agent` socket and plays it into `stage`:
 * `session:watch` (again after every reconnect), live `replay:batch` and
 * `session:update` pushes, `session:unwatch` when the view closes.
 *
 * The watch ack's checkpoint and the pushes are merged by WatchFeed; a gap
 * that does not fill by itself is re-fetched with one more watch (the store
 * has every batch), and released if even that did not fill it.
 *
 * The view follows the customer's active tab (`LiveSession.tabs`): when it
 * changes, the player switches to that tab's stream — at once if it holds
 * the stream's latest checkpoint, else from the checkpoint one more watch
 * fetches for that stream. The agent may pick another tab instead
 * (`pickTab`, see tab-choice.ts): the view then shows that tab's stream the
 * same way, and stays on it until the agent follows again or it closes.
 */
export function useWatchedSession(options: {
  socket: AgentSocket;
  clock: ServerClock;
  sessionId: string;
  stage: HTMLElement | null;
  /** Accessible name for the replay iframe. */
  iframeTitle?: string;
  /** 'monitor': a supervisor watching read-only (`session:monitor`) instead of the owner. */
  mode?: 'owner' | 'monitor';
}): WatchedSession {
  const { socket, clock, sessionId, stage, iframeTitle, mode = 'owner' } = options;
  const [session, setSession] = useState<LiveSession | null>(null);
  const [error, setError] = useState<RequestError | null>(null);
  const [newest, setNewest] = useState<NewestBatch | null>(null);
  const [viewport, setViewport] = useState<Size | null>(null);
  const [stats, setStats] = useState<LivePlayerStats | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [dropped, setDropped] = useState<Readonly<Record<string, DroppedNotice>>>({});
  const playerRef = useRef<LivePlayer | null>(null);
  /** The effect's own pickTab: it needs the effect's player and latest tabs. */
  const pickRef = useRef<(tabId: string | null) => void>(() => undefined);

  useEffect(() => {
    if (!stage) return;
    let closed = false;
    const player = new LivePlayer({
      root: stage,
      serverNow: clock.now,
      onViewport: setViewport,
      onStats: setStats,
    });
    playerRef.current = player;
    const feed = new WatchFeed<RelayedBatch>((batch) => {
      // The server relays the customer's events as text, unparsed; they are
      // checked here, against the same schema the store uses, before replay.
      const parsed = parseEventsJson(batch.eventsJson);
      if (!parsed.ok) {
        console.warn(`[tsunagi] batch ${batch.seq} of stream ${batch.streamId} skipped: ${parsed.message}`);
        return;
      }
      player.push({ streamId: batch.streamId, events: parsed.events });
      setDropped((previous) => noteDroppedInStream(previous, batch.streamId, parsed.events));
      setNewest((previous) =>
        previous && previous.receivedAt > batch.receivedAt ? previous : { receivedAt: batch.receivedAt, arrivedAt: clock.now() },
      );
    });

    /** The stream the view should show: the viewed tab's (null until the session has tabs). */
    let wanted: string | null = null;
    /** The tab the agent picked (null: following the customer), and the tabs as last heard. */
    let pick: string | null = null;
    let tabs: LiveSession['tabs'] = [];

    /** `streamId`: fetch that stream's checkpoint (a switch); absent: the active tab's, as the server sees it. */
    const watch = async (streamId?: string): Promise<void> => {
      feed.beginWatch();
      try {
        const name = mode === 'monitor' ? 'session:monitor' : 'session:watch';
        const result = await socket.request(name, streamId === undefined ? { sessionId } : { sessionId, streamId });
        if (closed) return;
        setSession(result.session);
        setError(null);
        if (streamId === undefined && result.streamId !== null) {
          wanted = result.streamId;
          player.show(wanted);
        }
        // A stream whose checkpoint we do not hold may have gone by unused
        // (another tab's batches, before its snapshot): take it from the start.
        const rewind = result.streamId !== null && !player.hasCheckpointOf(result.streamId) ? result.streamId : undefined;
        feed.checkpoint(result.checkpoint, rewind);
        followTabs(result.session);
      } catch (caught) {
        if (closed) return;
        feed.abortWatch();
        setError(toRequestError(caught));
      }
    };

    const followTabs = (update: LiveSession): void => {
      if (update.tabs.length === 0) return;
      tabs = update.tabs;
      player.retain(new Set(update.tabs.filter((tab) => tab.state !== 'closed').map((tab) => tab.streamId)));
      // A picked tab that closed: back to following the customer.
      const kept = keptPick(update.tabs, pick);
      if (kept !== pick) {
        pick = kept;
        setPicked(kept);
      }
      showViewed();
    };

    /** Switches the player to the viewed tab's stream, fetching its checkpoint if we hold none. */
    const showViewed = (): void => {
      const stream = viewedTab(tabs, pick).tab?.streamId;
      if (!stream || stream === wanted) return;
      wanted = stream;
      if (!player.show(stream)) void watch(stream);
    };

    pickRef.current = (tabId) => {
      if (closed) return;
      pick = tabId === null ? null : pickTab(tabs, tabId);
      setPicked(pick);
      showViewed();
    };

    /** A re-watch (reconnect, gap) keeps to the picked tab; following, the server names the active one. */
    const rewatch = (): Promise<void> => watch(pick === null ? undefined : viewedTab(tabs, pick).tab?.streamId);

    const offBatch = socket.on('replay:batch', (batch) => {
      if (batch.sessionId === sessionId) feed.push(batch);
    });
    const offUpdate = socket.on('session:update', (update) => {
      if (update.sessionId !== sessionId) return;
      setSession(update);
      followTabs(update);
    });
    const offConnected = socket.onConnected(() => void rewatch());
    const offClock = clock.subscribe(() => player.clockChanged());

    let gapSeen = false;
    const gapTimer = setInterval(() => {
      if (!feed.hasGaps()) {
        gapSeen = false;
        return;
      }
      if (!gapSeen) {
        gapSeen = true;
        void rewatch();
      } else {
        gapSeen = false;
        feed.releaseGaps();
      }
    }, GAP_CHECK_MS);

    return () => {
      closed = true;
      pickRef.current = () => undefined;
      setPicked(null);
      setDropped({});
      clearInterval(gapTimer);
      offBatch();
      offUpdate();
      offConnected();
      offClock();
      player.destroy();
      playerRef.current = null;
      if (socket.getStatus() === 'connected') {
        socket.request('session:unwatch', { sessionId }).catch(() => {
          // The server also forgets watchers when the socket goes; nothing to do.
        });
      }
    };
  }, [socket, clock, sessionId, stage, mode]);

  // Separate from the effect above: a language switch must not re-watch.
  useEffect(() => {
    if (iframeTitle) playerRef.current?.setIframeTitle(iframeTitle);
  }, [iframeTitle, stage]);

  const replay = useMemo(
    () => ({
      current: () => playerRef.current?.replayHandle() ?? null,
      stream: () => playerRef.current?.shownStream() ?? null,
    }),
    [],
  );

  const choose = useCallback((tabId: string | null) => pickRef.current(tabId), []);

  return { session, error, newest, viewport, stats, replay, picked, pickTab: choose, dropped };
}
