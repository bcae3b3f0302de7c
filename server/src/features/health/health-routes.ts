import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';

/** Liveness (the process answers) and readiness (it can serve: store reachable, not draining). */
export function healthRoutes(app: FastifyInstance, db: Kysely<Database>, isDraining: () => boolean): void {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (isDraining()) return reply.code(503).send({ status: 'draining' });
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'store unreachable' });
    }
  });
}
