import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, CustomerSessionView, LiveSession, QueueEntry, RelayedBatch } from '@tsunagi/shared';
import {
  closeAllSockets,
  connectCustomer,
  connected,
  eventMatching,
  nextEvent,
  ok,
  request,
  sampleEventsJson,
  startCustomer,
  until,
  type AgentClient,
  signedInAgent,
} from './support/clients.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.destroy());
afterEach(() => closeAllSockets());

const agent = (username: string): Promise<AgentClient> => signedInAgent(server.url, username);

/** A customer whose session agent1 has taken and is watching. */
async function guidedSession(streamId = 'stream-guide') {
  const customer = await startCustomer(server.url, streamId);
  const owner = await agent('agent1');
  await ok(owner, 'session:take', { sessionId: customer.session.sessionId });
  await ok(owner, 'session:watch', { sessionId: customer.session.sessionId });
  return { ...customer, sessionId: customer.session.sessionId, streamId, owner };
}

describe('chat', () => {
  it('goes both ways, in Japanese, stored in order and shown again on reconnect', async () => {
    const { sessionId, socket: customer, owner, session } = await guidedSession();
    const atCustomer = nextEvent<ChatMessage>(customer, 'chat:message');
    const sent = await ok<ChatMessage>(owner, 'chat:send', { sessionId, text: 'こんにちは、担当の佐藤です。' });
    expect(sent).toMatchObject({ from: 'staff', authorName: '佐藤 花子', authorRole: 'agent', text: 'こんにちは、担当の佐藤です。' });
    expect(await atCustomer).toEqual(sent);

    const atAgent = nextEvent<ChatMessage>(owner, 'chat:message');
    const reply = await ok<ChatMessage>(customer, 'chat:send', { text: '  カード番号の欄がわかりません  ' });
    expect(reply).toMatchObject({ from: 'customer', authorName: null, text: 'カード番号の欄がわかりません' });
    expect(await atAgent).toEqual(reply);

    customer.disconnect();
    const again = connectCustomer(server.url, session.token);
    await connected(again);
    const history = await ok<{ messages: ChatMessage[] }>(again, 'chat:history');
    expect(history.messages.map((m) => m.text)).toEqual(['こんにちは、担当の佐藤です。', 'カード番号の欄がわかりません']);
    expect((await ok<{ messages: ChatMessage[] }>(owner, 'chat:history', { sessionId })).messages).toEqual(history.messages);
  });

  it('refuses empty messages and staff who do not own the session', async () => {
    const { sessionId, socket: customer } = await guidedSession();
    expect(await request(customer, 'chat:send', { text: '   ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const other = await agent('agent2');
    expect(await request(other, 'chat:send', { sessionId, text: 'hello' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(other, 'chat:history', { sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await ok<{ messages: unknown[] }>(customer, 'chat:history')).messages).toEqual([]);
  });
});

describe('pointer and highlight', () => {
  it('reach the customer with the agent name; only the owner can send them', async () => {
    const { sessionId, streamId, socket: customer, owner } = await guidedSession();
    const pointer = nextEvent(customer, 'guide:pointer');
    await ok(owner, 'guide:pointer', { sessionId, streamId, point: { nodeId: 42, x: 0.25, y: 0.5 } });
    expect(await pointer).toEqual({ agentName: '佐藤 花子', streamId, point: { nodeId: 42, x: 0.25, y: 0.5 } });
    const highlight = nextEvent(customer, 'guide:highlight');
    await ok(owner, 'guide:highlight', { sessionId, streamId, nodeId: 7 });
    expect(await highlight).toEqual({ streamId, nodeId: 7 });
    expect(await request(owner, 'guide:pointer', { sessionId, streamId, point: { nodeId: 42, x: 2, y: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    const other = await agent('agent2');
    expect(await request(other, 'guide:highlight', { sessionId, streamId, nodeId: 7 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('remote control', () => {
  const click = { kind: 'click', point: { nodeId: 12, x: 0.5, y: 0.5 } };

  it('acts only between the customer granting and revoking it', async () => {
    const { sessionId, streamId, socket: customer, owner } = await guidedSession();
    expect(await request(owner, 'control:action', { sessionId, streamId, action: click })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(customer, 'control:grant', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const asked = eventMatching<CustomerSessionView>(customer, 'session', (s) => s.control === 'requested');
    await ok(owner, 'control:request', { sessionId });
    await asked;
    const granted = eventMatching<LiveSession>(owner, 'session:update', (s) => s.control === 'granted');
    await ok(customer, 'control:grant');
    await granted;

    const action = nextEvent(customer, 'control:action');
    await ok(owner, 'control:action', { sessionId, streamId, action: { kind: 'input', nodeId: 30, value: '山田' } });
    expect(await action).toEqual({ streamId, action: { kind: 'input', nodeId: 30, value: '山田' } });
    expect(await request(owner, 'control:action', { sessionId, streamId, action: { kind: 'teleport' } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });

    await ok(customer, 'control:revoke');
    expect(await request(owner, 'control:action', { sessionId, streamId, action: click })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a revoke of a grant only leaves the agent\'s newer request alone', async () => {
    const { sessionId, socket: customer, owner } = await guidedSession();
    const state = async () => (await server.app.sessions.get(sessionId))?.control_state;
    // Nothing to revoke.
    expect(await ok(customer, 'control:revoke', { grantOnly: true })).toEqual({ revoked: false });
    // The agent asks again after the customer's Stop; a widget answering an older "granted" view must not decline it.
    await ok(owner, 'control:request', { sessionId });
    expect(await ok(customer, 'control:revoke', { grantOnly: true })).toEqual({ revoked: false });
    expect(await state()).toBe('requested');
    await ok(customer, 'control:grant');
    expect(await ok(customer, 'control:revoke', { grantOnly: true })).toEqual({ revoked: true });
    expect(await state()).toBe('off');
    // A plain revoke declines a request.
    await ok(owner, 'control:request', { sessionId });
    expect(await ok(customer, 'control:revoke')).toEqual({ revoked: true });
    expect(await state()).toBe('off');
    expect(await request(customer, 'control:revoke', { grantOnly: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('ends when the agent leaves the live view', async () => {
    const { sessionId, socket: customer, owner } = await guidedSession();
    await ok(owner, 'control:request', { sessionId });
    await until(async () => (await server.app.sessions.get(sessionId))?.control_state === 'requested');
    await ok(customer, 'control:grant');
    const off = eventMatching<CustomerSessionView>(customer, 'session', (s) => s.control === 'off');
    owner.disconnect();
    await off;
  });
});

describe('silent monitoring', () => {
  it('lets a supervisor see every live session and watch one read-only; the customer sees who views', async () => {
    const { sessionId, socket: customer } = await guidedSession('stream-monitor');
    await ok(customer, 'batch', { streamId: 'stream-monitor', seq: 1, eventsJson: sampleEventsJson(1) });
    const supervisor = await agent('supervisor');
    const { sessions } = await ok<{ sessions: LiveSession[] }>(supervisor, 'monitor:subscribe');
    expect(sessions.map((s) => s.sessionId)).toContain(sessionId);

    const listed = eventMatching<CustomerSessionView>(customer, 'session', (s) => s.viewers.some((v) => v.role === 'supervisor'));
    const watch = await ok<{ checkpoint: RelayedBatch[] }>(supervisor, 'session:monitor', { sessionId });
    expect(watch.checkpoint.map((b) => b.seq)).toEqual([1]);
    expect((await listed).viewers).toEqual(
      expect.arrayContaining([
        { displayName: '佐藤 花子', role: 'agent' },
        { displayName: '高橋 美咲', role: 'supervisor' },
      ]),
    );
    const relayed = nextEvent<RelayedBatch>(supervisor, 'replay:batch');
    await ok(customer, 'batch', { streamId: 'stream-monitor', seq: 2, eventsJson: sampleEventsJson(2) });
    expect((await relayed).seq).toBe(2);

    // Read-only: no guidance from the monitor.
    for (const [event, payload] of [
      ['chat:send', { sessionId, text: 'hi' }],
      ['guide:pointer', { sessionId, streamId: 'stream-monitor', point: null }],
      ['control:request', { sessionId }],
      ['session:end', { sessionId }],
    ] as const) {
      expect(await request(supervisor, event, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const agent2 = await agent('agent2');
    expect(await request(agent2, 'session:monitor', { sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('transfer', () => {
  it('moves ownership to an online agent with a note; the old owner loses the feed', async () => {
    const { sessionId, socket: customer, owner } = await guidedSession('stream-transfer');
    const agent2 = await agent('agent2');
    const { agents } = await ok<{ agents: { userId: string; displayName: string }[] }>(owner, 'agents:online');
    const target = agents.find((a) => a.displayName === '鈴木 一郎')!;
    expect(agents.map((a) => a.displayName)).not.toContain('佐藤 花子');

    const handedOver = eventMatching<LiveSession>(agent2, 'session:update', (s) => s.owner?.userId === target.userId);
    // The former owner hears of it too (their other tabs drop it from "my sessions").
    const formerTold = eventMatching<LiveSession>(owner, 'session:update', (s) => s.owner?.userId === target.userId);
    await ok(owner, 'session:transfer', { sessionId, toUserId: target.userId, note: '支払い方法の変更でお困りです' });
    expect(await handedOver).toMatchObject({ transferNote: '支払い方法の変更でお困りです', status: 'active' });
    await formerTold;

    const oldFeed: RelayedBatch[] = [];
    owner.on('replay:batch', (b) => oldFeed.push(b));
    await ok(agent2, 'session:watch', { sessionId });
    const newFeed = nextEvent<RelayedBatch>(agent2, 'replay:batch');
    await ok(customer, 'batch', { streamId: 'stream-transfer', seq: 1, eventsJson: sampleEventsJson(1) });
    await newFeed;
    expect(oldFeed).toEqual([]);
    expect(await request(owner, 'session:end', { sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('puts a session back in the queue with the note, for another agent to take', async () => {
    const { sessionId, owner } = await guidedSession();
    const agent2 = await agent('agent2');
    await ok(agent2, 'queue:subscribe');
    const queued = eventMatching<{ waiting: QueueEntry[] }>(agent2, 'queue', (q) => q.waiting.some((e) => e.sessionId === sessionId));
    await ok(owner, 'session:transfer', { sessionId, toUserId: null, note: '英語の担当者へ' });
    expect((await queued).waiting.find((e) => e.sessionId === sessionId)?.transferNote).toBe('英語の担当者へ');
    expect(await ok<LiveSession>(agent2, 'session:take', { sessionId })).toMatchObject({ transferNote: '英語の担当者へ' });
  });

  it('refuses a transfer to someone offline or by a non-owner', async () => {
    const { sessionId, owner } = await guidedSession();
    expect(await request(owner, 'session:transfer', { sessionId, toUserId: 'nobody', note: '' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const agent2 = await agent('agent2');
    expect(await request(agent2, 'session:transfer', { sessionId, toUserId: null, note: '' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
