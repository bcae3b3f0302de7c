import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, parseEventsJson, type RelayedBatch, type WatchResponse } from '@tsunagi/shared';
import {
  closeAllSockets,
  connectAgent,
  connectCustomer,
  connected,
  createSession,
  login,
  nextEvent,
  ok,
  request,
  samplePage,
  sampleEvents,
  sampleEventsJson,
  startCustomer,
  until,
  type AgentClient,
} from './support/clients.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { MAX_BATCH_BYTES: String(64 * 1024) } });
});
afterAll(() => server.destroy());
afterEach(() => closeAllSockets());

async function agentWatching(sessionId: string, username = 'agent1'): Promise<{ agent: AgentClient; watch: WatchResponse }> {
  const agent = connectAgent(server.url, await login(server.url, username));
  await connected(agent);
  await ok(agent, 'session:take', { sessionId });
  const watch = await ok<WatchResponse>(agent, 'session:watch', { sessionId });
  return { agent, watch };
}

const stored = async (sessionId: string) =>
  (await server.app.sessions.allBatches(sessionId)).map((b) => `${b.streamId}#${b.seq}`);

describe('streaming', () => {
  it('relays each batch to the viewer and stores it once, in order', async () => {
    const { session, socket: customer } = await startCustomer(server.url, 'stream-aaaa');
    const { agent } = await agentWatching(session.sessionId);
    const received: RelayedBatch[] = [];
    agent.on('replay:batch', (batch) => received.push(batch));
    for (let seq = 1; seq <= 20; seq++) {
      const ack = await request(customer, 'batch', { streamId: 'stream-aaaa', seq, eventsJson: sampleEventsJson(seq) });
      expect(ack).toEqual({ ok: true, data: { streamId: 'stream-aaaa', seq } });
    }
    await until(() => received.length >= 20);
    expect(received.map((b) => b.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const relayed = parseEventsJson(received[4]!.eventsJson);
    expect(relayed.ok && relayed.events).toEqual(sampleEvents(5).map((e) => ({ ...e, timestamp: relayed.ok && relayed.events[0]!.timestamp })));
    expect(await stored(session.sessionId)).toEqual(Array.from({ length: 20 }, (_, i) => `stream-aaaa#${i + 1}`));
  });

  it('after a reconnect, resent batches are stored exactly once and gaps are refused', async () => {
    const { session, socket } = await startCustomer(server.url, 'stream-bbbb');
    // Batches 1-6 sent without waiting for acks, then the connection drops.
    const inFlight = [1, 2, 3, 4, 5, 6].map((seq) =>
      request(socket, 'batch', { streamId: 'stream-bbbb', seq, eventsJson: sampleEventsJson(seq) }).catch(() => undefined),
    );
    socket.disconnect();
    await Promise.all(inFlight);

    const again = connectCustomer(server.url, session.token);
    await connected(again);
    const hello = await ok<{ streams: { streamId: string; lastSeq: number }[] }>(again, 'hello', {
      protocol: PROTOCOL_VERSION,
      streamId: 'stream-bbbb',
      page: samplePage,
    });
    const lastSeq = hello.streams[0]!.lastSeq;
    expect(lastSeq).toBeGreaterThanOrEqual(0);
    expect(lastSeq).toBeLessThanOrEqual(6);
    // The widget resends from one before what the server had (a lost ack) — duplicates are fine.
    for (let seq = Math.max(1, lastSeq - 1); seq <= 8; seq++) {
      expect(await request(again, 'batch', { streamId: 'stream-bbbb', seq, eventsJson: sampleEventsJson(seq) })).toMatchObject({ ok: true });
    }
    expect(await request(again, 'batch', { streamId: 'stream-bbbb', seq: 10, eventsJson: sampleEventsJson(10) })).toMatchObject({
      ok: false,
      error: { code: 'out_of_order', message: 'expected seq 9 of stream stream-bbbb, got 10' },
    });
    expect(await stored(session.sessionId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((seq) => `stream-bbbb#${seq}`));
  });

  it('refuses a widget of another protocol version, plainly, before anything is sent', async () => {
    const { token } = await createSession(server.url);
    const socket = connectCustomer(server.url, token);
    await connected(socket);
    const hello = { streamId: 'stream-old1', page: samplePage, resumeStreams: [] };
    const refused = await request(socket, 'hello', { ...hello, protocol: PROTOCOL_VERSION - 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'outdated_client' } });
    expect(JSON.stringify(refused)).toContain('reload the page');
    expect(await request(socket, 'hello', { ...hello, protocol: PROTOCOL_VERSION })).toMatchObject({ ok: true });
  });

  it('keeps streams of several page loads apart and resumes an earlier one', async () => {
    const { session, socket } = await startCustomer(server.url, 'page-load-1');
    await ok(socket, 'batch', { streamId: 'page-load-1', seq: 1, eventsJson: sampleEventsJson(1) });
    socket.disconnect();
    // Next page: a new stream, resuming the old one's unacknowledged batch 2.
    const next = connectCustomer(server.url, session.token);
    await connected(next);
    const hello = await ok<{ streams: { streamId: string; lastSeq: number }[] }>(next, 'hello', {
      protocol: PROTOCOL_VERSION,
      streamId: 'page-load-2',
      page: samplePage,
      resumeStreams: ['page-load-1'],
    });
    expect(hello.streams).toEqual([
      { streamId: 'page-load-2', lastSeq: 0 },
      { streamId: 'page-load-1', lastSeq: 1 },
    ]);
    await ok(next, 'batch', { streamId: 'page-load-1', seq: 2, eventsJson: sampleEventsJson(2) });
    await ok(next, 'batch', { streamId: 'page-load-2', seq: 1, eventsJson: sampleEventsJson(1) });
    expect(await stored(session.sessionId)).toEqual(['page-load-1#1', 'page-load-1#2', 'page-load-2#1']);
  });

  it('refuses malformed and oversized batches with an error and changes nothing', async () => {
    const { session, socket } = await startCustomer(server.url, 'stream-cccc');
    await ok(socket, 'batch', { streamId: 'stream-cccc', seq: 1, eventsJson: sampleEventsJson(1) });
    const bad = [
      // Refused at the entry point: the envelope.
      { streamId: 'stream-cccc', seq: 'two', eventsJson: sampleEventsJson(2) },
      { streamId: 'x', seq: 2, eventsJson: sampleEventsJson(2) },
      { streamId: 'stream-cccc', seq: 2, events: sampleEvents(2) },
      { streamId: 'stream-cccc', seq: 2, eventsJson: '' },
      'not an object',
      // Refused before storing: the events themselves (parsed off the relay's thread).
      { streamId: 'stream-cccc', seq: 2, eventsJson: '[]' },
      { streamId: 'stream-cccc', seq: 2, eventsJson: '[{"type":3,"timestamp":1,"data":{}' },
      { streamId: 'stream-cccc', seq: 2, eventsJson: JSON.stringify([{ type: 99, timestamp: 1, data: {} }]) },
      { streamId: 'stream-cccc', seq: 2, eventsJson: JSON.stringify([{ type: 3, data: {} }]) },
      { streamId: 'stream-cccc', seq: 2, eventsJson: JSON.stringify({ type: 3, timestamp: 1, data: {} }) },
    ];
    for (const payload of bad) {
      expect(await request(socket, 'batch', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const huge = [{ type: 3, timestamp: Date.now(), data: { source: 0, blob: 'x'.repeat(70 * 1024) } }];
    expect(await request(socket, 'batch', { streamId: 'stream-cccc', seq: 2, eventsJson: JSON.stringify(huge) })).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    // Nothing moved: seq 2 is still the next one expected.
    expect(await stored(session.sessionId)).toEqual(['stream-cccc#1']);
    expect(await request(socket, 'batch', { streamId: 'stream-cccc', seq: 2, eventsJson: sampleEventsJson(2) })).toMatchObject({ ok: true });
  });

  it('binds a customer token to its own session only', async () => {
    const a = await startCustomer(server.url, 'stream-dddd');
    const b = await createSession(server.url);
    // A token forged by pairing b's id with a's signature is refused at the handshake.
    const forged = `${b.sessionId}.${a.session.token.split('.')[1]}`;
    await expect(connected(connectCustomer(server.url, forged))).rejects.toThrow('unauthorized');
    await expect(connected(connectCustomer(server.url, 'garbage-token'))).rejects.toThrow('unauthorized');
    // Nothing in a message can point a socket at another session: batches land in a's.
    await ok(a.socket, 'batch', { streamId: 'stream-dddd', seq: 1, eventsJson: sampleEventsJson(1), sessionId: b.sessionId });
    expect(await stored(b.sessionId)).toEqual([]);
    expect(await stored(a.session.sessionId)).toEqual(['stream-dddd#1']);
  });

  it('refuses the token of an ended session', async () => {
    const { session, socket } = await startCustomer(server.url);
    await ok(socket, 'end');
    await expect(connected(connectCustomer(server.url, session.token))).rejects.toThrow('session_ended');
  });
});

describe('late joiners', () => {
  it('start from the latest full snapshot and ask the customer for a fresh one', async () => {
    const { session, socket: customer } = await startCustomer(server.url, 'stream-eeee');
    for (let seq = 1; seq <= 3; seq++) await ok(customer, 'batch', { streamId: 'stream-eeee', seq, eventsJson: sampleEventsJson(seq) });
    // A second full snapshot at seq 4: the checkpoint moves there.
    await ok(customer, 'batch', { streamId: 'stream-eeee', seq: 4, eventsJson: sampleEventsJson(1) });
    await ok(customer, 'batch', { streamId: 'stream-eeee', seq: 5, eventsJson: sampleEventsJson(5) });
    const snapshotRequested = nextEvent(customer, 'snapshot:request');
    const { watch } = await agentWatching(session.sessionId);
    expect(watch.checkpoint.map((b) => b.seq)).toEqual([4, 5]);
    const first = parseEventsJson(watch.checkpoint[0]!.eventsJson);
    expect(first.ok && first.events.map((e) => e.type)).toEqual([4, 2]);
    await snapshotRequested;
  });

  it('a viewer watching a session it does not own is refused', async () => {
    const { session } = await startCustomer(server.url);
    await agentWatching(session.sessionId, 'agent1');
    const other = connectAgent(server.url, await login(server.url, 'agent2'));
    await connected(other);
    expect(await request(other, 'session:watch', { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
