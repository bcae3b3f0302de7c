/**
 * At most one call per `intervalMs`, and the last value always gets through
 * (a trailing call once the interval has passed). Used for the pointer
 * marker in the recording: ~5 a second at most, the final position kept.
 */
export class Sampler<T> {
  private lastAt = -Infinity;
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (value: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(value: T): void {
    const now = this.now();
    if (now - this.lastAt >= this.intervalMs && this.timer === undefined) {
      this.lastAt = now;
      this.emit(value);
      return;
    }
    this.pending = { value };
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), Math.max(0, this.intervalMs - (now - this.lastAt)));
    }
  }

  /** Drops a pending value without emitting it. */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
  }

  private flush(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    this.lastAt = this.now();
    this.emit(pending.value);
  }
}
