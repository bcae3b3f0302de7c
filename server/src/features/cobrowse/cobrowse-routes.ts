import type { FastifyInstance } from 'fastify';
import { CreateSessionBody, type WidgetConfig } from '@tsunagi/shared';
import { parseBody } from '../../http/validation.ts';
import type { CobrowseService } from './cobrowse-service.ts';

/**
 * The widget's HTTP calls. They come from the insurer's own site, another
 * origin, so CORS is open — without credentials: the session token, not a
 * cookie, is what identifies the customer.
 */
export function cobrowseRoutes(app: FastifyInstance, cobrowse: CobrowseService, widgetConfig: WidgetConfig): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/cobrowse/') && !request.url.startsWith('/api/widget/')) return;
    void reply.header('access-control-allow-origin', '*');
    void reply.header('access-control-allow-headers', 'content-type');
    void reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    void reply.header('access-control-max-age', '600');
    if (request.method === 'OPTIONS') await reply.code(204).send();
  });
  app.options('/api/cobrowse/sessions', async (_request, reply) => reply.code(204).send());
  app.options('/api/widget/config', async (_request, reply) => reply.code(204).send());

  app.get('/api/widget/config', () => widgetConfig);

  app.post('/api/cobrowse/sessions', async (request, reply) => {
    const body = parseBody(CreateSessionBody, request.body);
    return reply.code(201).send(await cobrowse.createSession(body.page));
  });
}
