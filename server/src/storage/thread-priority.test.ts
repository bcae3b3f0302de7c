import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openStorage, type Storage } from './database.ts';
import { setThisThreadIdle, threadPolicy } from './thread-priority.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';
import { BatchCommitThread } from '../features/cobrowse/batch-commit-thread.ts';
import { SessionStore } from '../features/cobrowse/session-store.ts';

const SCHED_IDLE = 5;
const silent = pino({ level: 'silent' });
const page = { url: 'https://insurer.example/', title: 't', lang: 'ja' as const, viewport: { width: 800, height: 600 } };

/** The kernel ids of this process's threads under SCHED_IDLE. */
function idleThreads(): string[] {
  return readdirSync('/proc/self/task').filter((tid) => threadPolicy(tid) === SCHED_IDLE);
}

describe.runIf(process.platform === 'linux')('storage thread priority', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.destroy();
    storage = undefined;
  });

  async function database(): Promise<string> {
    dir = mkdtempSync(join(tmpdir(), 'tsunagi-priority-'));
    const file = join(dir, 'tsunagi.db');
    storage = openStorage(`sqlite:${file}`);
    await migrate(storage);
    return file;
  }

  it('puts the checkpoint thread, and only it, under SCHED_IDLE', async () => {
    const file = await database();
    const before = idleThreads();
    const checkpointer = await WalCheckpointer.start(file, 1000, silent, 'idle');
    try {
      const added = idleThreads().filter((tid) => !before.includes(tid));
      expect(added).toHaveLength(1);
      // This (the main) thread keeps its policy.
      expect(threadPolicy(String(process.pid))).toBe(0);
    } finally {
      await checkpointer.close();
    }
    expect(idleThreads()).toEqual(before);
  });

  it('puts the commit thread under SCHED_IDLE when asked, and it still commits', async () => {
    const file = await database();
    const before = idleThreads();
    const normal = await BatchCommitThread.start(file, 0, silent, 'normal');
    expect(idleThreads()).toEqual(before);
    await normal.close();

    const idle = await BatchCommitThread.start(file, 0, silent, 'idle');
    try {
      expect(idleThreads().filter((tid) => !before.includes(tid))).toHaveLength(1);
      const sessions = new SessionStore(storage!.db);
      const session = await sessions.create(page, 1000, 60_000);
      const json = '[{"type":2,"timestamp":1,"data":{}}]';
      expect(await idle.commit([{ sessionId: session.id, streamId: 'tab-1', seq: 1, receivedAt: 1001, json }])).toEqual([{ ok: true }]);
      expect((await sessions.allBatches(session.id)).map((row) => row.seq)).toEqual([1]);
    } finally {
      await idle.close();
    }
  });

  it('says why when chrt cannot be run, and changes nothing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(setThisThreadIdle()).toMatch(/chrt failed/);
    } finally {
      process.env.PATH = path;
    }
    expect(threadPolicy(String(process.pid))).toBe(0);
  });
});
