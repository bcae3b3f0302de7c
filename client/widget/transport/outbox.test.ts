import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readDroppedEventMarker, type RecordedEvent, type UnsentBatch } from '@tsunagi/shared';
import { DEFAULT_MAX_IN_FLIGHT, Outbox, type OutboxOptions, type SendOutcome } from './outbox.ts';

const META = 4;
const FULL = 2;
const INCR = 3;

function ev(type: number, payload = ''): RecordedEvent {
  return { type, timestamp: 1000, data: { payload } };
}

/** A fake server: records every batch sent and lets the test answer each one. */
function harness(overrides: Partial<OutboxOptions> = {}) {
  const sent: { batch: UnsentBatch; answer(outcome: SendOutcome): void }[] = [];
  const warnings: string[] = [];
  const calls = { resync: 0, fatal: [] as string[], snapshot: 0 };
  const outbox = new Outbox('stream-current-1', {
    maxBatchBytes: 10_000,
    batchIntervalMs: 100,
    send: (batch) =>
      new Promise<SendOutcome>((resolve) => {
        sent.push({ batch: structuredClone(batch), answer: resolve });
      }),
    onResync: () => calls.resync++,
    onFatal: (code) => calls.fatal.push(code),
    onSnapshotNeeded: () => calls.snapshot++,
    warn: (m) => warnings.push(m),
    // One at a time unless a test says otherwise: the order of events is then plain to read.
    maxInFlight: 1,
    ...overrides,
  });
  /** Answers the oldest unanswered batch and lets the promise chain run. */
  const answer = async (outcome: SendOutcome = { ok: true }) => {
    const next = sent.find((s) => !(s as { done?: boolean }).done)!;
    (next as { done?: boolean }).done = true;
    next.answer(outcome);
    await vi.advanceTimersByTimeAsync(0);
  };
  const seqs = () => sent.map((s) => `${s.batch.streamId === 'stream-current-1' ? '' : s.batch.streamId + ':'}${s.batch.seq}`);
  return { outbox, sent, answer, warnings, calls, seqs };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Outbox batching', () => {
  it('gathers events for batchIntervalMs and numbers batches 1, 2, 3', async () => {
    const { outbox, sent, answer } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    outbox.push(ev(INCR, 'b'));
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.batch).toMatchObject({ streamId: 'stream-current-1', seq: 1 });
    expect(sent[0]!.batch.events).toHaveLength(2);
    await answer();
    outbox.push(ev(INCR, 'c'));
    await vi.advanceTimersByTimeAsync(100);
    await answer();
    outbox.push(ev(INCR, 'd'));
    await vi.advanceTimersByTimeAsync(100);
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2, 3]);
  });

  it('starts a new batch at a Meta event so Meta and the FullSnapshot travel together', async () => {
    const { outbox, sent } = harness();
    outbox.push(ev(INCR, 'before'));
    outbox.push(ev(META));
    outbox.push(ev(FULL, 'snapshot'));
    outbox.push(ev(INCR, 'after'));
    await vi.advanceTimersByTimeAsync(100);
    const batches = outbox.pendingBatches();
    expect(batches.map((b) => b.events.map((e) => e.type))).toEqual([[INCR], [META, FULL, INCR]]);
    expect(batches.map((b) => b.seq)).toEqual([1, 2]);
    expect(sent).toHaveLength(0); // not online yet
  });

  it('keeps every batch under maxBatchBytes, measured in UTF-8 bytes of the events array', () => {
    const { outbox } = harness({ maxBatchBytes: 300 });
    // Each event is ~130 bytes as JSON (Japanese text is 3 bytes a character).
    for (let i = 0; i < 5; i++) outbox.push(ev(INCR, 'あ'.repeat(30)));
    outbox.flush();
    const batches = outbox.pendingBatches();
    expect(batches.length).toBeGreaterThan(2);
    for (const batch of batches) {
      expect(new TextEncoder().encode(JSON.stringify(batch.events)).length).toBeLessThanOrEqual(300);
    }
    expect(batches.flatMap((b) => b.events)).toHaveLength(5);
    expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i + 1));
  });

  it('sends a tsunagi:dropped-event marker in place of a full snapshot that can never fit, and nothing of it', async () => {
    const { outbox, sent, answer, warnings } = harness({ maxBatchBytes: 1000 });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    const at = (type: number, timestamp: number, payload = ''): RecordedEvent => ({ type, timestamp, data: { payload } });
    const huge = at(FULL, 2002, 'SECRET-PAGE-CONTENT '.repeat(200));
    const hugeBytes = new TextEncoder().encode(JSON.stringify(huge)).length;
    expect(hugeBytes).toBeGreaterThan(1000);
    outbox.push(at(INCR, 1000, 'before'));
    outbox.push(at(META, 2001));
    outbox.push(huge);
    outbox.push(at(INCR, 2003, 'after'));
    outbox.flush();
    await answer();
    await answer();
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2]);
    const events = sent.flatMap((s) => s.batch.events);
    expect(events.map((e) => [e.type, e.timestamp])).toEqual([
      [INCR, 1000],
      [META, 2001],
      [5, 2002],
      [INCR, 2003],
    ]);
    expect(events[2]!.data).toEqual({ tag: 'tsunagi:dropped-event', payload: { eventType: FULL, bytes: hugeBytes, limit: 1000 } });
    expect(readDroppedEventMarker(events[2]!)).toEqual({ eventType: FULL, bytes: hugeBytes, limit: 1000 });
    expect(JSON.stringify(sent.map((s) => s.batch))).not.toContain('SECRET-PAGE-CONTENT');
    for (const { batch } of sent) expect(new TextEncoder().encode(JSON.stringify(batch.events)).length).toBeLessThanOrEqual(1000);
    expect(warnings.join()).toMatch(new RegExp(`dropped a ${hugeBytes}-byte rrweb event \\(type 2\\).*marker`));
    expect(outbox.pendingBatches()).toEqual([]);
  });

  it('keeps the marker of a dropped incremental event in its place between the events around it', () => {
    const { outbox } = harness({ maxBatchBytes: 400 });
    outbox.push(ev(INCR, 'a'));
    outbox.push(ev(INCR, 'x'.repeat(500)));
    outbox.push(ev(INCR, 'b'));
    outbox.flush();
    const events = outbox.pendingBatches().flatMap((b) => b.events);
    expect(events.map((e) => e.type)).toEqual([INCR, 5, INCR]);
    expect(readDroppedEventMarker(events[1]!)).toMatchObject({ eventType: INCR, limit: 400 });
    expect(JSON.stringify(events)).not.toContain('xxxx');
  });

  it('drops (and reports) a single event that can never fit, without a marker when not even that fits', () => {
    const { outbox, warnings } = harness({ maxBatchBytes: 100 });
    outbox.push(ev(INCR, 'x'.repeat(500)));
    outbox.push(ev(INCR, 'small'));
    outbox.flush();
    expect(outbox.pendingBatches().map((b) => b.events.length)).toEqual([1]);
    expect(outbox.pendingBatches()[0]!.seq).toBe(1);
    expect(warnings.join()).toMatch(/dropped/);
  });
});

