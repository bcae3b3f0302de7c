import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

export type TestDatabase = 'sqlite' | 'postgres';

export interface TestServerOptions {
  /** Defaults to TSUNAGI_TEST_DB (set per vitest project), else sqlite. */
  database?: TestDatabase;
  /** Extra environment, as main.ts would read it. */
  env?: Record<string, string>;
  /** Reuse an existing database (restart tests). */
  databaseUrl?: string;
  /** Where the server's JSON log lines go (tests that search the logs). */
  logDestination?: DestinationStream;
}

export interface TestServer extends RunningServer {
  config: Config;
  databaseUrl: string;
  /** Stops the server and deletes its database. */
  destroy(): Promise<void>;
}

export const testPostgresUrl = () => process.env.TSUNAGI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database of the given kind; returns its URL and a way to drop it. */
export async function createTestDatabase(kind: TestDatabase): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagi-test-'));
    return { url: `sqlite:${join(dir, 'tsunagi.db')}`, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `tsunagi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: testPostgresUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The real server on an ephemeral port with a real database: the one factory every test uses. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const kind = options.database ?? ((process.env.TSUNAGI_TEST_DB as TestDatabase | undefined) ?? 'sqlite');
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: () => Promise.resolve() } : await createTestDatabase(kind);
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.url,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    DEMO_MODE: 'true',
    LOG_LEVEL: process.env.TSUNAGI_TEST_LOG ?? 'silent',
    STORE_FLUSH_MS: '5',
    ...options.env,
  });
  const server = await startServer(config, createLogger(config.LOG_LEVEL, options.logDestination));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  return {
    ...server,
    close,
    config,
    databaseUrl: database.url,
    async destroy() {
      await close();
      await database.drop();
    },
  };
}
