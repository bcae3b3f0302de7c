import type { FastifyRequest } from 'fastify';
import { can, type Permission, type User } from '@tsunagi/shared';
import { DomainError } from '../realtime/domain-error.ts';
import { LOGIN_COOKIE, type LoginSessions } from '../features/auth/login-sessions.ts';

/** The signed-in user of a request, checked against a permission when one is named. */
export function makeGuard(logins: LoginSessions) {
  return async function requireUser(request: FastifyRequest, permission?: Permission): Promise<User> {
    const user = await logins.userFor(request.cookies[LOGIN_COOKIE]);
    if (!user) throw new DomainError('unauthorized', 'sign in first');
    if (permission && !can(user.role, permission)) throw new DomainError('forbidden', `a ${user.role} may not do this`);
    return user;
  };
}
export type RequireUser = ReturnType<typeof makeGuard>;
