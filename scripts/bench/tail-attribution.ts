/**
 * What the slowest relay samples waited for (`--gc-trace`). A relay sample
 * is the span from a customer's emit to the viewer's receipt; it counts as
 * waiting for a garbage-collection pause when the pause overlaps that span.
 * Each sample at or above the tail threshold (p99) is attributed to the
 * heaviest pause it overlaps: the server's full (major) collection, its
 * incremental marking step, its young (minor) collection, else the load
 * generator's own collection (which delays the receipt, for either server),
 * else none of them — CPU contention, the server's own work, the network.
 *
 * Session 7 found the real server's p99 set by a few clusters of slow
 * samples, each under one major collection (docs/performance.md).
 */
export interface GcPause {
  /** Wall-clock ms. */
  start: number;
  duration: number;
  kind: string;
}

export type TailCause = 'server major' | 'server incremental' | 'server minor' | 'server other' | 'generator' | 'none';

export const TAIL_CAUSES: readonly TailCause[] = ['server major', 'server incremental', 'server minor', 'server other', 'generator', 'none'];

export interface PauseSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface TailAttribution {
  /** Samples at or above this latency (ms) are the tail. */
  threshold: number;
  tail: number;
  causes: Record<TailCause, number>;
  /** The server's pauses that began inside the window (or windows), by kind. */
  serverPauses: Record<string, PauseSummary>;
  generatorPauses: PauseSummary;
}

/** Parses gc-events.ts lines: `<start ms> <duration ms> <kind>`. */
export function parseGcPauses(text: string): GcPause[] {
  const pauses: GcPause[] = [];
  for (const line of text.split('\n')) {
    const [start, duration, kind] = line.trim().split(' ');
    if (start === undefined || duration === undefined || kind === undefined) continue;
    const pause = { start: Number(start), duration: Number(duration), kind };
    if (Number.isFinite(pause.start) && Number.isFinite(pause.duration)) pauses.push(pause);
  }
  return pauses.sort((a, b) => a.start - b.start);
}

const SERVER_CAUSE: Record<string, TailCause> = { major: 'server major', incremental: 'server incremental', minor: 'server minor' };

/**
 * `sentAt[i]` and `latency[i]` describe sample i (ms); the pauses need not be
 * sorted. The tail is every sample at or above the `quantile` (nearest rank).
 */
export function attributeTail(
  sentAt: Float64Array,
  latency: Float64Array,
  serverPauses: readonly GcPause[],
  generatorPauses: readonly GcPause[],
  /** The measured window; with --interleave, the measured parts of the slices. */
  windows: readonly { start: number; end: number }[],
  quantile = 0.99,
): TailAttribution {
  const sorted = Float64Array.from(latency).sort();
  const threshold = sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))]! : NaN;
  const causes = Object.fromEntries(TAIL_CAUSES.map((cause) => [cause, 0])) as Record<TailCause, number>;
  const server = [...serverPauses].sort((a, b) => a.start - b.start);
  const generator = [...generatorPauses].sort((a, b) => a.start - b.start);
  const longest = Math.max(0, ...server.map((p) => p.duration), ...generator.map((p) => p.duration));
  let tail = 0;
  for (let i = 0; i < latency.length; i++) {
    const from = sentAt[i]!;
    const to = from + latency[i]!;
    if (latency[i]! < threshold) continue;
    tail++;
    causes[causeOf(overlapping(server, from, to, longest), overlapping(generator, from, to, longest))]++;
  }
  const inWindow = (pause: GcPause) => windows.some((w) => pause.start >= w.start && pause.start < w.end);
  const serverSummary: Record<string, PauseSummary> = {};
  for (const pause of server.filter(inWindow)) add((serverSummary[pause.kind] ??= { count: 0, totalMs: 0, maxMs: 0 }), pause);
  const generatorSummary = { count: 0, totalMs: 0, maxMs: 0 };
  for (const pause of generator.filter(inWindow)) add(generatorSummary, pause);
  return { threshold, tail, causes, serverPauses: serverSummary, generatorPauses: generatorSummary };
}

function causeOf(server: GcPause[], generator: GcPause[]): TailCause {
  for (const kind of ['major', 'incremental', 'minor']) if (server.some((pause) => pause.kind === kind)) return SERVER_CAUSE[kind]!;
  if (server.length > 0) return 'server other';
  return generator.length > 0 ? 'generator' : 'none';
}

/** Pauses (sorted by start) overlapping [from, to]; `longest` bounds how far back one can start. */
function overlapping(pauses: readonly GcPause[], from: number, to: number, longest: number): GcPause[] {
  // First pause that could still be running at `from`.
  let low = 0;
  let high = pauses.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (pauses[mid]!.start < from - longest) low = mid + 1;
    else high = mid;
  }
  const found: GcPause[] = [];
  for (let i = low; i < pauses.length && pauses[i]!.start <= to; i++) {
    if (pauses[i]!.start + pauses[i]!.duration >= from) found.push(pauses[i]!);
  }
  return found;
}

function add(summary: PauseSummary, pause: GcPause): void {
  summary.count++;
  summary.totalMs += pause.duration;
  summary.maxMs = Math.max(summary.maxMs, pause.duration);
}

/** One line for the report: where the tail's samples were. */
export function describeTail(attribution: TailAttribution): string {
  const share = (n: number) => `${Math.round((100 * n) / Math.max(1, attribution.tail))} %`;
  const causes = TAIL_CAUSES.filter((cause) => attribution.causes[cause] > 0).map((cause) => `${cause} ${share(attribution.causes[cause])}`);
  return `${attribution.tail} samples ≥ ${attribution.threshold.toFixed(1)} ms: ${causes.join(', ')}`;
}

/** One line for the report: the pauses inside the measured window. */
export function describePauses(attribution: TailAttribution): string {
  const one = (name: string, s: PauseSummary) => `${name} ${s.count} (${s.totalMs.toFixed(0)} ms, max ${s.maxMs.toFixed(1)})`;
  const server = Object.entries(attribution.serverPauses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, summary]) => one(kind, summary));
  return `server ${server.join(', ') || 'none'}; load generator ${one('all', attribution.generatorPauses)}`;
}
