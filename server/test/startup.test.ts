import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, startTestServer, type TestDatabase } from './support/test-server.ts';

const run = promisify(execFile);
const kind = (process.env.TSUNAGI_TEST_DB as TestDatabase | undefined) ?? 'sqlite';

describe('start-up', () => {
  it('refuses to start outside demo mode while demo passwords are in place', async () => {
    const database = await createTestDatabase(kind);
    try {
      const demo = await startTestServer({ databaseUrl: database.url });
      await demo.close();
      await expect(startTestServer({ databaseUrl: database.url, env: { DEMO_MODE: 'false' } })).rejects.toThrow(
        /agent1, agent2, supervisor, admin still have their public demo passwords/,
      );
    } finally {
      await database.drop();
    }
  });

  it('stops with a message naming a bad variable', async () => {
    const failed = run('node', ['--import', 'tsx', 'server/src/main.ts'], {
      env: { ...process.env, PORT: 'eighty', SESSION_SECRET: 'x'.repeat(40) },
    });
    await expect(failed).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('PORT: Invalid input') as string });
  });
});
