/**
 * Preloaded into a server under test with `--gc-trace` (`node --import
 * scripts/bench/dist/gc-events.js …`, built with the bare relay): appends
 * each garbage-collection pause of the process's main thread — the one
 * that runs Socket.IO — to `BENCH_GC_EVENTS_FILE`, one line per pause:
 * `<wall-clock start ms> <duration ms> <kind>`. Wall-clock (timeOrigin +
 * now), so the benchmark can line the pauses up with its relay samples.
 *
 * Written once a second from a buffer, not per event: the observer must not
 * add work of its own to the relay path.
 */
import { appendFileSync } from 'node:fs';
import { PerformanceObserver, performance, constants } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_GC_EVENTS_FILE;

/** Node's GC kinds (perf_hooks constants) as words. */
const GC_KIND_NAMES: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};

/** Observes this thread's GC pauses; `flush` receives the lines gathered since the last call. */
export function observeGcPauses(flush: (lines: string[]) => void, everyMs = 1000): () => void {
  let lines: string[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Node 20 puts the kind in `detail` (NodeGCPerformanceDetail); its types for PerformanceEntry lack it.
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1;
      lines.push(`${(performance.timeOrigin + entry.startTime).toFixed(2)} ${entry.duration.toFixed(3)} ${GC_KIND_NAMES[kind] ?? 'other'}`);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const send = () => {
    if (lines.length === 0) return;
    const out = lines;
    lines = [];
    flush(out);
  };
  const timer = setInterval(send, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    observer.disconnect();
    send();
  };
}

if (file && isMainThread) {
  const stop = observeGcPauses((lines) => appendFileSync(file, lines.join('\n') + '\n'));
  process.once('exit', stop);
}
