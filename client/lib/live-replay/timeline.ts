/**
 * The replayer's own idea of "now", on the server clock, and the timestamp
 * clamp that keeps live events playable.
 *
 * Why: rrweb's live mode plays an event when its timer (started at
 * `baseline`, advanced by performance.now()) reaches the event's timestamp.
 * Event timestamps are on the server clock (the widget corrects them), so we
 * start at `serverNow − delay`. Two things could still delay or break the
 * view, and the clamp handles both:
 * - an event stamped ahead of our timeline (a skewed customer clock, or our
 *   own offset estimate improving after the start) would wait that long
 *   before showing (rrweb #1073) — so we cap it at the timeline's "now";
 * - an event stamped before the baseline would be cast "synchronously", which
 *   in live mode leaves some of its effects (pointer position, virtual-DOM
 *   mutations) waiting for a flush that never comes — so we raise it to the
 *   baseline.
 * Clamped timestamps never go backwards either, which keeps rrweb's
 * timestamp-sorted event list in arrival order.
 */

/** Caps a timestamp at `ceiling` and raises it to `floor` (the floor wins). */
export function clampTimestamp(timestamp: number, floor: number, ceiling: number): number {
  return Math.max(floor, Math.min(timestamp, ceiling));
}

export class ReplayTimeline {
  private readonly startServer: number;
  private readonly startPerf: number;
  private floor: number;

  /**
   * @param serverNow server time at the start (our clock + measured offset)
   * @param perfNow performance.now() at the start
   * @param delayMs how far behind "now" the replay runs: room for the spacing
   *   of events inside a batch
   * @param lastTimestamp the latest timestamp already handed out, so the
   *   sequence stays monotonic across a rebuild
   */
  constructor(serverNow: number, perfNow: number, readonly delayMs: number, lastTimestamp = 0) {
    this.startServer = serverNow;
    this.startPerf = perfNow;
    this.floor = Math.max(this.baseline, lastTimestamp);
  }

  /** The time rrweb's timer starts from. */
  get baseline(): number {
    return this.startServer - this.delayMs;
  }

  /** Server time now as this timeline counts it: the offset is frozen at the start. */
  now(perfNow: number): number {
    return this.startServer + (perfNow - this.startPerf);
  }

  /** The timestamp to give a live event arriving now. */
  clamp(timestamp: number, perfNow: number): number {
    this.floor = clampTimestamp(timestamp, this.floor, this.now(perfNow));
    return this.floor;
  }
}