describe('Outbox delivery', () => {
  it('with a window of one, sends one batch at a time, in order, each until acknowledged', async () => {
    const { outbox, sent, answer } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    for (const p of ['a', 'b', 'c']) {
      outbox.push(ev(INCR, p));
      outbox.flush();
    }
    expect(sent.map((s) => s.batch.seq)).toEqual([1]);
    await answer();
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2]);
    await answer();
    await answer();
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2, 3]);
    expect(outbox.pendingBatches()).toEqual([]);
  });

  it('after a reconnect drops what the server holds and resends the rest with the same seqs', async () => {
    const { outbox, sent, answer, seqs } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    for (const p of ['a', 'b', 'c']) {
      outbox.push(ev(INCR, p));
      outbox.flush();
    }
    await answer(); // 1 acked
    // 2 is in flight when the connection drops; the server did store it.
    outbox.goOffline();
    await answer({ ok: false, code: 'disconnected' });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 2 }]);
    expect(seqs()).toEqual(['1', '2', '3']);
    expect(sent[2]!.batch.events[0]!.data).toEqual({ payload: 'c' });
  });

  it('resends an unacknowledged batch under the same seq when the server does not have it', async () => {
    const { outbox, answer, seqs } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    outbox.flush();
    outbox.goOffline();
    await answer({ ok: false, code: 'disconnected' });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    expect(seqs()).toEqual(['1', '1']);
  });

  it('ignores a late answer from before a reconnect', async () => {
    const { outbox, sent } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    outbox.flush();
    const stale = sent[0]!;
    outbox.goOffline();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    expect(sent).toHaveLength(2);
    stale.answer({ ok: true }); // answer to the old connection
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.pendingBatches()).toHaveLength(1); // still waiting for the new send's ack
  });

  it('asks for a resync on out_of_order and on a timeout', async () => {
    const { outbox, answer, calls } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    outbox.flush();
    await answer({ ok: false, code: 'out_of_order' });
    expect(calls.resync).toBe(1);
    expect(outbox.isOnline).toBe(false);
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    await answer({ ok: false, code: 'timeout' });
    expect(calls.resync).toBe(2);
  });

  it('closes a gap the server reports (it lost batches we thought stored) by renumbering', async () => {
    const { outbox, sent, answer } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    for (const p of ['a', 'b', 'c']) {
      outbox.push(ev(INCR, p));
      outbox.flush();
    }
    await answer();
    await answer();
    // Server restarted and only kept seq 1; our pending "3" must become "2".
    outbox.goOffline();
    await answer({ ok: false, code: 'disconnected' });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 1 }]);
    expect(sent.at(-1)!.batch).toMatchObject({ seq: 2, events: [{ data: { payload: 'c' } }] });
  });

  it('splits a batch the server finds too large, renumbering the unsent tail', async () => {
    const { outbox, sent, answer } = harness();
    outbox.push(ev(INCR, 'a'));
    outbox.push(ev(INCR, 'b'));
    outbox.push(ev(INCR, 'c'));
    outbox.flush();
    outbox.push(ev(INCR, 'd'));
    outbox.flush();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    await answer({ ok: false, code: 'payload_too_large' });
    expect(outbox.pendingBatches().map((b) => [b.seq, b.events.length])).toEqual([
      [1, 2],
      [2, 1],
      [3, 1],
    ]);
    await answer();
    await answer();
    await answer();
    expect(sent.slice(1).map((s) => s.batch.seq)).toEqual([1, 2, 3]);
    expect(sent.at(-1)!.batch.events[0]!.data).toEqual({ payload: 'd' });
  });

  it('drops a single-event batch the server refuses as too large, and reports it', async () => {
    const { outbox, sent, answer, warnings } = harness();
    outbox.push(ev(FULL, 'huge'));
    outbox.flush();
    outbox.push(ev(INCR, 'next'));
    outbox.flush();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    await answer({ ok: false, code: 'payload_too_large' });
    expect(warnings.join()).toMatch(/refused/);
    expect(sent.at(-1)!.batch).toMatchObject({ seq: 1, events: [{ data: { payload: 'next' } }] });
  });

  it('retries transient server errors with backoff', async () => {
    const { outbox, sent, answer } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    outbox.flush();
    await answer({ ok: false, code: 'internal' });
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.batch.seq).toBe(1);
  });

  it('reports a fatal answer (session over) and stops', async () => {
    const { outbox, answer, calls, sent } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    outbox.flush();
    outbox.push(ev(INCR, 'b'));
    outbox.flush();
    await answer({ ok: false, code: 'session_ended' });
    expect(calls.fatal).toEqual(['session_ended']);
    expect(sent).toHaveLength(1);
  });
});

