import { readDroppedEventMarker, RrwebEventType, type RecordedEvent } from '@tsunagi/shared';

/**
 * What the live view must tell the agent about events the customer's widget
 * could not send (`tsunagi:dropped-event` markers, see
 * shared/src/protocol/recording.ts): the last one dropped, and whether the
 * page itself is missing.
 */
export interface DroppedNotice {
  /**
   * 'page': a full snapshot was dropped and none arrived since — the view
   * cannot show the page. 'change': an incremental change was dropped — part
   * of the view may be missing or out of date.
   */
  kind: 'page' | 'change';
  /** Size of the last event dropped (UTF-8 bytes of its JSON). */
  bytes: number;
  /** The limit it exceeded (the server's MAX_BATCH_BYTES, as the widget knew it). */
  limit: number;
}

/**
 * The notice after one more batch of a stream, in order: a marker raises it
 * (a dropped full snapshot keeps it at 'page' until a snapshot gets through),
 * a full snapshot that arrived clears it — the page is whole again. Returns
 * `previous` itself when nothing changed, so a caller can skip an update.
 */
export function noteDroppedEvents(previous: DroppedNotice | null, events: readonly RecordedEvent[]): DroppedNotice | null {
  let notice = previous;
  for (const event of events) {
    if (event.type === RrwebEventType.FullSnapshot) {
      notice = null;
      continue;
    }
    const dropped = readDroppedEventMarker(event);
    if (!dropped) continue;
    const pageMissing = dropped.eventType === RrwebEventType.FullSnapshot || notice?.kind === 'page';
    notice = { kind: pageMissing ? 'page' : 'change', bytes: dropped.bytes, limit: dropped.limit };
  }
  return notice;
}

/** Per stream: `noteDroppedEvents` for one batch of `streamId`; `previous` itself when nothing changed. */
export function noteDroppedInStream(
  previous: Readonly<Record<string, DroppedNotice>>,
  streamId: string,
  events: readonly RecordedEvent[],
): Readonly<Record<string, DroppedNotice>> {
  const before = previous[streamId] ?? null;
  const after = noteDroppedEvents(before, events);
  if (after === before) return previous;
  const next = { ...previous };
  if (after) next[streamId] = after;
  else delete next[streamId];
  return next;
}
