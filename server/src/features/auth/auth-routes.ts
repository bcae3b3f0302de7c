import type { FastifyInstance } from 'fastify';
import { LoginBody } from '@tsunagi/shared';
import { DomainError } from '../../realtime/domain-error.ts';
import { parseBody } from '../../http/validation.ts';
import type { RequireUser } from '../../http/auth-guard.ts';
import { LOGIN_COOKIE, type LoginSessions } from './login-sessions.ts';

export function authRoutes(app: FastifyInstance, logins: LoginSessions, requireUser: RequireUser, cookie: { secure: boolean; ttlMs: number }): void {
  app.post('/api/auth/login', async (request, reply) => {
    const body = parseBody(LoginBody, request.body);
    const result = await logins.login(body.username, body.password);
    if (!result) throw new DomainError('unauthorized', 'wrong username or password');
    request.log.info({ userId: result.user.id }, 'signed in');
    void reply.setCookie(LOGIN_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: cookie.secure,
      maxAge: Math.floor(cookie.ttlMs / 1000),
    });
    return { user: result.user };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    await logins.logout(request.cookies[LOGIN_COOKIE]);
    void reply.clearCookie(LOGIN_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request) => ({ user: await requireUser(request) }));
}
