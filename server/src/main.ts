import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { StartupError, startServer } from './server.ts';

/** The only file that reads process.env or installs signal handlers. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let server;
  try {
    server = await startServer(config, logger);
  } catch (error) {
    if (error instanceof StartupError) {
      logger.fatal(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (server.createdDemoAccounts.length) {
    const lines = server.createdDemoAccounts.map((a) => `  ${a.role.padEnd(11)} ${a.username.padEnd(11)} ${a.password}`);
    process.stdout.write(`\nDemo accounts (DEMO_MODE):\n  role        username    password\n${lines.join('\n')}\n`);
  }
  if (config.DEMO_MODE) {
    process.stdout.write(`\nDemo insurer site: ${server.url}/\nAgent console:     ${server.url}/agent/\n\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
