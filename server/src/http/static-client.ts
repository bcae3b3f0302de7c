import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Logger } from 'pino';

/**
 * Serves the built client: the demo insurer site at `/`, the agent console
 * at `/agent/`, their shared assets at `/assets/`, and the widget: the
 * loader at `/widget.js` (the one URL sites embed, so a short cache) and the
 * chunks it imports when sharing starts at `/widget/chunks/` (content-hashed
 * names, so cached for a year and never revalidated). Both are loaded by
 * the insurer's pages, another origin: the chunks are ES modules, which
 * browsers fetch in CORS mode, hence `access-control-allow-origin: *` (no
 * credentials: the widget never sends cookies).
 * Layout as `vite build` writes it (see vite.config.ts, scripts/widget-build.ts).
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
  await app.register(fastifyStatic, {
    root: resolve(widgetDir, 'chunks'),
    prefix: '/widget/chunks/',
    decorateReply: false,
    immutable: true,
    maxAge: '1y',
    setHeaders: (res) => {
      res.setHeader('access-control-allow-origin', '*');
    },
  });

  app.get('/widget.js', (_request, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      // Our cache-control, not the one sendFile's plugin (/assets/, immutable) would set.
      .sendFile('widget.js', widgetDir, { cacheControl: false }),
  );
  app.get('/agent', (_request, reply) => reply.redirect('/agent/'));
}
