import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllSockets, request, sampleEventsJson, startCustomer } from './support/clients.ts';
import { createTestDatabase, startTestServer, type TestDatabase } from './support/test-server.ts';
import { openStorage } from '../src/storage/database.ts';
import { SessionStore } from '../src/features/cobrowse/session-store.ts';

afterEach(() => closeAllSockets());

describe('graceful shutdown', () => {
  it('stores and acknowledges the batches it accepted before closing the sockets', async () => {
    const database = await createTestDatabase((process.env.TSUNAGI_TEST_DB as TestDatabase | undefined) ?? 'sqlite');
    try {
      // A long group-commit wait keeps the batches pending when the stop comes.
      const server = await startTestServer({ databaseUrl: database.url, env: { STORE_FLUSH_MS: '60000' } });
      const { session, socket } = await startCustomer(server.url, 'stream-drain');
      const acks = Array.from({ length: 10 }, (_, i) =>
        request(socket, 'batch', { streamId: 'stream-drain', seq: i + 1, eventsJson: sampleEventsJson(i + 1) }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.close();
      expect((await Promise.all(acks)).every((ack) => ack.ok)).toBe(true);

      const storage = openStorage(database.url);
      try {
        const batches = await new SessionStore(storage.db).allBatches(session.sessionId);
        expect(batches.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      } finally {
        await storage.destroy();
      }
    } finally {
      await database.drop();
    }
  });

  it('does not wait for a connection a browser opened and never used', async () => {
    const server = await startTestServer();
    const { port } = new URL(server.url);
    // As Chromium does for a frame on another host name: connect, send nothing.
    const idle = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    const ended = new Promise((resolve) => idle.once('close', resolve));
    // Node would otherwise wait for its header timeout (a minute), beyond this test's timeout.
    await server.close();
    await ended;
    expect(idle.destroyed).toBe(true);
  });
});
