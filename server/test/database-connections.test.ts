import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startTestServer, testPostgresUrl } from './support/test-server.ts';

describe.runIf(process.env.TSUNAGI_TEST_DB === 'postgres')('PostgreSQL connections', () => {
  it('survives the database server closing its idle connections, and goes on serving', async () => {
    const server = await startTestServer();
    try {
      // Fill the pool: several queries at once leave several idle connections.
      const ready = await Promise.all(Array.from({ length: 4 }, () => fetch(`${server.url}/readyz`)));
      expect(ready.map((response) => response.status)).toEqual([200, 200, 200, 200]);

      // As a restart or an administrator would: cut every connection of the server's database.
      const database = new URL(server.databaseUrl).pathname.slice(1);
      const admin = new pg.Client({ connectionString: testPostgresUrl() });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ cut: boolean }>(
          'SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [database],
        );
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }

      // Without a listener for the pool's 'error' the process would have died here
      // (and vitest would report an uncaught exception); the next requests get fresh connections.
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
        status = (await fetch(`${server.url}/readyz`)).status;
      }
      expect(status).toBe(200);
    } finally {
      await server.destroy();
    }
  });
});
