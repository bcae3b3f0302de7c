import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrate, openStorage, type Storage } from '../../storage/database.ts';
import { BatchWriter } from './batch-writer.ts';
import type { BatchOutcome } from './batch-plan.ts';
import { ActivityTouches } from './activity-touches.ts';
import { commitBatchGroup, type PendingBatch } from './batch-store.ts';
import { SessionStore } from './session-store.ts';

const page = { url: 'https://insurer.example/', title: 't', lang: 'ja' as const, viewport: { width: 800, height: 600 } };

describe('BatchWriter', () => {
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.destroy();
    storage = undefined;
  });

  it('stores a flush of many sessions and streams with their positions, activity and checkpoints', async () => {
    storage = openStorage('sqlite::memory:');
    await migrate(storage);
    const sessions = new SessionStore(storage.db);
    const a = await sessions.create(page, 1000, 60_000);
    const b = await sessions.create(page, 1000, 60_000);
    const writer = new BatchWriter((batches) => commitBatchGroup(storage!.db, new ActivityTouches(0), batches), 60_000);
    const batch = (sessionId: string, streamId: string, seq: number, receivedAt: number, hasFullSnapshot = false): PendingBatch => ({
      sessionId,
      streamId,
      seq,
      receivedAt,
      json: `[{"type":${hasFullSnapshot ? 2 : 3},"timestamp":${receivedAt},"data":{}}]`,
    });

    const first = [
      batch(a.id, 'tab-one-1', 1, 2000, true),
      batch(a.id, 'tab-one-1', 2, 2100),
      batch(a.id, 'tab-two-2', 1, 2300, true),
      batch(b.id, 'tab-bbb-1', 1, 2200),
    ].map((item) => writer.append(item));
    await writer.flush();
    await Promise.all(first);

    expect([...(await sessions.streamPositions(a.id, ['tab-one-1', 'tab-two-2']))]).toEqual([
      ['tab-one-1', 2],
      ['tab-two-2', 1],
    ]);
    expect((await sessions.streamPositions(b.id, ['tab-bbb-1'])).get('tab-bbb-1')).toBe(1);
    const rowA = (await sessions.get(a.id))!;
    expect(rowA.last_activity_at).toBe(2300);
    expect([rowA.checkpoint_stream_id, rowA.checkpoint_seq]).toEqual(['tab-two-2', 1]);
    const rowB = (await sessions.get(b.id))!;
    // One group commit: its latest batch time is every session's activity.
    expect(rowB.last_activity_at).toBe(2300);
    expect(rowB.checkpoint_seq).toBeNull();

    // A late resend never moves a position backwards; the next flush moves it on.
    const second = [batch(a.id, 'tab-one-1', 1, 3000), batch(b.id, 'tab-bbb-1', 2, 3100)].map((item) => writer.append(item));
    await writer.flush();
    await Promise.all(second);
    expect((await sessions.streamPositions(a.id, ['tab-one-1'])).get('tab-one-1')).toBe(2);
    expect((await sessions.streamPositions(b.id, ['tab-bbb-1'])).get('tab-bbb-1')).toBe(2);
    expect((await sessions.allBatches(a.id)).map((row) => `${row.streamId}/${row.seq}`)).toEqual(['tab-one-1/1', 'tab-one-1/2', 'tab-two-2/1']);
  });

  it('refuses a batch whose events fail the schema, and what follows it in its stream, storing the rest of the group', async () => {
    storage = openStorage('sqlite::memory:');
    await migrate(storage);
    const sessions = new SessionStore(storage.db);
    const a = await sessions.create(page, 1000, 60_000);
    const writer = new BatchWriter((batches) => commitBatchGroup(storage!.db, new ActivityTouches(0), batches), 60_000);
    const batch = (streamId: string, seq: number, json: string): PendingBatch => ({ sessionId: a.id, streamId, seq, receivedAt: 2000 + seq, json });
    const event = '{"type":3,"timestamp":1,"data":{}}';

    const outcomes = [
      batch('tab-one-1', 1, `[${event}]`),
      batch('tab-one-1', 2, '[{"type":99,"timestamp":1}]'),
      batch('tab-one-1', 3, `[${event}]`),
      batch('tab-two-2', 1, `[${event}`),
      batch('tab-three-3', 2, `[${event}]`),
      batch('tab-four-4', 1, `[${event}]`),
    ].map((item) => writer.append(item).then(() => 'stored', (error: { code?: string }) => error.code));
    await writer.flush();

    expect(await Promise.all(outcomes)).toEqual(['stored', 'bad_request', 'out_of_order', 'bad_request', 'out_of_order', 'stored']);
    expect((await sessions.allBatches(a.id)).map((row) => `${row.streamId}/${row.seq}`)).toEqual(['tab-one-1/1', 'tab-four-4/1']);
    expect([...(await sessions.streamPositions(a.id, ['tab-one-1', 'tab-two-2', 'tab-four-4']))]).toEqual([
      ['tab-one-1', 1],
      ['tab-two-2', 0],
      ['tab-four-4', 1],
    ]);
  });

  /** A commit the test completes by hand, recording each group's seqs. */
  function manualCommit() {
    const groups: number[][] = [];
    const finish: (() => void)[] = [];
    const commit = (batches: PendingBatch[]) =>
      new Promise<BatchOutcome[]>((resolve) => {
        groups.push(batches.map((b) => b.seq));
        finish.push(() => resolve(batches.map(() => ({ ok: true }))));
      });
    return { groups, commit, finishNext: () => finish.shift()!() };
  }
  const pending = (seq: number): PendingBatch => ({ sessionId: 's', streamId: 'stream-1', seq, receivedAt: seq, json: '[]' });
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('writes one group at a time; what arrives meanwhile becomes the next group, whole', async () => {
    const { groups, commit, finishNext } = manualCommit();
    const writer = new BatchWriter(commit, 2);
    const stored = [writer.append(pending(1))];
    await tick(10);
    expect(groups).toEqual([[1]]);
    // Several timer periods pass while the first group is still being written.
    for (const seq of [2, 3, 4]) {
      stored.push(writer.append(pending(seq)));
      await tick(10);
    }
    expect(groups).toEqual([[1]]);
    finishNext();
    await stored[0];
    await tick(0);
    expect(groups).toEqual([[1], [2, 3, 4]]);
    finishNext();
    await Promise.all(stored);
  });

  it('flush resolves once what was appended before it is stored, though more keeps arriving', async () => {
    const { groups, commit, finishNext } = manualCommit();
    const writer = new BatchWriter(commit, 60_000);
    void writer.append(pending(1));
    let flushed = false;
    const flush = writer.flush().then(() => (flushed = true));
    expect(groups).toEqual([[1]]);
    void writer.append(pending(2));
    finishNext();
    await flush;
    expect(flushed).toBe(true);
    // Batch 2 still waits for its group (the timer's): flush did not wait for it.
    expect(groups).toEqual([[1]]);
  });

  it('a flush asked for during a commit starts the next group as soon as that commit is done', async () => {
    const { groups, commit, finishNext } = manualCommit();
    const writer = new BatchWriter(commit, 60_000);
    void writer.append(pending(1));
    void writer.flush();
    void writer.append(pending(2));
    const flushed = writer.flush();
    expect(groups).toEqual([[1]]);
    finishNext();
    await tick(0);
    expect(groups).toEqual([[1], [2]]);
    finishNext();
    await flushed;
  });

  it('settles a large group over several turns of the event loop, in order, groups one after another', async () => {
    const { commit, finishNext } = manualCommit();
    const writer = new BatchWriter(commit, 60_000);
    const order: number[] = [];
    const first = Array.from({ length: 100 }, (_, i) => writer.append(pending(i + 1)).then(() => order.push(i + 1)));
    void writer.flush();
    const second = [101, 102].map((seq) => writer.append(pending(seq)).then(() => order.push(seq)));
    void writer.flush(); // the second group starts as soon as the first is committed
    finishNext();
    await new Promise((resolve) => setImmediate(resolve));
    // Other work (here this test) ran before the first group's last ack.
    expect(order.length).toBeGreaterThan(0);
    expect(order.length).toBeLessThan(100);
    finishNext(); // the second group is committed while the first is still being settled
    await Promise.all([...first, ...second]);
    expect(order).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
    await writer.flush();
  });

  it('starts groups at most once per flush period, however fast commits are', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { groups, commit, finishNext } = manualCommit();
      const writer = new BatchWriter(commit, 50);
      void writer.append(pending(1));
      await vi.advanceTimersByTimeAsync(50);
      expect(groups).toEqual([[1]]);
      void writer.append(pending(2));
      await vi.advanceTimersByTimeAsync(5);
      finishNext(); // done 5 ms after it started: batch 2 waits 45 ms more
      await vi.advanceTimersByTimeAsync(44);
      expect(groups).toEqual([[1]]);
      void writer.append(pending(3));
      await vi.advanceTimersByTimeAsync(1);
      expect(groups).toEqual([[1], [2, 3]]);
      // A commit slower than the period: the next group follows it at once.
      void writer.append(pending(4));
      await vi.advanceTimersByTimeAsync(80);
      finishNext();
      await vi.advanceTimersByTimeAsync(0);
      expect(groups).toEqual([[1], [2, 3], [4]]);
      finishNext();
    } finally {
      vi.useRealTimers();
    }
  });
});
