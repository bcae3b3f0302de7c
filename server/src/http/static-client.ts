import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Logger } from 'pino';

/**
 * Serves the built client: the demo insurer site at `/`, the agent console
 * at `/agent/`, their shared assets at `/assets/`, and the widget at `/widget.js`.
 * Layout as `vite build` writes it (see vite.config.ts).
 */
export async function serveClient(app: FastifyInstance, clientDist: string, logger: Logger): Promise<void> {
  const appDir = resolve(clientDist, 'app');
  const widgetDir = resolve(clientDist, 'widget');
  if (!existsSync(appDir) || !existsSync(widgetDir)) {
    logger.warn({ clientDist }, 'client is not built (run npm run build); serving the API only');
    return;
  }
  await app.register(fastifyStatic, { root: resolve(appDir, 'assets'), prefix: '/assets/', immutable: true, maxAge: '1y' });
  await app.register(fastifyStatic, { root: resolve(appDir, 'agent'), prefix: '/agent/', decorateReply: false });
  await app.register(fastifyStatic, { root: resolve(appDir, 'demo'), prefix: '/', decorateReply: false, wildcard: true });

  app.get('/widget.js', (_request, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .sendFile('widget.js', widgetDir),
  );
  app.get('/agent', (_request, reply) => reply.redirect('/agent/'));
}
