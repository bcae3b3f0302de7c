import { z } from 'zod';
import { Role, ServerTime, SessionId } from './common.ts';
import { StreamId } from './recording.ts';

/**
 * Guidance: what the agent does to help, beyond watching — pointer,
 * highlight, chat, remote control. Elements of the customer's page are named
 * by rrweb's node ids (the same on the recorder's and the replayer's side),
 * never by screen coordinates, so scrolling and scaling on either side do not
 * move the target.
 */

export const NodeId = z.number().int().min(1).max(2 ** 31);

/** A point inside an element of the customer's page: its node and fractions of its box. */
export const NodePoint = z.object({
  nodeId: NodeId,
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
});
export type NodePoint = z.infer<typeof NodePoint>;

export const ChatText = z.string().trim().min(1, 'a message cannot be empty').max(2000);

export const ChatMessage = z.object({
  id: z.uuid(),
  sessionId: SessionId,
  from: z.enum(['customer', 'staff']),
  /** The staff member's display name; null for the customer. */
  authorName: z.string().nullable(),
  authorRole: Role.nullable(),
  text: z.string(),
  sentAt: ServerTime,
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatHistory = z.object({ messages: z.array(ChatMessage) });
export type ChatHistory = z.infer<typeof ChatHistory>;

/**
 * The stream a guidance message is for. rrweb node ids mean something only
 * inside one stream (one page load in one tab): the console names the stream
 * it shows, and only the tab holding that stream acts.
 */
export const StreamTarget = z.object({ streamId: StreamId });

/** The agent's pointer over the live view; null when it leaves the view. */
export const PointerUpdate = StreamTarget.extend({ point: NodePoint.nullable() });

/** Remote control, only ever acted on by the customer's browser after its own consent. */
export const ControlState = z.enum(['off', 'requested', 'granted']);
export type ControlState = z.infer<typeof ControlState>;

export const ControlAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('click'), point: NodePoint }),
  /** Replace a text field's value (typing), dispatched so React/Vue see it. */
  z.object({ kind: z.literal('input'), nodeId: NodeId, value: z.string().max(10_000) }),
  z.object({ kind: z.literal('check'), nodeId: NodeId, checked: z.boolean() }),
  z.object({ kind: z.literal('select'), nodeId: NodeId, value: z.string().max(1000) }),
  /** Scroll an element, or the page when nodeId is the document's. */
  z.object({ kind: z.literal('scroll'), nodeId: NodeId, top: z.number().min(0), left: z.number().min(0) }),
  z.object({ kind: z.literal('key'), nodeId: NodeId, key: z.enum(['Enter', 'Tab', 'Escape', 'Backspace', 'ArrowUp', 'ArrowDown']) }),
]);
export type ControlAction = z.infer<typeof ControlAction>;

/** `guide:highlight` from the console. */
export const HighlightRequest = StreamTarget.extend({ nodeId: NodeId });

/** `control:action` from the console. */
export const ControlRequest = StreamTarget.extend({ action: ControlAction });
