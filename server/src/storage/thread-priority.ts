import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';

export type StorageThreadPriority = 'idle' | 'normal';

/**
 * Puts the calling thread under Linux's SCHED_IDLE policy. For the storage
 * threads (the SQLite commit thread and the WAL checkpoint thread): their
 * work is throughput, the relay thread's is what agents see. On a machine of
 * two cores under load all of them want a core at once — the relay thread,
 * the commit thread's JSON checks and inserts, V8's collector helpers — and
 * at the normal policy the relay thread waited for one: its median latency
 * at 1,000 sessions was 1.0–1.5 ms against the bare relay's 0.4–0.5, and
 * 0.4–0.6 with the storage threads idle (20 s windows; docs/performance.md,
 * session 8).
 * A nice value was not enough (session 7: nice 10 made no difference): the
 * scheduler lets a waking normal thread preempt an idle-policy one at once.
 *
 * What it costs: when the machine is saturated, commits (and so acks) wait
 * for a free core. A customer keeps at most four batches unacknowledged, so
 * slower acks slow what customers send, which frees the CPU the commits
 * need; nothing is lost, the widget holds the batches. Idle-policy threads
 * still get a small share even on a saturated machine, so they never stop.
 *
 * Linux has no call for this in Node, so it runs `chrt` (util-linux, always
 * there on Debian) once, on this thread's kernel id. Returns why it could
 * not (not Linux, no chrt), or undefined once the policy is set.
 */
export function setThisThreadIdle(): string | undefined {
  let threadId: string;
  try {
    // "<pid>/task/<tid>": the kernel's id of this very thread.
    threadId = readlinkSync('/proc/thread-self').split('/').pop() ?? '';
  } catch {
    return 'no /proc/thread-self (not Linux)';
  }
  if (!/^\d+$/.test(threadId)) return `unexpected thread id ${JSON.stringify(threadId)}`;
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', threadId], { stdio: 'ignore', timeout: 5000 });
  } catch (error) {
    return `chrt failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return threadPolicy(threadId) === 5 ? undefined : 'the policy did not change';
}

/** The scheduling policy number of one of this process's threads, from /proc (5 is SCHED_IDLE), or undefined. */
export function threadPolicy(threadId: string): number | undefined {
  try {
    // Field 41 of stat; the command name (field 2) may hold spaces, so count from its closing parenthesis.
    const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[41 - 3]);
  } catch {
    return undefined;
  }
}

/** Applies `priority` to the calling storage thread; the reason it could not, if any. */
export function applyStorageThreadPriority(priority: StorageThreadPriority): string | undefined {
  return priority === 'idle' ? setThisThreadIdle() : undefined;
}