describe('Outbox across page loads', () => {
  it('delivers the backlog of an earlier page first, under its own stream and seqs', async () => {
    const { outbox, answer, seqs } = harness();
    outbox.addBacklog({
      streamId: 'stream-old-page',
      batches: [
        { streamId: 'stream-old-page', seq: 7, events: [ev(INCR, 'old7')] },
        { streamId: 'stream-old-page', seq: 8, events: [ev(INCR, 'old8')] },
      ],
    });
    expect(outbox.resumeStreamIds).toEqual(['stream-old-page']);
    outbox.push(ev(META));
    outbox.push(ev(FULL));
    outbox.flush();
    // The old page's seq 7 had reached the server before it unloaded.
    outbox.goOnline([
      { streamId: 'stream-current-1', lastSeq: 0 },
      { streamId: 'stream-old-page', lastSeq: 7 },
    ]);
    await answer();
    await answer();
    expect(seqs()).toEqual(['stream-old-page:8', '1']);
    expect(outbox.resumeStreamIds).toEqual([]);
  });

  it('gives up a backlog stream the server did not take back', () => {
    const { outbox, warnings } = harness();
    outbox.addBacklog({ streamId: 'stream-unknown', batches: [{ streamId: 'stream-unknown', seq: 1, events: [ev(INCR)] }] });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    expect(outbox.pendingBatches()).toEqual([]);
    expect(warnings.join()).toMatch(/did not resume/);
  });

  it('exports everything unacknowledged, including events not yet batched', () => {
    const { outbox } = harness();
    outbox.push(ev(INCR, 'a'));
    outbox.flush();
    outbox.push(ev(INCR, 'b'));
    const backlog = outbox.backlog();
    expect(backlog).toEqual([
      {
        streamId: 'stream-current-1',
        batches: [
          { streamId: 'stream-current-1', seq: 1, events: [ev(INCR, 'a')] },
          { streamId: 'stream-current-1', seq: 2, events: [ev(INCR, 'b')] },
        ],
      },
    ]);
  });
});

