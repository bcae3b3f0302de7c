import { Replayer } from 'rrweb';
import type { eventWithTime } from '@rrweb/types';
import type { RecordedEvent } from '@tsunagi/shared';
import 'rrweb/dist/style.css';
import type { ReplayHandle } from '../guidance/replay-dom.ts';
import { CheckpointBuffer, type FeedStep } from './checkpoint-buffer.ts';
import type { Size } from './scale.ts';
import { clampTimestamp, ReplayTimeline } from './timeline.ts';

export type LivePlayerState = 'waiting' | 'playing';

export interface LivePlayerStats {
  state: LivePlayerState;
  /** Events the current rrweb replayer holds (it never lets go of them). */
  replayerEvents: number;
  /** Events kept for a rebuild: from the latest checkpoint on. */
  bufferedEvents: number;
  /** Fresh replayers started so far (first start included). */
  builds: number;
  /** The stream the view shows (one page load in one tab of the customer). */
  streamId: string | null;
}

export interface LivePlayerOptions {
  /** Element rrweb puts its `.replayer-wrapper` (and the replay iframe) in. */
  root: HTMLElement;
  /** Server time now (Date.now() + measured offset). */
  serverNow: () => number;
  /** How far behind "now" the replay runs; room for event spacing inside a batch. */
  delayMs?: number;
  /** Restart from the next checkpoint once the replayer holds more than this. */
  maxReplayerEvents?: number;
  /** The customer's viewport, from Meta and viewport-resize events as they play. */
  onViewport?: (size: Size) => void;
  onStats?: (stats: LivePlayerStats) => void;
  showWarnings?: boolean;
}

/**
 * rrweb's Replayer in live mode, kept current and bounded for a whole shift.
 *
 * - Start / rebuild: a fresh Replayer gets the buffered checkpoint (Meta +
 *   FullSnapshot + what followed) as its initial events and `play(offset)` to
 *   the timeline's baseline. Unlike `startLive()` + `addEvent()`, `play()`
 *   applies the past events synchronously *and flushes* rrweb's virtual DOM
 *   and pointer state, so the first frame is complete. Later events go in
 *   with `addEvent()`, which the player accepts while playing.
 * - Memory: rrweb keeps every event it was given (rrweb #1158). When a new
 *   checkpoint arrives and the replayer holds more than `maxReplayerEvents`,
 *   we drop it and start again from that checkpoint.
 * - Background tab: rrweb's timer runs on requestAnimationFrame, which stops
 *   in hidden tabs. While hidden we only buffer; on return we rebuild from
 *   the buffer so the view is current at once instead of replaying a backlog.
 * - Clock: see ReplayTimeline; if our server-clock estimate moves a lot (the
 *   first measurement lands after the start), we rebuild on the new estimate.
 */
export class LivePlayer {
  private readonly buffer = new CheckpointBuffer<eventWithTime>();
  private replayer: Replayer | null = null;
  private timeline: ReplayTimeline | null = null;
  private replayerEvents = 0;
  private builds = 0;
  private lastTimestamp = 0;
  /** Events arrived while hidden: the replayer is behind and must be rebuilt. */
  private stale = false;
  private destroyed = false;
  private iframeTitle = '';
  private readonly delayMs: number;
  private readonly maxReplayerEvents: number;

