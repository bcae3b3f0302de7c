import { z } from 'zod';

/**
 * One rrweb event as it travels. The server stores and relays it without
 * interpreting `data`; it only needs the type (to spot full snapshots) and the
 * timestamp (already on the server's clock, see docs/protocol.md "Clocks").
 * rrweb's own `eventWithTime` type is structurally compatible.
 */
export const RecordedEvent = z.object({
  type: z.number().int().min(0).max(6),
  timestamp: z.number().finite().nonnegative(),
  data: z.unknown(),
  delay: z.number().optional(),
});
export type RecordedEvent = z.infer<typeof RecordedEvent>;

/** rrweb's EventType numbers that matter to the server and the viewers. */
export const RrwebEventType = {
  DomContentLoaded: 0,
  Load: 1,
  FullSnapshot: 2,
  IncrementalSnapshot: 3,
  Meta: 4,
  Custom: 5,
  Plugin: 6,
} as const;

/**
 * A stream is one page load in one tab. The customer's widget numbers its
 * batches 1, 2, 3… per stream; (streamId, seq) identifies a batch everywhere,
 * which is how the server stores each batch exactly once.
 */
export const StreamId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a stream id is 8–64 url-safe characters');
export type StreamId = z.infer<typeof StreamId>;

export const MAX_EVENTS_PER_BATCH = 10_000;

/** One batch's events, once parsed: what the recorder made and the replayer takes. */
export const RecordedEvents = z.array(RecordedEvent).min(1).max(MAX_EVENTS_PER_BATCH);

/**
 * A batch's events as JSON text — the form they travel and are stored in.
 *
 * The relay's main thread never parses them: it sequences the batch by its
 * envelope and passes the text on. They are parsed and checked against
 * `RecordedEvents` where they are used: by the server before it stores them
 * (with SQLite, on the commit thread, off the relay's), and by every viewer
 * before it replays them.
 * Parsing `events` as objects on the main thread, validating and
 * re-serialising them was a tenth of its time per batch and most of its
 * garbage (docs/performance.md).
 */
export const EventsJson = z.string().min(2, 'events must be a JSON array');

/** Parses and validates a batch's `eventsJson`: the one way events are read. */
export const ParsedEvents = EventsJson.transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'events are not valid JSON' });
    return z.NEVER;
  }
}).pipe(RecordedEvents);

export type ParsedEventsResult = { ok: true; events: RecordedEvent[] } | { ok: false; message: string };

/** `ParsedEvents`, with the first problem as one line (for error acks and logs). */
export function parseEventsJson(text: string): ParsedEventsResult {
  const result = ParsedEvents.safeParse(text);
  if (result.success) return { ok: true, events: result.data };
  const issue = result.error.issues[0];
  const path = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, message: `${issue?.message ?? 'invalid events'}${path}` };
}

/** Customer → server: one numbered batch of a stream. */
export const EventBatch = z.object({
  streamId: StreamId,
  seq: z.number().int().min(1),
  eventsJson: EventsJson,
});
export type EventBatch = z.infer<typeof EventBatch>;

/**
 * A batch as the widget holds it until the server acknowledges it (and keeps
 * it in sessionStorage across a page load): events still as objects, since it
 * may have to split them. It becomes an `EventBatch` as it is sent.
 */
export const UnsentBatch = z.object({
  streamId: StreamId,
  seq: z.number().int().min(1),
  events: RecordedEvents,
});
export type UnsentBatch = z.infer<typeof UnsentBatch>;

/** A batch as viewers receive it, live or from the store; they parse `eventsJson` with `parseEventsJson`. */
export const RelayedBatch = EventBatch.extend({
  sessionId: z.uuid(),
  /** Server clock when the batch arrived. */
  receivedAt: z.number().int(),
});
export type RelayedBatch = z.infer<typeof RelayedBatch>;

/** A relayed batch once its events are parsed: what players work with. */
export type ReplayBatch = Omit<RelayedBatch, 'eventsJson'> & { events: RecordedEvent[] };

export function containsFullSnapshot(events: readonly { type: number }[]): boolean {
  return events.some((event) => event.type === RrwebEventType.FullSnapshot);
}

/**
 * Markers: rrweb Custom events (type 5, `data: { tag, payload }`) the widget
 * records into the customer's stream for the console and the recordings to
 * read. They travel and are stored like any other event.
 */
export interface MarkerData<P = unknown> {
  tag: string;
  payload: P;
}

/** The tag of the marker the widget sends in place of an event too large to send. */
export const DROPPED_EVENT_TAG = 'tsunagi:dropped-event';

/**
 * `tsunagi:dropped-event`: one rrweb event was larger than the server's batch
 * limit (`MAX_BATCH_BYTES`) on its own, so the widget left it out and sent
 * this instead, with the dropped event's timestamp. A dropped full snapshot
 * (`eventType` 2) means the viewers cannot show the page at all; any other
 * type, that a change of it may be missing.
 */
export const DroppedEventPayload = z.object({
  /** rrweb EventType of the event left out. */
  eventType: z.number().int().min(0).max(6),
  /** Its size: UTF-8 bytes of its JSON. */
  bytes: z.number().int().nonnegative(),
  /** The batch limit it exceeded, as the widget knew it (the server's `MAX_BATCH_BYTES`). */
  limit: z.number().int().positive(),
});
export type DroppedEventPayload = z.infer<typeof DroppedEventPayload>;

/** The marker that stands in for `event` (nothing of its content, only its type, size and time). */
export function droppedEventMarker(event: Pick<RecordedEvent, 'type' | 'timestamp'>, bytes: number, limit: number): RecordedEvent {
  const payload: DroppedEventPayload = { eventType: event.type, bytes, limit };
  const data: MarkerData<DroppedEventPayload> = { tag: DROPPED_EVENT_TAG, payload };
  return { type: RrwebEventType.Custom, timestamp: event.timestamp, data };
}

/** The payload if `event` is a well-formed `tsunagi:dropped-event` marker, else null. */
export function readDroppedEventMarker(event: Pick<RecordedEvent, 'type' | 'data'>): DroppedEventPayload | null {
  if (event.type !== RrwebEventType.Custom) return null;
  const data = event.data as Partial<MarkerData> | null | undefined;
  if (typeof data !== 'object' || data === null || data.tag !== DROPPED_EVENT_TAG) return null;
  const parsed = DroppedEventPayload.safeParse(data.payload);
  return parsed.success ? parsed.data : null;
}
