import { z } from 'zod';
import type { AckCallback } from './ack.ts';
import { JoinCode, PageInfo, Role, ServerTime, SessionId, SessionStatus, EndReason } from './common.ts';
import { EventBatch, StreamId } from './recording.ts';
import { ChatHistory, ChatMessage, ChatText, ControlRequest, ControlState, HighlightRequest, PointerUpdate } from './guidance.ts';
import { TabId, TabPresence } from './tabs.ts';

/**
 * The `/customer` Socket.IO namespace: the widget in the customer's browser.
 * The handshake carries `auth: { token }`, the signed session token returned
 * by `POST /api/cobrowse/sessions`; the socket can only ever reach that one
 * session.
 */
export const CUSTOMER_NAMESPACE = '/customer';

export const CustomerHandshake = z.object({ token: z.string().min(10).max(2000) });

export const Viewer = z.object({ displayName: z.string(), role: Role });
export type Viewer = z.infer<typeof Viewer>;

/** What the customer's widget knows about its session. */
export const CustomerSessionView = z.object({
  sessionId: SessionId,
  status: SessionStatus,
  code: JoinCode.nullable(),
  codeExpiresAt: ServerTime.nullable(),
  agent: z.object({ displayName: z.string() }).nullable(),
  viewers: z.array(Viewer),
  endedReason: EndReason.nullable(),
  control: ControlState,
});
export type CustomerSessionView = z.infer<typeof CustomerSessionView>;

export const HelloRequest = z.object({
  protocol: z.number().int(),
  streamId: StreamId,
  page: PageInfo,
  /** Streams of earlier page loads whose unacknowledged batches this tab will resend. */
  resumeStreams: z.array(StreamId).max(20).default([]),
  /** The tab this page is in and whether it is shown; without it the stream counts as its own visible tab. */
  tab: TabPresence.extend({ tabId: TabId }).optional(),
});
export type HelloRequest = z.infer<typeof HelloRequest>;

export const StreamPosition = z.object({ streamId: StreamId, lastSeq: z.number().int().min(0) });
export type StreamPosition = z.infer<typeof StreamPosition>;

export const HelloResponse = z.object({
  serverTime: ServerTime,
  session: CustomerSessionView,
  /** The last stored seq of this stream and of each resumed stream. */
  streams: z.array(StreamPosition),
});
export type HelloResponse = z.infer<typeof HelloResponse>;

export const BatchResponse = z.object({ streamId: StreamId, seq: z.number().int() });
export type BatchResponse = z.infer<typeof BatchResponse>;

export const CodeResponse = z.object({ code: JoinCode, codeExpiresAt: ServerTime });
export type CodeResponse = z.infer<typeof CodeResponse>;

export const Empty = z.object({}).strict();

/**
 * `grantOnly`: end a grant, but leave a request the agent made since. A
 * widget sends it when a view says "granted" and it holds no consent: the
 * view may be one from before the customer's own Stop, overtaken by the
 * agent's next request.
 */
export const ControlRevokeRequest = z.object({ grantOnly: z.boolean().optional() }).strict();
export type ControlRevokeRequest = z.infer<typeof ControlRevokeRequest>;
/** Whether control was on (requested or granted) and is now off. */
export const ControlRevokeResponse = z.object({ revoked: z.boolean() }).strict();
export type ControlRevokeResponse = z.infer<typeof ControlRevokeResponse>;

/** Client → server events of the customer namespace: name → request schema, response schema. */
export const customerRequests = {
  hello: { request: HelloRequest, response: HelloResponse },
  batch: { request: EventBatch, response: BatchResponse },
  page: { request: PageInfo, response: Empty },
  'code:refresh': { request: Empty, response: CodeResponse },
  end: { request: Empty, response: Empty },
  'clock:ping': { request: Empty, response: z.object({ serverTime: ServerTime }) },
  'chat:send': { request: z.object({ text: ChatText }), response: ChatMessage },
  'chat:history': { request: Empty, response: ChatHistory },
  /** The customer accepted the agent's request for control. */
  'control:grant': { request: Empty, response: Empty },
  /** The customer declined or took control back. */
  'control:revoke': { request: ControlRevokeRequest, response: ControlRevokeResponse },
  /** This tab was shown or hidden, or gained or lost the focus (after `hello`). */
  tab: { request: TabPresence, response: Empty },
} as const;
export type CustomerRequests = typeof customerRequests;

/** Server → customer pushes. */
export const customerPushes = {
  session: CustomerSessionView,
  /** Take a full snapshot now: only the tab holding `streamId`, or every tab when it is absent. */
  'snapshot:request': z.object({ streamId: StreamId.optional() }),
  'chat:message': ChatMessage,
  // Guidance names its stream: only the tab holding that stream acts on it.
  'guide:pointer': PointerUpdate.extend({ agentName: z.string() }),
  'guide:highlight': HighlightRequest,
  /** Only acted on while this browser has granted control (checked there, whatever the server says). */
  'control:action': ControlRequest,
} as const;

type Req<M, K extends keyof M> = M[K] extends { request: z.ZodType } ? z.input<M[K]['request']> : never;
type Res<M, K extends keyof M> = M[K] extends { response: z.ZodType } ? z.infer<M[K]['response']> : never;

export type CustomerClientToServer = {
  [K in keyof CustomerRequests]: (payload: Req<CustomerRequests, K>, ack: AckCallback<Res<CustomerRequests, K>>) => void;
};
export type CustomerServerToClient = {
  [K in keyof typeof customerPushes]: (payload: z.infer<(typeof customerPushes)[K]>) => void;
};

