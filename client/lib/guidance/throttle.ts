export interface Timers {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled<T> {
  /** Offer a value: sent now if the interval has passed, else the latest one is sent when it has. */
  push(value: T): void;
  /** Sends a pending value now. */
  flush(): void;
  /** Forgets a pending value. */
  cancel(): void;
}

/**
 * At most one call per `intervalMs`, leading and trailing: the first value
 * goes at once, later ones are coalesced and the last of them goes when the
 * interval is over. Nothing is lost at the end of a movement, and nothing
 * floods the socket while it lasts.
 */
export function throttle<T>(send: (value: T) => void, intervalMs: number, timers: Timers = realTimers): Throttled<T> {
  let lastSent = -Infinity;
  let pending: { value: T } | null = null;
  let timer: unknown = null;

  const fire = (): void => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastSent = timers.now();
    send(value);
  };

  return {
    push(value) {
      pending = { value };
      if (timer !== null) return;
      const wait = lastSent + intervalMs - timers.now();
      if (wait <= 0) fire();
      else timer = timers.setTimeout(fire, wait);
    },
    flush() {
      if (timer !== null) timers.clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
