import { z } from 'zod';
import type { AckCallback } from './ack.ts';
import { EndReason, JoinCode, Lang, PageInfo, ServerTime, SessionId, SessionStatus } from './common.ts';
import { Viewer, Empty } from './customer.ts';
import { RelayedBatch, StreamId } from './recording.ts';
import { ChatHistory, ChatMessage, ChatText, ControlRequest, ControlState, HighlightRequest, PointerUpdate } from './guidance.ts';
import { CustomerTab } from './tabs.ts';

/**
 * The `/agent` Socket.IO namespace: the agent console and the supervisor app.
 * Authenticated by the login cookie; every event is checked against the
 * user's role (see `permissions.ts`).
 */
export const AGENT_NAMESPACE = '/agent';

/**
 * What a console sends as Socket.IO `auth` when it connects to `/agent`:
 * the `PROTOCOL_VERSION` it was built with. The server refuses any other
 * version, or none, with `connect_error` `outdated_client` (a console tab
 * left open across a deploy must reload instead of reading batches whose
 * shape it does not know).
 */
export const AgentHandshakeAuth = z.object({ protocol: z.number().int() });
export type AgentHandshakeAuth = z.infer<typeof AgentHandshakeAuth>;

export const QueueEntry = z.object({
  sessionId: SessionId,
  createdAt: ServerTime,
  pageTitle: z.string(),
  pageUrl: z.string(),
  lang: Lang,
  /** Left by the agent who put the session back in the queue. */
  transferNote: z.string().nullable(),
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
  control: ControlState,
  /** The note of the last transfer, for the agent who now owns the session. */
  transferNote: z.string().nullable(),
  /** The customer's tabs, oldest first; one of them is active unless all closed. */
  tabs: z.array(CustomerTab),
});
export type LiveSession = z.infer<typeof LiveSession>;

export const SessionRef = z.object({ sessionId: SessionId });

export const WatchRequest = SessionRef.extend({
  /** The stream to start from; the active tab's when absent. */
  streamId: StreamId.optional(),
});

export const WatchResponse = z.object({
  session: LiveSession,
  /** The stream the checkpoint is of (null: the session's latest checkpoint, whatever its stream). */
  streamId: StreamId.nullable(),
  /** Stored batches of that stream from its latest full snapshot on, oldest first. */
  checkpoint: z.array(RelayedBatch),
});
export type WatchResponse = z.infer<typeof WatchResponse>;

export const QueueSnapshot = z.object({
  waiting: z.array(QueueEntry),
  /** Sessions this user owns that have not ended (for a console reload). */
  mine: z.array(LiveSession),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const StaffMember = z.object({ userId: z.string(), displayName: z.string() });
export type StaffMember = z.infer<typeof StaffMember>;

export const TransferRequest = SessionRef.extend({
  /** Another online agent, or null for the waiting queue. */
  toUserId: z.string().nullable(),
  note: z.string().trim().max(1000),
});

export const agentRequests = {
  'queue:subscribe': { request: Empty, response: QueueSnapshot },
  'session:take': { request: SessionRef, response: LiveSession },
  'session:join-code': { request: z.object({ code: JoinCode }), response: LiveSession },
  'session:watch': { request: WatchRequest, response: WatchResponse },
  'session:unwatch': { request: SessionRef, response: Empty },
  'session:end': { request: SessionRef, response: Empty },
  'clock:ping': { request: Empty, response: z.object({ serverTime: ServerTime }) },
  // Guidance (docs/protocol.md "Guidance"): owner only, each for one stream.
  'guide:pointer': { request: SessionRef.extend(PointerUpdate.shape), response: Empty },
  'guide:highlight': { request: SessionRef.extend(HighlightRequest.shape), response: Empty },
  'chat:send': { request: SessionRef.extend({ text: ChatText }), response: ChatMessage },
  'chat:history': { request: SessionRef, response: ChatHistory },
  'control:request': { request: SessionRef, response: Empty },
  'control:release': { request: SessionRef, response: Empty },
  'control:action': { request: SessionRef.extend(ControlRequest.shape), response: Empty },
  // Supervision and hand-over.
  'monitor:subscribe': { request: Empty, response: z.object({ sessions: z.array(LiveSession) }) },
  'session:monitor': { request: WatchRequest, response: WatchResponse },
  'agents:online': { request: Empty, response: z.object({ agents: z.array(StaffMember) }) },
  'session:transfer': { request: TransferRequest, response: Empty },
} as const;
export type AgentRequests = typeof agentRequests;

export const agentPushes = {
  queue: QueueSnapshot.pick({ waiting: true }),
  'replay:batch': RelayedBatch,
  'session:update': LiveSession,
  'chat:message': ChatMessage,
} as const;

type Req<K extends keyof AgentRequests> = z.input<AgentRequests[K]['request']>;
type Res<K extends keyof AgentRequests> = z.infer<AgentRequests[K]['response']>;

export type AgentClientToServer = {
  [K in keyof AgentRequests]: (payload: Req<K>, ack: AckCallback<Res<K>>) => void;
};
export type AgentServerToClient = {
  [K in keyof typeof agentPushes]: (payload: z.infer<(typeof agentPushes)[K]>) => void;
};
