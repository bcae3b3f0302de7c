import { estimateClockOffset, type ClockEstimate, type ClockSample } from './clock-offset.ts';

export interface ServerClockOptions {
  /** Asks the server for its time (`clock:ping`). */
  ping: () => Promise<number>;
  samplesPerRound?: number;
  /** Pause between the samples of one round, so one hiccup does not spoil them all. */
  sampleGapMs?: number;
  /** Clocks drift and laptops sleep: measure again this often. */
  resyncEveryMs?: number;
}

type Listener = () => void;

/**
 * This console's estimate of the server clock. Queue waiting times, the lag
 * indicator and the live replay's baseline all read `now()`, so a wrong local
 * clock never shows up as a wrong number or a delayed view.
 */
export class ServerClock {
  private estimate: ClockEstimate | null = null;
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private round = 0;

  constructor(private readonly options: ServerClockOptions) {}

  /** Server time now; until the first round completes, our own clock. */
  now = (): number => Date.now() + (this.estimate?.offset ?? 0);

  get offset(): number {
    return this.estimate?.offset ?? 0;
  }

  get synced(): boolean {
    return this.estimate !== null;
  }

  /** Called when the offset changes (for example the first measurement arrives). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Measures now and then periodically. Call again after a reconnect. */
  start(): void {
    this.running = true;
    this.clearTimer();
    void this.measure();
  }

  stop(): void {
    this.running = false;
    this.round += 1;
    this.clearTimer();
  }

  private async measure(): Promise<void> {
    const round = ++this.round;
    const { samplesPerRound = 5, sampleGapMs = 150, resyncEveryMs = 5 * 60_000 } = this.options;
    const samples: ClockSample[] = [];
    for (let i = 0; i < samplesPerRound; i++) {
      if (round !== this.round) return;
      const sentAt = Date.now();
      try {
        const serverTime = await this.options.ping();
        samples.push({ sentAt, receivedAt: Date.now(), serverTime });
      } catch {
        // A failed ping just means one sample fewer; the socket's own status
        // tells the agent about connection problems.
      }
      if (i < samplesPerRound - 1) await new Promise((resolve) => setTimeout(resolve, sampleGapMs));
    }
    if (round !== this.round) return;
    const next = estimateClockOffset(samples);
    if (next) {
      const changed = this.estimate?.offset !== next.offset;
      this.estimate = next;
      if (changed) for (const listener of this.listeners) listener();
    }
    if (this.running) this.timer = setTimeout(() => void this.measure(), resyncEveryMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
