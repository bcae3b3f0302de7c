/**
 * What a top page's widget and the widget in a cross-origin frame of it say
 * to each other with `postMessage` — and the rules for believing it. Pure,
 * so the rules are unit-tested; the DOM side is in parent-bridge.ts and
 * frame-child.ts.
 *
 *   frame → top   hello    "a widget is here" (nothing else; sent to '*'); once
 *                          more when the frame's page has loaded if it refused an
 *                          invite before (its page had not yet set parentOrigins)
 *   top → frame   invite   "I am sharing: record, and send me a full snapshot
 *                          now" (also after every full snapshot of the top page,
 *                          whose re-serialisation empties the frame in the replay)
 *   top → frame   stop     "sharing ended: stop recording"
 *   frame → top   rrweb's own cross-origin message `{ type: 'rrweb', event,
 *                          origin }`, already masked, plus the invite's nonce
 *   top → frame   watch    "tell me where your node `id` is, and again whenever
 *                          it moves" — for the agent's pointer or highlight
 *                          (`slot`); `id: null` stops watching that slot
 *   frame → top   box      the watched node's box in the frame's viewport
 *                          (null: not a node of this recording) — a box and
 *                          nothing else, whatever the node is
 *
 * The top page's recorder (rrweb with `recordCrossOriginIframes`) merges the
 * frame's events into its own stream; the bridge lets it see only those that
 * pass `acceptChildEvents`.
 */

export const FRAME_HELLO = 'tsunagi:frame-hello';
export const FRAME_INVITE = 'tsunagi:frame-invite';
export const FRAME_STOP = 'tsunagi:frame-stop';
export const FRAME_WATCH = 'tsunagi:frame-watch';
export const FRAME_BOX = 'tsunagi:frame-box';

/** rrweb's `type` for events a frame's recorder passes to its parent. */
export const RRWEB_MESSAGE = 'rrweb';

export type FrameControl = { type: typeof FRAME_HELLO } | { type: typeof FRAME_INVITE | typeof FRAME_STOP; nonce: string };

/** A nonce is what `randomStreamId` makes: 22 url-safe characters (some slack either way). */
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/** A control message, or null for anything else (other scripts use postMessage too). */
export function readFrameControl(data: unknown): FrameControl | null {
  if (!data || typeof data !== 'object') return null;
  const { type, nonce } = data as { type?: unknown; nonce?: unknown };
  if (type === FRAME_HELLO) return { type };
  if ((type === FRAME_INVITE || type === FRAME_STOP) && typeof nonce === 'string' && NONCE.test(nonce)) return { type, nonce };
  return null;
}

export function frameHello(): FrameControl {
  return { type: FRAME_HELLO };
}

export function frameInvite(nonce: string): FrameControl {
  return { type: FRAME_INVITE, nonce };
}

export function frameStop(nonce: string): FrameControl {
  return { type: FRAME_STOP, nonce };
}

/** What a frame posts for each (masked) event: rrweb's message shape plus the invite's nonce. */
export interface ChildEventMessage {
  type: typeof RRWEB_MESSAGE;
  event: unknown;
  origin: string;
  tsunagi: string;
}

export function childEventMessage(event: unknown, origin: string, nonce: string): ChildEventMessage {
  return { type: RRWEB_MESSAGE, event, origin, tsunagi: nonce };
}

/** Would rrweb's recorder take this message as a frame's event? (Then the bridge must judge it.) */
export function isRrwebMessage(data: unknown): boolean {
  return !!data && typeof data === 'object' && (data as { type?: unknown }).type === RRWEB_MESSAGE;
}

/** What the top page knows about a message that looks like a frame's event. */
export interface ChildMessageFacts {
  /** `MessageEvent.origin`: set by the browser, the sender's real origin. */
  origin: string;
  data: unknown;
  /** The sender is the window of an iframe in the document that received it. */
  fromFrame: boolean;
  /** That iframe is blocked or masked by the top page's rules. */
  frameHidden: boolean;
}

export interface BridgeState {
  /** The current recording's nonce; null when not sharing. */
  nonce: string | null;
  /** The top page's allowed frame origins. */
  origins: readonly string[];
}

/**
 * The top page takes a frame's event only while sharing, from one of its own
 * frames that it neither blocks nor masks, whose origin it allows, written
 * by our widget for this recording (the nonce went only to allowed frames).
 * Anything else — another origin, the page itself, another script's rrweb in
 * a frame, a stale recording — is dropped before rrweb sees it.
 */
