import { z } from 'zod';
import type { AckCallback } from './ack.ts';
import { EndReason, JoinCode, Lang, PageInfo, ServerTime, SessionId, SessionStatus } from './common.ts';
import { Viewer, Empty } from './customer.ts';
import { RelayedBatch } from './recording.ts';

/**
 * The `/agent` Socket.IO namespace: the agent console and the supervisor app.
 * Authenticated by the login cookie; every event is checked against the
 * user's role (see `permissions.ts`).
 */
export const AGENT_NAMESPACE = '/agent';

export const QueueEntry = z.object({
  sessionId: SessionId,
  createdAt: ServerTime,
  pageTitle: z.string(),
  pageUrl: z.string(),
  lang: Lang,
});
export type QueueEntry = z.infer<typeof QueueEntry>;

/** A session as the console shows it. */
export const LiveSession = z.object({
  sessionId: SessionId,
  status: SessionStatus,
  createdAt: ServerTime,
  owner: z.object({ userId: z.string(), displayName: z.string() }).nullable(),
  customerConnected: z.boolean(),
  /** Server time the customer's socket went away; null while connected. */
  customerDisconnectedAt: ServerTime.nullable(),
  page: PageInfo.nullable(),
  viewers: z.array(Viewer),
  endedReason: EndReason.nullable(),
});
export type LiveSession = z.infer<typeof LiveSession>;

export const SessionRef = z.object({ sessionId: SessionId });

export const WatchResponse = z.object({
  session: LiveSession,
  /** Stored batches from the latest full snapshot on, oldest first. */
  checkpoint: z.array(RelayedBatch),
});
export type WatchResponse = z.infer<typeof WatchResponse>;

export const QueueSnapshot = z.object({
  waiting: z.array(QueueEntry),
  /** Sessions this user owns that have not ended (for a console reload). */
  mine: z.array(LiveSession),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const agentRequests = {
  'queue:subscribe': { request: Empty, response: QueueSnapshot },
  'session:take': { request: SessionRef, response: LiveSession },
  'session:join-code': { request: z.object({ code: JoinCode }), response: LiveSession },
  'session:watch': { request: SessionRef, response: WatchResponse },
  'session:unwatch': { request: SessionRef, response: Empty },
  'session:end': { request: SessionRef, response: Empty },
  'clock:ping': { request: Empty, response: z.object({ serverTime: ServerTime }) },
} as const;
export type AgentRequests = typeof agentRequests;

export const agentPushes = {
  queue: QueueSnapshot.pick({ waiting: true }),
  'replay:batch': RelayedBatch,
  'session:update': LiveSession,
} as const;

type Req<K extends keyof AgentRequests> = z.input<AgentRequests[K]['request']>;
type Res<K extends keyof AgentRequests> = z.infer<AgentRequests[K]['response']>;

export type AgentClientToServer = {
  [K in keyof AgentRequests]: (payload: Req<K>, ack: AckCallback<Res<K>>) => void;
};
export type AgentServerToClient = {
  [K in keyof typeof agentPushes]: (payload: z.infer<(typeof agentPushes)[K]>) => void;
};
