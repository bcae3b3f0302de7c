import { describe, expect, it } from 'vitest';
import { DROPPED_EVENT_TAG, droppedEventMarker, EventBatch, parseEventsJson, readDroppedEventMarker } from './recording.ts';

describe('parseEventsJson', () => {
  it('reads a batch of rrweb events', () => {
    const events = [
      { type: 4, timestamp: 1, data: { href: 'https://insurer.example/', width: 800, height: 600 } },
      { type: 2, timestamp: 1, data: { node: { id: 1 } } },
    ];
    expect(parseEventsJson(JSON.stringify(events))).toEqual({ ok: true, events });
  });

  it('says what is wrong with text that is not a batch of events', () => {
    const cases: [string, RegExp][] = [
      ['[{"type":3', /not valid JSON/],
      ['[]', /too_small|at least|>=1/i],
      ['{"type":3,"timestamp":1}', /expected array/i],
      ['[{"type":9,"timestamp":1,"data":{}}]', /at 0\.type/],
      ['[{"type":3,"data":{}}]', /at 0\.timestamp/],
    ];
    for (const [text, message] of cases) {
      const result = parseEventsJson(text);
      expect(result.ok, text).toBe(false);
      expect(!result.ok && result.message, text).toMatch(message);
    }
  });

  it('leaves the events unparsed in the envelope, which only checks they are text', () => {
    expect(EventBatch.safeParse({ streamId: 'stream-1234', seq: 1, eventsJson: '[{"x":1}]' }).success).toBe(true);
    expect(EventBatch.safeParse({ streamId: 'stream-1234', seq: 1, events: [] }).success).toBe(false);
  });
});

describe('tsunagi:dropped-event marker', () => {
  it('stands in for an event with its type, size, limit and timestamp, and reads back', () => {
    const marker = droppedEventMarker({ type: 2, timestamp: 1234 }, 9_000_000, 8_388_608);
    expect(marker).toEqual({
      type: 5,
      timestamp: 1234,
      data: { tag: DROPPED_EVENT_TAG, payload: { eventType: 2, bytes: 9_000_000, limit: 8_388_608 } },
    });
    expect(parseEventsJson(JSON.stringify([marker])).ok).toBe(true);
    expect(readDroppedEventMarker(marker)).toEqual({ eventType: 2, bytes: 9_000_000, limit: 8_388_608 });
  });

  it('reads nothing from other events or malformed payloads', () => {
    expect(readDroppedEventMarker({ type: 5, data: { tag: 'tsunagi:control', payload: {} } })).toBeNull();
    expect(readDroppedEventMarker({ type: 3, data: { tag: DROPPED_EVENT_TAG, payload: { eventType: 2, bytes: 1, limit: 1 } } })).toBeNull();
    expect(readDroppedEventMarker({ type: 5, data: { tag: DROPPED_EVENT_TAG, payload: { eventType: 2, bytes: 'big', limit: 1 } } })).toBeNull();
    expect(readDroppedEventMarker({ type: 5, data: null })).toBeNull();
  });
});
