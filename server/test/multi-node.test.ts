import { afterEach, describe, expect, it } from 'vitest';
import type { LiveSession, RelayedBatch, WatchResponse } from '@tsunagi/shared';
import { closeAllSockets, connectAgent, connected, eventMatching, login, ok, request, sampleEventsJson, startCustomer, until } from './support/clients.ts';
import { createTestDatabase, startTestServer } from './support/test-server.ts';

afterEach(() => closeAllSockets());

const redisUrl = process.env.TSUNAGI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Several nodes need PostgreSQL (shared store) and Redis (shared rooms).
describe.runIf(process.env.TSUNAGI_TEST_DB === 'postgres')('two nodes behind one load balancer', () => {
  it('relay a customer on node A to an agent on node B, with presence across nodes', async () => {
    const database = await createTestDatabase('postgres');
    const env = { REDIS_URL: redisUrl };
    const nodeA = await startTestServer({ databaseUrl: database.url, env });
    const nodeB = await startTestServer({ databaseUrl: database.url, env });
    try {
      const agent = connectAgent(nodeB.url, await login(nodeB.url, 'agent1'));
      await connected(agent);
      await ok(agent, 'queue:subscribe');
      const queued = eventMatching<{ waiting: unknown[] }>(agent, 'queue', (q) => q.waiting.length > 0);
      const { session, socket: customer } = await startCustomer(nodeA.url, 'stream-multi');
      await queued;

      const taken = await ok<LiveSession>(agent, 'session:take', { sessionId: session.sessionId });
      expect(taken.customerConnected).toBe(true);
      const told = eventMatching<{ agent: { displayName: string } | null }>(customer, 'session', (s) => s.agent !== null);
      await ok<WatchResponse>(agent, 'session:watch', { sessionId: session.sessionId });
      expect((await told).agent).toEqual({ displayName: '佐藤 花子' });

      const received: RelayedBatch[] = [];
      agent.on('replay:batch', (batch) => received.push(batch));
      for (let seq = 1; seq <= 5; seq++) await ok(customer, 'batch', { streamId: 'stream-multi', seq, eventsJson: sampleEventsJson(seq) });
      await until(() => received.length >= 5);
      expect(received.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5]);

      // The agent on B ends it; the customer on A is told and disconnected.
      const ended = eventMatching<{ status: string }>(customer, 'session', (s) => s.status === 'ended');
      await ok(agent, 'session:end', { sessionId: session.sessionId });
      await ended;
    } finally {
      closeAllSockets();
      await nodeA.close();
      await nodeB.close();
      await database.drop();
    }
  });

  it('count wrong join codes together: the limit holds however the guesses are spread', async () => {
    const database = await createTestDatabase('postgres');
    const env = { REDIS_URL: redisUrl, CODE_ATTEMPTS_PER_AGENT_PER_MIN: '2' };
    const nodeA = await startTestServer({ databaseUrl: database.url, env });
    const nodeB = await startTestServer({ databaseUrl: database.url, env });
    try {
      const onA = connectAgent(nodeA.url, await login(nodeA.url, 'agent1'));
      const onB = connectAgent(nodeB.url, await login(nodeB.url, 'agent1'));
      await Promise.all([connected(onA), connected(onB)]);
      expect(await request(onA, 'session:join-code', { code: '000001' })).toMatchObject({ ok: false, error: { code: 'code_invalid' } });
      expect(await request(onB, 'session:join-code', { code: '000002' })).toMatchObject({ ok: false, error: { code: 'code_invalid' } });
      expect(await request(onA, 'session:join-code', { code: '000003' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(await request(onB, 'session:join-code', { code: '000003' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    } finally {
      closeAllSockets();
      await nodeA.close();
      await nodeB.close();
      await database.drop();
    }
  });
});
