import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { CreateUserBody } from '@tsunagi/shared';
import { loadConfig, ConfigError } from '../config.ts';
import { migrate, openStorage } from '../storage/database.ts';
import { UserStore } from '../features/users/user-store.ts';
import { DomainError } from '../realtime/domain-error.ts';
import { describe } from '../realtime/request-router.ts';

/**
 * `npm run user:create -- --username sato --display-name "佐藤 花子" --role agent`
 * The password comes from TSUNAGI_NEW_PASSWORD or is asked for, never from
 * the command line (it would land in the shell history).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string', default: 'agent' },
    },
  });
  let password = process.env.TSUNAGI_NEW_PASSWORD;
  if (!password) {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    password = await prompt.question('Password (10+ characters): ');
    prompt.close();
  }
  const body = CreateUserBody.safeParse({
    username: values.username,
    displayName: values['display-name'] ?? values.username,
    role: values.role,
    password,
  });
  if (!body.success) {
    process.stderr.write(`Cannot create the user: ${describe(body.error)}\n`);
    return 2;
  }
  const config = loadConfig({ ...process.env, SESSION_SECRET: process.env.SESSION_SECRET ?? 'x'.repeat(32) });
  const storage = openStorage(config.DATABASE_URL);
  try {
    await migrate(storage);
    const user = await new UserStore(storage.db).create(body.data);
    process.stdout.write(`Created ${user.role} ${user.username} (${user.displayName})\n`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`Cannot create the user: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await storage.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
