import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllSockets, ok, sampleEventsJson, startCustomer, until } from './support/clients.ts';
import { createTestDatabase } from './support/test-server.ts';
import { openStorage } from '../src/storage/database.ts';
import { SessionStore } from '../src/features/cobrowse/session-store.ts';

afterEach(() => closeAllSockets());

const built = 'server/dist/main.js';

/**
 * What `npm run serve` runs: the server compiled by `npm run build:server`
 * (scripts/server-build.ts), started with Node alone. Every other server test
 * runs the sources; this one checks that the build starts, finds its worker
 * threads (storage/worker-thread.ts) and stores through them, and stops
 * cleanly. SQLite only: the commit thread is SQLite's.
 */
describe.runIf((process.env.TSUNAGI_TEST_DB ?? 'sqlite') === 'sqlite')('the built server', () => {
  it('starts without tsx, stores a batch on its commit thread and stops on SIGTERM', async () => {
    expect(existsSync(built), `${built} is missing: run npm run build first`).toBe(true);
    const database = await createTestDatabase('sqlite');
    // Port 0: the server picks a free one and logs where it listens.
    const child = spawn(process.execPath, [built], {
      env: { ...process.env, NODE_OPTIONS: '', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: database.url, DEMO_MODE: 'true', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const listeningUrl = () => /"url":"(http:\/\/[^"]+)","msg":"Tsunagi is listening"/.exec(output)?.[1];
    try {
      await Promise.race([
        until(() => listeningUrl() !== undefined, 15_000),
        exited.then((code) => Promise.reject(new Error(`the built server exited (code ${code}) before listening:\n${output}`))),
      ]);
      const url = listeningUrl()!;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const { session, socket } = await startCustomer(url, 'stream-built');
      await ok(socket, 'batch', { streamId: 'stream-built', seq: 1, eventsJson: sampleEventsJson(1) });
      socket.close();
      child.kill('SIGTERM');
      expect(await exited, output).toBe(0);
      const storage = openStorage(database.url);
      try {
        expect((await new SessionStore(storage.db).allBatches(session.sessionId)).map((batch) => batch.seq)).toEqual([1]);
      } finally {
        await storage.destroy();
      }
    } finally {
      child.kill('SIGKILL');
      await database.drop();
    }
  });
});
