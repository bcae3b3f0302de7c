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

export const EventBatch = z.object({
  streamId: StreamId,
  seq: z.number().int().min(1),
  events: z.array(RecordedEvent).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type EventBatch = z.infer<typeof EventBatch>;

/** A batch as viewers receive it, live or from the store. */
export const RelayedBatch = EventBatch.extend({
  sessionId: z.uuid(),
  /** Server clock when the batch arrived. */
  receivedAt: z.number().int(),
});
export type RelayedBatch = z.infer<typeof RelayedBatch>;

export function containsFullSnapshot(events: readonly { type: number }[]): boolean {
  return events.some((event) => event.type === RrwebEventType.FullSnapshot);
}
