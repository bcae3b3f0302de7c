import type { Namespace, Socket } from 'socket.io';
import fastifyCookie from '@fastify/cookie';
import {
  agentRequests,
  can,
  type AgentClientToServer,
  type AgentRequests,
  type AgentServerToClient,
  type Permission,
  type User,
} from '@tsunagi/shared';
import type { Logger } from 'pino';
import { DomainError } from '../../realtime/domain-error.ts';
import { routeRequests } from '../../realtime/request-router.ts';
import { LOGIN_COOKIE, type LoginSessions } from '../auth/login-sessions.ts';
import type { CobrowseService } from './cobrowse-service.ts';
import { rooms } from './rooms.ts';

export type AgentSocketData = { user: User };
type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>;

/** What each agent event needs; `null` means any signed-in user. */
const eventPermissions: Record<keyof AgentRequests, Permission | null> = {
  'queue:subscribe': 'cobrowse.assist',
  'session:take': 'cobrowse.assist',
  'session:join-code': 'cobrowse.assist',
  'session:watch': 'cobrowse.assist',
  'session:unwatch': 'cobrowse.assist',
  'session:end': 'cobrowse.assist',
  'clock:ping': null,
};

/**
 * The agent namespace: the login cookie is checked at the handshake and the
 * user's role against `eventPermissions` on every event.
 */
export function mountAgentNamespace(
  namespace: Namespace,
  cobrowse: CobrowseService,
  logins: LoginSessions,
  logger: Logger,
): void {
  namespace.use((socket, next) => {
    const cookies = fastifyCookie.parse(socket.handshake.headers.cookie ?? '');
    logins.userFor(cookies[LOGIN_COOKIE]).then(
      (user) => {
        if (!user) return next(new Error('unauthorized'));
        (socket.data as AgentSocketData).user = user;
        next();
      },
      (err: unknown) => {
        logger.error({ err }, 'agent handshake failed');
        next(new Error('internal'));
      },
    );
  });

  namespace.on('connection', (raw) => {
    const socket = raw as AgentSocket;
    const { user } = socket.data;
    void socket.join(rooms.user(user.id));

    const watching = new Set<string>();
    socket.on('disconnect', () => {
      for (const sessionId of watching) cobrowse.viewersChanged(sessionId);
    });

    routeRequests(
      socket,
      agentRequests,
      {
        'queue:subscribe': async () => {
          await socket.join(rooms.queue);
          return cobrowse.queueSnapshot(user);
        },
        'session:take': ({ sessionId }) => cobrowse.take(user, sessionId),
        'session:join-code': ({ code }) => cobrowse.joinByCode(user, code),
        'session:watch': async ({ sessionId }) => {
          // Join before reading the checkpoint so no live batch falls in between;
          // the console drops the batches it then receives twice.
          await socket.join(rooms.watchers(sessionId));
          try {
            const { response } = await cobrowse.watch(user, sessionId);
            watching.add(sessionId);
            cobrowse.viewersChanged(sessionId);
            return response;
          } catch (error) {
            await socket.leave(rooms.watchers(sessionId));
            throw error;
          }
        },
        'session:unwatch': async ({ sessionId }) => {
          await socket.leave(rooms.watchers(sessionId));
          if (watching.delete(sessionId)) cobrowse.viewersChanged(sessionId);
          return {};
        },
        'session:end': async ({ sessionId }) => {
          await cobrowse.endByAgent(user, sessionId);
          return {};
        },
        'clock:ping': () => Promise.resolve({ serverTime: Date.now() }),
      },
      logger,
      (event) => {
        const permission = eventPermissions[event];
        if (permission && !can(user.role, permission)) {
          throw new DomainError('forbidden', `a ${user.role} may not ${event}`);
        }
      },
    );
  });
}
