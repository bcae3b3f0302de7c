import type { FastifyInstance } from 'fastify';
import { CreateUserBody } from '@tsunagi/shared';
import { parseBody } from '../../http/validation.ts';
import type { RequireUser } from '../../http/auth-guard.ts';
import type { UserStore } from './user-store.ts';

export function userRoutes(app: FastifyInstance, users: UserStore, requireUser: RequireUser): void {
  app.get('/api/users', async (request) => {
    await requireUser(request, 'users.manage');
    return { users: await users.list() };
  });

  app.post('/api/users', async (request, reply) => {
    const admin = await requireUser(request, 'users.manage');
    const body = parseBody(CreateUserBody, request.body);
    const user = await users.create(body);
    request.log.info({ adminId: admin.id, userId: user.id, role: user.role }, 'user created');
    return reply.code(201).send({ user });
  });
}
