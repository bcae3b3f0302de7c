import type { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openStorage, type Storage } from '../../storage/database.ts';
import { BatchCommitThread } from './batch-commit-thread.ts';
import { BatchWriter } from './batch-writer.ts';
import type { PendingBatch } from './batch-store.ts';
import { SessionStore } from './session-store.ts';

const page = { url: 'https://insurer.example/', title: 't', lang: 'ja' as const, viewport: { width: 800, height: 600 } };
const silent = pino({ level: 'silent' });

describe('BatchCommitThread', () => {
  let dir: string | undefined;
  let storage: Storage | undefined;
  let thread: BatchCommitThread | undefined;
  afterEach(async () => {
    await thread?.close();
    await storage?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = storage = thread = undefined;
  });

  /** `activityGranularityMs` 0: every group writes its sessions' activity time. */
  async function setUp(activityGranularityMs = 0) {
    dir = mkdtempSync(join(tmpdir(), 'tsunagi-commit-thread-'));
    const url = `sqlite:${join(dir, 'tsunagi.db')}`;
    storage = openStorage(url);
    await migrate(storage);
    thread = await BatchCommitThread.start(join(dir, 'tsunagi.db'), activityGranularityMs, silent, 'normal');
    return { sessions: new SessionStore(storage.db), thread, storage };
  }

  /** Seq 1 holds a full snapshot (type 2), as a page load's first batch does. */
  const batch = (sessionId: string, seq: number, json = `[{"type":${seq === 1 ? 2 : 3},"timestamp":${seq},"data":{}}]`): PendingBatch => ({
    sessionId,
    streamId: 'tab-one-1',
    seq,
    receivedAt: 1000 + seq,
    json,
  });

  it('commits groups on its own connection, in order, visible to the main connection once resolved', async () => {
    const { sessions, thread } = await setUp();
    const session = await sessions.create(page, 1000, 60_000);
    const writer = new BatchWriter(thread.commit, 60_000);
    const first = [1, 2, 3].map((seq) => writer.append(batch(session.id, seq)));
    await writer.flush();
    await Promise.all(first);
    // A resend of seq 2 and the next batch, in a second group.
    const second = [batch(session.id, 2, '["resent"]'), batch(session.id, 4)].map((item) => writer.append(item));
    await writer.flush();
    await Promise.all(second);

    const stored = await sessions.allBatches(session.id);
    expect(stored.map((row) => row.seq)).toEqual([1, 2, 3, 4]);
    expect(JSON.stringify(stored[1]!.events)).not.toContain('resent');
    expect((await sessions.streamPositions(session.id, ['tab-one-1'])).get('tab-one-1')).toBe(4);
    const row = (await sessions.get(session.id))!;
    expect([row.checkpoint_stream_id, row.checkpoint_seq, row.last_activity_at]).toEqual(['tab-one-1', 1, 1004]);
  });

  it('writes a busy session\'s activity time once per granularity, not with every group', async () => {
    const { sessions, thread } = await setUp(60_000);
    const session = await sessions.create(page, 1000, 60_000);
    const activityAfter = async (seq: number, receivedAt: number) => {
      await thread.commit([{ ...batch(session.id, seq), receivedAt }]);
      return (await sessions.get(session.id))!.last_activity_at;
    };
    expect(await activityAfter(1, 1_001)).toBe(1_001);
    expect(await activityAfter(2, 30_000)).toBe(1_001);
    expect(await activityAfter(3, 61_001)).toBe(61_001);
  });

  it('checks the events on the thread: a bad batch and what follows it are refused, one by one', async () => {
    const { sessions, thread } = await setUp();
    const session = await sessions.create(page, 1000, 60_000);
    const outcomes = await thread.commit([batch(session.id, 1), batch(session.id, 2, '{"not":"an array"}'), batch(session.id, 3)]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'stored' : outcome.code))).toEqual(['stored', 'bad_request', 'out_of_order']);
    expect((await sessions.allBatches(session.id)).map((row) => row.seq)).toEqual([1]);
    // The customer sends seq 2 again, fixed: the stream goes on from there.
    expect((await thread.commit([batch(session.id, 2), batch(session.id, 3)])).every((outcome) => outcome.ok)).toBe(true);
    expect((await sessions.allBatches(session.id)).map((row) => row.seq)).toEqual([1, 2, 3]);
  });

  it('fails a group the database refuses, and goes on committing the next', async () => {
    const { sessions, thread } = await setUp();
    const session = await sessions.create(page, 1000, 60_000);
    // No such session: the foreign key refuses the whole group.
    await expect(thread.commit([batch('00000000-0000-4000-8000-000000000000', 1)])).rejects.toThrow(/FOREIGN KEY/);
    await thread.commit([batch(session.id, 1)]);
    expect((await sessions.allBatches(session.id)).map((row) => row.seq)).toEqual([1]);
  });

  it('fails the groups in flight when the thread dies, and starts a new thread for the next', async () => {
    const { sessions, thread } = await setUp();
    const session = await sessions.create(page, 1000, 60_000);
    const worker = (thread as unknown as { worker: Worker }).worker;
    // The thread is told to stop before the group is posted to it, so the group
    // can never be committed first. (Not by holding SQLite's lock: a thread
    // stopped inside a native busy-wait takes the whole process down.)
    const stopped = worker.terminate();
    const inFlight = thread.commit([batch(session.id, 1)]);
    await stopped;
    await expect(inFlight).rejects.toThrow(/stopped/);
    await thread.commit([batch(session.id, 1)]);
    expect((await sessions.allBatches(session.id)).map((row) => row.seq)).toEqual([1]);
  });

  it('lets the groups already posted finish before it closes', async () => {
    const { sessions, thread } = await setUp();
    const session = await sessions.create(page, 1000, 60_000);
    const posted = [1, 2].map((seq) => thread.commit([batch(session.id, seq)]));
    await thread.close();
    await Promise.all(posted);
    expect((await sessions.allBatches(session.id)).map((row) => row.seq)).toEqual([1, 2]);
    await expect(thread.commit([batch(session.id, 3)])).rejects.toThrow(/closed/);
  });
});
