import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { migrate, openStorage, type Storage } from './storage/database.ts';
import { accountsWithDemoPasswords, seedDemoAccounts } from './features/users/demo-accounts.ts';

export interface RunningServer {
  app: App;
  storage: Storage;
  url: string;
  port: number;
  /** Demo accounts created at this start (DEMO_MODE), for main.ts to print. */
  createdDemoAccounts: { username: string; password: string; role: string }[];
  /** Graceful stop: drain, flush, close sockets, close the store. */
  close(): Promise<void>;
}

export class StartupError extends Error {}

/** Opens the store, migrates, checks accounts, builds the app and listens. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const storage = openStorage(config.DATABASE_URL, {
    onConnectionError: (err) => logger.warn({ err }, 'an idle database connection was closed by the server; the pool replaces it'),
  });
  try {
    await migrate(storage);
    // Loaded only for several nodes: a single node never needs the Redis client in memory.
    const adapter = config.REDIS_URL ? await (await import('./realtime/adapter.ts')).redisAdapter(config.REDIS_URL, logger) : undefined;
    const app = await createApp({ config, storage, logger, ...(adapter ? { adapter } : {}) });

    let createdDemoAccounts: RunningServer['createdDemoAccounts'] = [];
    if (config.DEMO_MODE) {
      createdDemoAccounts = await seedDemoAccounts(app.users);
      for (const account of createdDemoAccounts) {
        logger.info({ username: account.username, role: account.role }, 'demo account created');
      }
    } else {
      const weak = await accountsWithDemoPasswords(app.users);
      if (weak.length) {
        throw new StartupError(
          `accounts ${weak.join(', ')} still have their public demo passwords; change or delete them, or set DEMO_MODE=true`,
        );
      }
    }

    await app.http.listen({ host: config.HOST, port: config.PORT });
    const { port } = app.http.server.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    const url = `http://${host}:${port}`;
    logger.info({ url }, 'Tsunagi is listening');
    return {
      app,
      storage,
      url,
      port,
      createdDemoAccounts,
      async close() {
        await app.close();
        await storage.destroy();
      },
    };
  } catch (error) {
    await storage.destroy();
    throw error;
  }
}
