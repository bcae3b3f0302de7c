import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { login } from './support/clients.ts';
import { createTestDatabase, startTestServer, type TestDatabase } from './support/test-server.ts';

const run = promisify(execFile);

describe('npm run user:create', () => {
  it('creates a user who can sign in, and refuses a weak password', async () => {
    const database = await createTestDatabase((process.env.TSUNAGI_TEST_DB as TestDatabase | undefined) ?? 'sqlite');
    try {
      const env = { ...process.env, DATABASE_URL: database.url, TSUNAGI_NEW_PASSWORD: 'a-long-password-2' };
      const created = await run('node', ['--import', 'tsx', 'server/src/cli/create-user.ts', '--username', 'tanaka', '--display-name', '田中', '--role', 'admin'], { env });
      expect(created.stdout).toContain('Created admin tanaka');
      const weak = run('node', ['--import', 'tsx', 'server/src/cli/create-user.ts', '--username', 'weak'], {
        env: { ...env, TSUNAGI_NEW_PASSWORD: 'short' },
      });
      await expect(weak).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('at least 10 characters') as string });

      const server = await startTestServer({ databaseUrl: database.url });
      try {
        await expect(login(server.url, 'tanaka', 'a-long-password-2')).resolves.toMatch(/tsunagi_session=/);
      } finally {
        await server.close();
      }
    } finally {
      await database.drop();
    }
  });
});
