/**
 * Which sessions a group commit should mark active (`last_activity_at`).
 *
 * Writing the time for every session of every group touched one scattered
 * page of `cobrowse_sessions` per batch, and on SQLite each such page goes
 * through the WAL and the checkpoint again: a third of the commit thread's
 * time at a thousand sessions (docs/performance.md). The time only serves
 * the idle sweep, which ends a session after `IDLE_TIMEOUT_MS` (minutes), so
 * it is written once per `granularityMs` per session instead: a busy
 * session's stored time is never more than that (plus a commit) behind.
 *
 * Remembers what was written in two generations swapped every
 * `granularityMs`, so sessions that went quiet are forgotten without a sweep.
 * `written` is called only after the transaction commits: a failed commit
 * leaves nothing remembered, and its sessions are touched by the next group.
 */
export class ActivityTouches {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  private rotatedAt = -Infinity;

  constructor(readonly granularityMs: number) {}

  /** The granularity that keeps the idle sweep exact to a twentieth of its timeout, at most 5 s. */
  static forIdleTimeout(idleTimeoutMs: number): ActivityTouches {
    return new ActivityTouches(Math.min(5_000, Math.floor(idleTimeoutMs / 20)));
  }

  /** Of `sessions` (session → its latest batch time), those whose stored time is due for a write. */
  due(sessions: ReadonlyMap<string, number>): Map<string, number> {
    const due = new Map<string, number>();
    for (const [sessionId, at] of sessions) {
      const last = this.current.get(sessionId) ?? this.previous.get(sessionId);
      if (last === undefined || at - last >= this.granularityMs) due.set(sessionId, at);
    }
    return due;
  }

  /** Call once the times in `touched` are committed. */
  written(touched: ReadonlyMap<string, number>, now: number): void {
    if (now - this.rotatedAt >= this.granularityMs) {
      this.previous = this.current;
      this.current = new Map();
      this.rotatedAt = now;
    }
    for (const [sessionId, at] of touched) this.current.set(sessionId, at);
  }
}
