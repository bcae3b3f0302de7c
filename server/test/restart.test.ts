import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type LiveSession, type QueueSnapshot } from '@tsunagi/shared';
import { closeAllSockets, connectAgent, connectCustomer, connected, login, ok, samplePage, sampleEventsJson, startCustomer } from './support/clients.ts';
import { createTestDatabase, startTestServer } from './support/test-server.ts';

afterEach(() => closeAllSockets());

describe('a server restart', () => {
  it('loses nothing: session, owner, code, stream position and events survive', async () => {
    const database = await createTestDatabase((process.env.TSUNAGI_TEST_DB as 'sqlite' | 'postgres' | undefined) ?? 'sqlite');
    try {
      const first = await startTestServer({ databaseUrl: database.url });
      const { session, socket } = await startCustomer(first.url, 'stream-restart');
      const waiting = await startCustomer(first.url, 'stream-waiting');
      for (let seq = 1; seq <= 4; seq++) await ok(socket, 'batch', { streamId: 'stream-restart', seq, eventsJson: sampleEventsJson(seq) });
      const agent = connectAgent(first.url, await login(first.url, 'agent1'));
      await connected(agent);
      await ok(agent, 'session:take', { sessionId: session.sessionId });
      closeAllSockets();
      await first.close();

      const second = await startTestServer({ databaseUrl: database.url });
      try {
        const customer = connectCustomer(second.url, session.token);
        await connected(customer);
        const hello = await ok<{ streams: { lastSeq: number }[]; session: { status: string; agent: unknown } }>(customer, 'hello', {
          protocol: PROTOCOL_VERSION,
          streamId: 'stream-restart',
          page: samplePage,
        });
        expect(hello.streams[0]!.lastSeq).toBe(4);
        expect(hello.session).toMatchObject({ status: 'active', agent: { displayName: '佐藤 花子' } });
        await ok(customer, 'batch', { streamId: 'stream-restart', seq: 5, eventsJson: sampleEventsJson(5) });

        const agentAgain = connectAgent(second.url, await login(second.url, 'agent1'));
        await connected(agentAgain);
        const queue = await ok<QueueSnapshot>(agentAgain, 'queue:subscribe');
        expect(queue.mine.map((s: LiveSession) => s.sessionId)).toEqual([session.sessionId]);
        // The waiting customer's code still works after the restart.
        const agent2 = connectAgent(second.url, await login(second.url, 'agent2'));
        await connected(agent2);
        await ok(agent2, 'session:join-code', { code: waiting.session.code });

        const batches = await second.app.sessions.allBatches(session.sessionId);
        expect(batches.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5]);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });
});