  constructor(private readonly options: LivePlayerOptions) {
    this.delayMs = options.delayMs ?? 100;
    this.maxReplayerEvents = options.maxReplayerEvents ?? 5000;
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  get stats(): LivePlayerStats {
    return {
      state: this.replayer ? 'playing' : 'waiting',
      replayerEvents: this.replayerEvents,
      bufferedEvents: this.buffer.buffered.length,
      builds: this.builds,
      streamId: this.shownStream(),
    };
  }

  /**
   * Shows `streamId` (the customer's active tab) from now on; null follows
   * the latest checkpoint of any stream. Returns false if its checkpoint is
   * not at hand: the view stays on what it shows until one arrives.
   */
  show(streamId: string | null): boolean {
    if (this.destroyed) return true;
    const steps = this.buffer.show(streamId);
    if (steps.length > 0) {
      if (document.visibilityState === 'hidden') this.stale = true;
      else this.rebuild();
      return true;
    }
    return streamId === null || this.buffer.stream === streamId;
  }

  /** Whether a checkpoint of `streamId` is at hand (showing it needs nothing from the server). */
  hasCheckpointOf(streamId: string): boolean {
    return this.buffer.hasCheckpointOf(streamId);
  }

  /** Drops what is kept of streams no tab shows any more. */
  retain(streamIds: ReadonlySet<string>): void {
    this.buffer.retain(streamIds);
  }

  /** One relayed batch, already ordered and deduplicated (see WatchFeed). */
  push(batch: { streamId: string; events: readonly RecordedEvent[] }): void {
    if (this.destroyed) return;
    const perfNow = performance.now();
    const events = batch.events.map((event) => {
      const timestamp = this.clamp(event.timestamp, perfNow);
      // A copy: rrweb writes `delay` into events, and we may feed the same
      // event to a later replayer. The wire shape is rrweb's eventWithTime
      // (see shared/src/protocol/recording.ts).
      return { ...event, timestamp };
    });
    const steps = this.buffer.add(batch.streamId, events);
    for (const step of steps) {
      if (this.needsRebuild(step)) {
        // The buffer already holds this whole batch, so the rebuild includes
        // the remaining steps too.
        this.rebuild();
        return;
      }
      this.feed(step.events);
    }
  }

  /**
   * The current replay iframe and its node-id mirror, for guidance. Asked
   * for at the moment of use: a rebuild replaces both.
   */
  replayHandle(): ReplayHandle | null {
    const replayer = this.replayer;
    if (!replayer) return null;
    return { iframe: replayer.iframe, mirror: replayer.getMirror() };
  }

  /** The stream the replay shows right now: what guidance must name with the replay's node ids. */
  shownStream(): string | null {
    return this.replayer ? this.buffer.stream : null;
  }

  /** Accessible name of the replay iframe (kept across rebuilds; follows the UI language). */
  setIframeTitle(title: string): void {
    this.iframeTitle = title;
    this.replayer?.iframe.setAttribute('title', title);
  }

  /** Call when the server-clock estimate changed. */
  clockChanged(): void {
    if (!this.timeline || this.destroyed) return;
    const drift = Math.abs(this.options.serverNow() - this.timeline.now(performance.now()));
    if (drift <= 500) return;
    if (document.visibilityState === 'hidden') this.stale = true;
    else this.rebuild();
  }

  destroy(): void {
    this.destroyed = true;
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.dropReplayer();
  }

  private clamp(timestamp: number, perfNow: number): number {
    this.lastTimestamp = this.timeline
      ? this.timeline.clamp(timestamp, perfNow)
      : clampTimestamp(timestamp, this.lastTimestamp, this.options.serverNow());
    return this.lastTimestamp;
  }

  private needsRebuild(step: FeedStep<eventWithTime>): boolean {
    if (document.visibilityState === 'hidden') {
      this.stale = true;
      return false;
    }
    if (this.stale) return true;
    if (step.kind !== 'checkpoint') return false;
    return !this.replayer || this.replayerEvents + step.events.length > this.maxReplayerEvents;
  }

  private feed(events: readonly eventWithTime[]): void {
    if (!this.replayer || this.stale) return;
    for (const event of events) this.replayer.addEvent(event);
    this.replayerEvents += events.length;
    this.emitStats();
  }

  private rebuild(): void {
    this.dropReplayer();
    this.stale = false;
    const events = [...this.buffer.buffered];
    const first = events[0];
    if (!first || !this.buffer.hasCheckpoint()) {
      this.emitStats();
      return;
    }
    this.timeline = new ReplayTimeline(this.options.serverNow(), performance.now(), this.delayMs, this.lastTimestamp);
    const replayer = new Replayer(events, {
      root: this.options.root,
      liveMode: true,
      UNSAFE_replayCanvas: false,
      mouseTail: false,
      // Focus would move into the replay iframe and away from the console.
      triggerFocus: false,
      showWarning: this.options.showWarnings ?? false,
      speed: 1,
      skipInactive: false,
    });
    // The replay is something to look at, not a place to tab into: its links
    // and fields are copies the agent cannot use, and the console's own
    // controls come after it.
    replayer.iframe.setAttribute('tabindex', '-1');
    if (this.iframeTitle) replayer.iframe.setAttribute('title', this.iframeTitle);
    replayer.on('resize', (size) => {
      const { width, height } = size as Size;
      this.options.onViewport?.({ width, height });
    });
    // Everything up to the baseline is applied at once; the rest (events of
    // the last `delayMs`) is scheduled on rrweb's timer as usual.
    replayer.play(Math.max(0, this.timeline.baseline - first.timestamp));
    // Where rrweb's timer stands on the server's clock, and at which
    // performance.now() of this page (the timer runs with it): anyone can
    // check the live view's clock against the server's, as the end-to-end
    // test with a skewed agent clock does.
    replayer.wrapper.dataset.replayClock = String(Math.round(replayer.getMetaData().startTime + replayer.getCurrentTime()));
    replayer.wrapper.dataset.replayClockAt = String(performance.now());
    this.replayer = replayer;
    this.replayerEvents = events.length;
    this.builds += 1;
    this.emitStats();
  }

  private dropReplayer(): void {
    const replayer = this.replayer;
    this.replayer = null;
    this.timeline = null;
    this.replayerEvents = 0;
    if (!replayer) return;
    try {
      replayer.destroy();
    } catch (error) {
      // A replayer whose iframe was already detached throws here; it is gone
      // either way.
      console.warn('[tsunagi] replayer destroy failed', error);
    }
  }

  private readonly handleVisibility = (): void => {
    if (document.visibilityState === 'visible' && this.stale && !this.destroyed) this.rebuild();
  };

  private emitStats(): void {
    this.options.onStats?.(this.stats);
  }
}
