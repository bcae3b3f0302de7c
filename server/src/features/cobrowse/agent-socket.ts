import type { Namespace, Socket } from 'socket.io';
import fastifyCookie from '@fastify/cookie';
import {
  AgentHandshakeAuth,
  PROTOCOL_VERSION,
  agentRequests,
  can,
  type AgentClientToServer,
  type AgentRequests,
  type AgentServerToClient,
  type Permission,
  type User,
  type WatchResponse,
} from '@tsunagi/shared';
import type { Logger } from 'pino';
import { DomainError } from '../../realtime/domain-error.ts';
import { routeRequests } from '../../realtime/request-router.ts';
import { LOGIN_COOKIE, type LoginSessions } from '../auth/login-sessions.ts';
import type { CobrowseService } from './cobrowse-service.ts';
import type { GuidanceService } from '../guidance/guidance-service.ts';
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
  'guide:pointer': 'cobrowse.assist',
  'guide:highlight': 'cobrowse.assist',
  'chat:send': 'cobrowse.assist',
  // Owner or monitoring supervisor: checked by the service.
  'chat:history': null,
  'control:request': 'cobrowse.assist',
  'control:release': 'cobrowse.assist',
  'control:action': 'cobrowse.assist',
  'monitor:subscribe': 'cobrowse.monitor',
  'session:monitor': 'cobrowse.monitor',
  'agents:online': 'cobrowse.assist',
  'session:transfer': 'cobrowse.assist',
};

/**
 * The agent namespace: the console's protocol version and the login cookie
 * are checked at the handshake, the user's role against `eventPermissions`
 * on every event.
 */
export function mountAgentNamespace(
  namespace: Namespace,
  cobrowse: CobrowseService,
  guidance: GuidanceService,
  logins: LoginSessions,
  logger: Logger,
): void {
  namespace.use((socket, next) => {
    // The version is checked before the login, on purpose: a console built
    // for another protocol cannot use this server whoever is logged in, and
    // if its login expired meanwhile, refusing with 'unauthorized' would send
    // the agent through the old console's login screen only to be told to
    // reload afterwards. Reloading loads the new console, which then asks
    // for a login itself if need be. The check needs no store lookup and
    // tells a caller nothing about any user.
    const auth = AgentHandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success || auth.data.protocol !== PROTOCOL_VERSION) return next(new Error('outdated_client'));
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
    const stopWatching = (sessionId: string) => {
      cobrowse.viewersChanged(sessionId);
      guidance.viewerLeft(user, sessionId).catch((err: unknown) => logger.error({ err, sessionId }, 'ending control failed'));
    };
    socket.on('disconnect', () => {
      for (const sessionId of watching) stopWatching(sessionId);
    });
    /** Joins the live feed first so no batch falls between checkpoint and feed; the console dedupes. */
    const openLiveView = async (sessionId: string, open: () => Promise<WatchResponse>): Promise<WatchResponse> => {
      await socket.join(rooms.watchers(sessionId));
      try {
        const response = await open();
        watching.add(sessionId);
        cobrowse.viewersChanged(sessionId);
        return response;
      } catch (error) {
        await socket.leave(rooms.watchers(sessionId));
        throw error;
      }
    };

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
        'session:watch': ({ sessionId, streamId }) =>
          openLiveView(sessionId, async () => (await cobrowse.watch(user, sessionId, 'owner', streamId)).response),
        'session:monitor': ({ sessionId, streamId }) => openLiveView(sessionId, () => guidance.monitor(user, sessionId, streamId)),
        'session:unwatch': async ({ sessionId }) => {
          await socket.leave(rooms.watchers(sessionId));
          if (watching.delete(sessionId)) stopWatching(sessionId);
          return {};
        },
        'session:end': async ({ sessionId }) => {
          await cobrowse.endByAgent(user, sessionId);
          return {};
        },
        'clock:ping': () => Promise.resolve({ serverTime: Date.now() }),
        'guide:pointer': async ({ sessionId, streamId, point }) => {
          await guidance.pointer(user, sessionId, streamId, point);
          return {};
        },
        'guide:highlight': async ({ sessionId, streamId, nodeId }) => {
          await guidance.highlight(user, sessionId, streamId, nodeId);
          return {};
        },
        'chat:send': ({ sessionId, text }) => guidance.staffChat(user, sessionId, text),
        'chat:history': async ({ sessionId }) => ({ messages: await guidance.history(sessionId, user) }),
        'control:request': async ({ sessionId }) => {
          await guidance.requestControl(user, sessionId);
          return {};
        },
        'control:release': async ({ sessionId }) => {
          await guidance.releaseControl(user, sessionId);
          return {};
        },
        'control:action': async ({ sessionId, streamId, action }) => {
          await guidance.controlAction(user, sessionId, streamId, action);
          return {};
        },
        'monitor:subscribe': async () => {
          await socket.join(rooms.monitor);
          return { sessions: await guidance.liveSessions() };
        },
        'agents:online': async () => ({ agents: await guidance.onlineAgents(user) }),
        'session:transfer': async ({ sessionId, toUserId, note }) => {
          await guidance.transfer(user, sessionId, toUserId, note);
          watching.delete(sessionId);
          return {};
        },
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