describe('Outbox memory bound', () => {
  it('drops the unsent tail when offline too long, skips to the next Meta and asks for a snapshot', async () => {
    const { outbox, calls, warnings, answer } = harness({ maxBatchBytes: 1000, maxPendingBytes: 2000 });
    for (let i = 0; i < 30; i++) {
      outbox.push(ev(INCR, 'x'.repeat(100)));
      outbox.flush();
    }
    expect(warnings.join()).toMatch(/dropped while offline/);
    const kept = outbox.pendingBatches();
    outbox.push(ev(INCR, 'still discarded'));
    outbox.flush();
    expect(outbox.pendingBatches()).toEqual(kept);
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    for (let i = 0; i < kept.length; i++) await answer();
    expect(calls.snapshot).toBe(1);
    outbox.push(ev(META));
    outbox.push(ev(FULL));
    outbox.flush();
    const after = outbox.pendingBatches();
    expect(after).toHaveLength(1);
    expect(after[0]!.seq).toBe((kept.at(-1)?.seq ?? 0) + 1);
  });

  it('whenDrained resolves once everything is acknowledged, or false on timeout', async () => {
    const { outbox, answer } = harness();
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    const drained = outbox.whenDrained(1000);
    await answer();
    await expect(drained).resolves.toBe(true);
    outbox.push(ev(INCR, 'b'));
    const timedOut = outbox.whenDrained(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(timedOut).resolves.toBe(false);
  });
});

describe('Outbox with several batches in flight', () => {
  /** Pushes one event per batch, `n` batches, each with a payload naming it. */
  function fill(outbox: Outbox, names: string[]) {
    for (const name of names) {
      outbox.push(ev(INCR, name));
      outbox.flush();
    }
  }
  /** Answers the batch sent `i`-th (0-based), out of turn if the test wants. */
  async function answerAt(sent: ReturnType<typeof harness>['sent'], i: number, outcome: SendOutcome = { ok: true }) {
    (sent[i] as { done?: boolean }).done = true;
    sent[i]!.answer(outcome);
    await vi.advanceTimersByTimeAsync(0);
  }
  const payloads = (batches: { events: RecordedEvent[] }[]) => batches.map((b) => (b.events[0]!.data as { payload: string }).payload);

  it('the widget keeps four in flight by default', () => {
    expect(DEFAULT_MAX_IN_FLIGHT).toBe(4);
    const { outbox, sent } = harness({ maxInFlight: undefined });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    fill(outbox, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2, 3, 4]);
  });

  it('sends up to the window without waiting for acks, and one more per ack', async () => {
    const { outbox, sent, answer } = harness({ maxInFlight: 3 });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    fill(outbox, ['a', 'b', 'c', 'd', 'e']);
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2, 3]);
    await answer();
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2, 3, 4]);
    await answer();
    await answer();
    await answer();
    await answer();
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(outbox.pendingBatches()).toEqual([]);
  });

  it('a batch refused mid-window: the answers after it are ignored and the stream goes again from its first pending batch', async () => {
    const { outbox, sent, answer, warnings } = harness({ maxInFlight: 3 });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    fill(outbox, ['a', 'b', 'c', 'd']);
    await answer(); // 1 stored; 2, 3 and now 4 in flight
    expect(sent.map((s) => s.batch.seq)).toEqual([1, 2, 3, 4]);
    await answerAt(sent, 1, { ok: false, code: 'bad_request' }); // 2 refused
    expect(warnings.join()).toMatch(/batch 2/);
    // 3 and 4 become 2 and 3, sent again; the old answers for 3 and 4 change nothing.
    expect(sent.slice(4).map((s) => [s.batch.seq, payloads([s.batch])[0]])).toEqual([
      [2, 'c'],
      [3, 'd'],
    ]);
    await answerAt(sent, 2, { ok: false, code: 'out_of_order' });
    await answerAt(sent, 3, { ok: true });
    expect(outbox.isOnline).toBe(true);
    expect(payloads(outbox.pendingBatches())).toEqual(['c', 'd']);
    await answerAt(sent, 4);
    await answerAt(sent, 5);
    expect(outbox.pendingBatches()).toEqual([]);
  });

  it('a later batch refused before an earlier one is answered: the earlier one is sent again, the server acks it as a duplicate', async () => {
    const { outbox, sent } = harness({ maxInFlight: 3 });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    outbox.push(ev(INCR, 'a'));
    outbox.flush();
    outbox.push(ev(INCR, 'b1'));
    outbox.push(ev(INCR, 'b2'));
    outbox.flush();
    outbox.push(ev(INCR, 'c'));
    outbox.flush();
    // The server refuses 2 at once (too large) while 1 waits for its commit.
    await answerAt(sent, 1, { ok: false, code: 'payload_too_large' });
    expect(outbox.pendingBatches().map((b) => [b.seq, payloads([b])[0]])).toEqual([
      [1, 'a'],
      [2, 'b1'],
      [3, 'b2'],
      [4, 'c'],
    ]);
    expect(sent.slice(3).map((s) => s.batch.seq)).toEqual([1, 2, 3]);
    await answerAt(sent, 0); // the old round's ack of 1: ignored, 1 was sent again
    expect(outbox.pendingBatches()).toHaveLength(4);
    for (let i = 3; i < 7; i++) {
      if (i < sent.length) await answerAt(sent, i);
    }
    await answerAt(sent, 6);
    expect(outbox.pendingBatches()).toEqual([]);
    expect(sent.at(-1)!.batch).toMatchObject({ seq: 4, events: [{ data: { payload: 'c' } }] });
  });

  it('a backlog stream is delivered whole before the current stream sends anything', async () => {
    const { outbox, answer, seqs } = harness({ maxInFlight: 4 });
    outbox.addBacklog({ streamId: 'old', batches: [1, 2].map((seq) => ({ streamId: 'old', seq, events: [ev(INCR, `old-${seq}`)] })) });
    fill(outbox, ['a', 'b']);
    outbox.goOnline([
      { streamId: 'old', lastSeq: 0 },
      { streamId: 'stream-current-1', lastSeq: 0 },
    ]);
    expect(seqs()).toEqual(['old:1', 'old:2']);
    await answer();
    expect(seqs()).toEqual(['old:1', 'old:2']);
    await answer();
    expect(seqs()).toEqual(['old:1', 'old:2', '1', '2']);
  });

  it('offline too long: keeps what was in flight (it may be stored) and drops the unsent rest', () => {
    const { outbox, sent, warnings } = harness({ maxInFlight: 2, maxPendingBytes: 200 });
    outbox.goOnline([{ streamId: 'stream-current-1', lastSeq: 0 }]);
    fill(outbox, ['a', 'b']);
    expect(sent).toHaveLength(2);
    for (let i = 0; i < 10; i++) fill(outbox, ['x'.repeat(40)]);
    expect(warnings.join()).toMatch(/dropped while offline/);
    expect(payloads(outbox.pendingBatches())).toEqual(['a', 'b']);
    outbox.push(ev(META));
    outbox.flush();
    expect(outbox.pendingBatches().map((b) => b.seq)).toEqual([1, 2, 3]);
  });
});
