import type { Namespace, Socket } from 'socket.io';
import {
  CustomerHandshake,
  customerRequests,
  type CustomerClientToServer,
  type CustomerServerToClient,
} from '@tsunagi/shared';
import type { Logger } from 'pino';
import { DomainError } from '../../realtime/domain-error.ts';
import { routeRequests } from '../../realtime/request-router.ts';
import { CobrowseService, type TabRef } from './cobrowse-service.ts';
import type { GuidanceService } from '../guidance/guidance-service.ts';
import { rooms } from './rooms.ts';

/** A customer socket's session (from the token) and, once it said hello, its tab and stream. */
export type CustomerSocketData = { sessionId: string } & Partial<TabRef>;
type CustomerSocket = Socket<CustomerClientToServer, CustomerServerToClient, Record<string, never>, CustomerSocketData>;

/**
 * The customer namespace. The handshake token is checked before the socket
 * exists; from then on the session id comes from the token, never from a
 * message, so a customer can only ever touch their own session.
 */
export function mountCustomerNamespace(namespace: Namespace, cobrowse: CobrowseService, guidance: GuidanceService, logger: Logger): void {
  namespace.use((socket, next) => {
    const handshake = CustomerHandshake.safeParse(socket.handshake.auth);
    if (!handshake.success) return next(new Error('unauthorized'));
    cobrowse.authenticateCustomer(handshake.data.token).then(
      (session) => {
        (socket.data as { sessionId: string }).sessionId = session.id;
        next();
      },
      (error: unknown) => next(new Error(error instanceof DomainError ? error.code : 'internal')),
    );
  });

  namespace.on('connection', (raw) => {
    const socket = raw as CustomerSocket;
    const { sessionId } = socket.data;
    void socket.join(rooms.customer(sessionId));
    void cobrowse.customerConnectionChanged(sessionId, true).catch((err: unknown) => logger.error({ err }, 'presence update failed'));
    socket.on('disconnect', () => {
      void (async () => {
        // Another tab of the same customer may still be connected.
        const others = await namespace.in(rooms.customer(sessionId)).fetchSockets();
        if (others.length === 0) await cobrowse.customerConnectionChanged(sessionId, false);
        // The same page may be back already on a new socket (a reconnect).
        const { tabId, streamId } = socket.data;
        if (!tabId || !streamId) return;
        const back = others.some((other) => {
          const data = other.data as CustomerSocketData;
          return data.tabId === tabId && data.streamId === streamId;
        });
        if (!back) await cobrowse.tabGone(sessionId, { tabId, streamId });
      })().catch((err: unknown) => logger.error({ err }, 'presence update failed'));
    });
    const tabOf = (): TabRef => {
      const { tabId, streamId } = socket.data;
      if (!tabId || !streamId) throw new DomainError('conflict', 'say hello first');
      return { tabId, streamId };
    };

    routeRequests(socket, customerRequests, {
      hello: (request) => {
        // Before anything awaits: a disconnect or presence lookup meanwhile must see the tab.
        const { tabId, streamId } = CobrowseService.helloTab(request);
        Object.assign(socket.data, { tabId, streamId });
        return cobrowse.hello(sessionId, request);
      },
      batch: (batch) => cobrowse.receiveBatch(sessionId, batch),
      page: async (page) => {
        const { tabId, streamId } = socket.data;
        await cobrowse.updatePage(sessionId, page, tabId && streamId ? { tabId, streamId } : undefined);
        return {};
      },
      tab: async (presence) => {
        await cobrowse.tabPresence(sessionId, tabOf(), presence);
        return {};
      },
      'code:refresh': () => cobrowse.refreshCode(sessionId),
      end: async () => {
        await cobrowse.end(sessionId, 'customer');
        return {};
      },
      'clock:ping': () => Promise.resolve({ serverTime: Date.now() }),
      'chat:send': ({ text }) => guidance.customerChat(sessionId, text),
      'chat:history': async () => ({ messages: await guidance.history(sessionId) }),
      'control:grant': async () => {
        await guidance.grantControl(sessionId);
        return {};
      },
      'control:revoke': async ({ grantOnly }) => ({ revoked: await guidance.revokeControl(sessionId, grantOnly) }),
    }, logger);
  });
}
