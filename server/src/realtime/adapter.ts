import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from 'pino';

export interface Adapter {
  factory: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/**
 * Several nodes behind a load balancer share rooms through Redis pub/sub, so a
 * batch from a customer on node A reaches the agent on node B.
 */
export async function redisAdapter(url: string, logger: Logger): Promise<Adapter> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (err: unknown) => logger.error({ err }, 'redis error'));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    factory: createAdapter(pub, sub),
    async close() {
      await Promise.all([pub.quit(), sub.quit()]);
    },
  };
}
