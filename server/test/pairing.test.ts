import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSession, QueueEntry } from '@tsunagi/shared';
import {
  closeAllSockets,
  connectAgent,
  connected,
  createSession,
  eventMatching,
  login,
  ok,
  request,
  startCustomer,
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

describe('the waiting queue', () => {
  it('is pushed live to agents: a new session appears, a taken one disappears', async () => {
    const agent1 = await agent('agent1');
    await ok(agent1, 'queue:subscribe');
    const appeared = eventMatching<{ waiting: QueueEntry[] }>(agent1, 'queue', (q) => q.waiting.length > 0);
    const { session } = await startCustomer(server.url);
    const queue = await appeared;
    const entry = queue.waiting.find((e) => e.sessionId === session.sessionId);
    expect(entry).toMatchObject({ pageTitle: '自動車保険の更新', lang: 'ja' });
    expect(entry!.createdAt).toBeLessThanOrEqual(Date.now());

    const gone = eventMatching<{ waiting: QueueEntry[] }>(agent1, 'queue', (q) => !q.waiting.some((e) => e.sessionId === session.sessionId));
    await ok(agent1, 'session:take', { sessionId: session.sessionId });
    await gone;
  });
});

describe('taking a session', () => {
  it('gives it to exactly one of two agents taking at once', async () => {
    const [agent1, agent2] = await Promise.all([agent('agent1'), agent('agent2')]);
    for (let round = 0; round < 5; round++) {
      const { sessionId } = await createSession(server.url);
      const acks = await Promise.all([
        request(agent1, 'session:take', { sessionId }),
        request(agent2, 'session:take', { sessionId }),
      ]);
      const winners = acks.filter((ack) => ack.ok);
      const losers = acks.filter((ack) => !ack.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toEqual([{ ok: false, error: { code: 'already_taken', message: 'another agent has taken this session' } }]);
      const row = await server.app.sessions.get(sessionId);
      expect(row?.status).toBe('active');
      expect([(winners[0]!.ok && (winners[0]!.data as LiveSession).owner?.userId)]).toContain(row?.owner_id);
    }
  });

  it('joins by the code the customer reads out, and tells the customer who joined', async () => {
    const agent1 = await agent('agent1');
    const { session, socket: customer } = await startCustomer(server.url);
    const told = eventMatching<{ status: string; agent: { displayName: string } | null }>(customer, 'session', (s) => s.status === 'active');
    const live = await ok<LiveSession>(agent1, 'session:join-code', { code: session.code });
    expect(live).toMatchObject({ sessionId: session.sessionId, status: 'active', owner: { displayName: '佐藤 花子' } });
    expect((await told).agent).toEqual({ displayName: '佐藤 花子' });
    // The code is spent: nobody else can use it.
    const agent2 = await agent('agent2');
    expect(await request(agent2, 'session:join-code', { code: session.code })).toMatchObject({ ok: false, error: { code: 'code_invalid' } });
  });
});

describe('join codes', () => {
  it('expire when unused', async () => {
    const short = await startTestServer({ env: { JOIN_CODE_TTL_MS: '300' } });
    try {
      const socket = connectAgent(short.url, await login(short.url, 'agent1'));
      await connected(socket);
      const { code, sessionId } = await createSession(short.url);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await request(socket, 'session:join-code', { code })).toMatchObject({ ok: false, error: { code: 'code_invalid' } });
      expect((await short.app.sessions.get(sessionId))?.status).toBe('waiting');
    } finally {
      await short.destroy();
    }
  });

  it('rate-limits wrong codes per agent, then overall', async () => {
    const limited = await startTestServer({ env: { CODE_ATTEMPTS_PER_AGENT_PER_MIN: '3', CODE_ATTEMPTS_GLOBAL_PER_MIN: '5' } });
    try {
      await guessUntilLimited(limited);
    } finally {
      await limited.destroy();
    }
  });
});

/** Wrong codes from two agents: the per-agent limit (3) then the node-wide one (5). */
async function guessUntilLimited(limited: TestServer): Promise<void> {
  const agent = (username: string) => signedInAgent(limited.url, username);
  const supervisor = await agent('supervisor');
  const guesses = ['000001', '000002', '000003'];
  for (const code of guesses) {
    expect(await request(supervisor, 'session:join-code', { code })).toMatchObject({ ok: false, error: { code: 'code_invalid' } });
  }
  // Even the right code is refused now: guessing must not be able to continue.
  const { code } = await createSession(limited.url);
  expect(await request(supervisor, 'session:join-code', { code })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

  const agent2 = await agent('agent2');
  for (const guess of ['000004', '000005']) {
    expect(await request(agent2, 'session:join-code', { code: guess })).toMatchObject({ ok: false, error: { code: 'code_invalid' } });
  }
  // Five wrong codes node-wide: everyone waits.
  expect(await request(agent2, 'session:join-code', { code })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
}


describe('ending', () => {
  it('the customer can end it, and the agent is told', async () => {
    const agent1 = await agent('agent1');
    const { session, socket: customer } = await startCustomer(server.url);
    await ok(agent1, 'session:take', { sessionId: session.sessionId });
    const told = eventMatching<LiveSession>(agent1, 'session:update', (s) => s.status === 'ended');
    await ok(customer, 'end');
    expect((await told).endedReason).toBe('customer');
  });

  it('the owning agent can end it; another agent cannot', async () => {
    const [agent1, agent2] = await Promise.all([agent('agent1'), agent('agent2')]);
    const { session, socket: customer } = await startCustomer(server.url);
    await ok(agent1, 'session:take', { sessionId: session.sessionId });
    expect(await request(agent2, 'session:end', { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const told = eventMatching<{ status: string; endedReason: string }>(customer, 'session', (s) => s.status === 'ended');
    await ok(agent1, 'session:end', { sessionId: session.sessionId });
    expect((await told).endedReason).toBe('agent');
    const row = await server.app.sessions.get(session.sessionId);
    expect(row).toMatchObject({ status: 'ended', ended_reason: 'agent' });
  });

  it('ends after the idle time', async () => {
    const idle = await startTestServer({ env: { IDLE_TIMEOUT_MS: '500' } });
    try {
      const { session, socket } = await startCustomer(idle.url);
      const told = eventMatching<{ status: string; endedReason: string }>(socket, 'session', (s) => s.status === 'ended', 5000);
      expect((await told).endedReason).toBe('idle');
      expect((await idle.app.sessions.get(session.sessionId))?.status).toBe('ended');
    } finally {
      await idle.destroy();
    }
  });
});