export function acceptChildEvents(facts: ChildMessageFacts, state: BridgeState): boolean {
  if (state.nonce === null || !facts.fromFrame || facts.frameHidden) return false;
  if (!state.origins.includes(facts.origin)) return false;
  const data = facts.data as Partial<ChildEventMessage> | null;
  if (!data || typeof data !== 'object') return false;
  return data.origin === facts.origin && data.tsunagi === state.nonce && !!data.event && typeof data.event === 'object';
}

/**
 * A frame obeys an invite or stop only from its parent (or the top page,
 * when it sits in a same-origin frame of it) on an origin the frame's own
 * site allows: its recording goes nowhere else.
 */
export function acceptParentControl(facts: { origin: string; fromParent: boolean }, parentOrigins: readonly string[]): boolean {
  return facts.fromParent && parentOrigins.includes(facts.origin);
}

/** The origin an iframe's `src` points at, or null (about:blank, srcdoc, javascript:, junk). */
export function originOfUrl(url: string, base: string): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** What the top page watches a frame's node for: the agent's pointer and highlight each watch one node. */
export type WatchSlot = 'pointer' | 'highlight';

/** A box in a viewport's CSS pixels (the same shape as guidance's Box). */
export interface FrameBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FrameWatch {
  type: typeof FRAME_WATCH;
  nonce: string;
  slot: WatchSlot;
  /** The node's id in the frame's own recording; null stops watching the slot. */
  id: number | null;
  /** Scroll the node into the frame's view if it is not fully there (the highlight). */
  reveal: boolean;
}

export interface FrameBoxAnswer {
  type: typeof FRAME_BOX;
  nonce: string;
  slot: WatchSlot;
  id: number;
  box: FrameBox | null;
}

export function frameWatch(nonce: string, slot: WatchSlot, id: number | null, reveal = false): FrameWatch {
  return { type: FRAME_WATCH, nonce, slot, id, reveal };
}

export function frameBoxAnswer(nonce: string, slot: WatchSlot, id: number, box: FrameBox | null): FrameBoxAnswer {
  return { type: FRAME_BOX, nonce, slot, id, box };
}

/** Node ids are positive integers (rrweb counts from 1). */
function isNodeId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isSlot(value: unknown): value is WatchSlot {
  return value === 'pointer' || value === 'highlight';
}

/** Far beyond any screen: a box outside this is nonsense, not a layout. */
const MAX_COORD = 1e6;

function readBox(value: unknown): FrameBox | null | undefined {
  if (value === null) return null;
  if (!value || typeof value !== 'object') return undefined;
  const { left, top, width, height } = value as Record<string, unknown>;
  const coords = [left, top, width, height];
  if (!coords.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_COORD)) return undefined;
  if ((width as number) < 0 || (height as number) < 0) return undefined;
  return { left: left as number, top: top as number, width: width as number, height: height as number };
}

/** A watch request, or null for anything else. */
export function readFrameWatch(data: unknown): FrameWatch | null {
  if (!data || typeof data !== 'object') return null;
  const { type, nonce, slot, id, reveal } = data as Record<string, unknown>;
  if (type !== FRAME_WATCH || typeof nonce !== 'string' || !NONCE.test(nonce) || !isSlot(slot)) return null;
  if (id !== null && !isNodeId(id)) return null;
  return { type, nonce, slot, id, reveal: reveal === true };
}

/** A frame's answer with a box, or null for anything else (a malformed box included). */
export function readFrameBox(data: unknown): FrameBoxAnswer | null {
  if (!data || typeof data !== 'object') return null;
  const { type, nonce, slot, id, box } = data as Record<string, unknown>;
  if (type !== FRAME_BOX || typeof nonce !== 'string' || !NONCE.test(nonce) || !isSlot(slot) || !isNodeId(id)) return null;
  const read = readBox(box);
  return read === undefined ? null : { type, nonce, slot, id, box: read };
}

/**
 * The top page believes a box only from the window of the very frame it
 * asked, on that frame's allowed origin, for this recording, for the node it
 * is watching in that slot now (an answer to an earlier watch is stale).
 */
export function acceptFrameBox(
  answer: FrameBoxAnswer,
  facts: { origin: string; fromWatchedFrame: boolean },
  watch: { nonce: string; origin: string; id: number } | null,
): boolean {
  return !!watch && facts.fromWatchedFrame && facts.origin === watch.origin && answer.nonce === watch.nonce && answer.id === watch.id;
}
