/** One `clock:ping` round trip, all times in milliseconds. */
export interface ClockSample {
  /** Our Date.now() when the ping left. */
  sentAt: number;
  /** Our Date.now() when the answer came back. */
  receivedAt: number;
  /** The server's clock when it answered. */
  serverTime: number;
}

export interface ClockEstimate {
  /** Add to Date.now() to get server time. */
  offset: number;
  /** Round trip of the sample the estimate came from: the error is at most half of it. */
  rtt: number;
}

/**
 * NTP's simplest rule: the server answered somewhere inside the round trip,
 * most likely near its middle, and the sample with the shortest round trip
 * bounds the error most tightly (a slow sample was delayed on one leg, and
 * we cannot know which). Samples with a negative round trip (our clock jumped)
 * are ignored.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const sample of samples) {
    const rtt = sample.receivedAt - sample.sentAt;
    if (rtt < 0 || !Number.isFinite(rtt)) continue;
    if (best && rtt >= best.rtt) continue;
    best = { rtt, offset: Math.round(sample.serverTime - (sample.sentAt + rtt / 2)) };
  }
  return best;
}
