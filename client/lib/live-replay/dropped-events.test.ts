import { describe, expect, it } from 'vitest';
import { droppedEventMarker, type RecordedEvent } from '@tsunagi/shared';
import { noteDroppedEvents, noteDroppedInStream } from './dropped-events.ts';

const LIMIT = 65_536;
const meta: RecordedEvent = { type: 4, timestamp: 1, data: { href: 'https://insurer.example/', width: 800, height: 600 } };
const snapshot: RecordedEvent = { type: 2, timestamp: 1, data: { node: { id: 1 } } };
const change: RecordedEvent = { type: 3, timestamp: 2, data: { source: 0 } };
const droppedSnapshot = droppedEventMarker({ type: 2, timestamp: 1 }, 3_000_000, LIMIT);
const droppedChange = droppedEventMarker({ type: 3, timestamp: 3 }, 100_000, LIMIT);
const otherMarker: RecordedEvent = { type: 5, timestamp: 4, data: { tag: 'tsunagi:control', payload: { type: 'grant' } } };

describe('the notice about events the widget could not send', () => {
  it('says nothing while every event arrives', () => {
    expect(noteDroppedEvents(null, [meta, snapshot, change, otherMarker])).toBeNull();
  });

  it('says the page cannot be shown when its full snapshot was dropped', () => {
    expect(noteDroppedEvents(null, [meta, droppedSnapshot, change])).toEqual({ kind: 'page', bytes: 3_000_000, limit: LIMIT });
  });

  it('says a change may be missing when an incremental event was dropped', () => {
    expect(noteDroppedEvents(null, [meta, snapshot, change, droppedChange])).toEqual({ kind: 'change', bytes: 100_000, limit: LIMIT });
  });

  it('keeps the page missing until a full snapshot gets through, then clears', () => {
    const page = noteDroppedEvents(null, [meta, droppedSnapshot]);
    expect(noteDroppedEvents(page, [droppedChange])).toEqual({ kind: 'page', bytes: 100_000, limit: LIMIT });
    expect(noteDroppedEvents(page, [change])).toBe(page);
    expect(noteDroppedEvents(page, [meta, snapshot])).toBeNull();
    // A marker after the snapshot in the same batch still counts.
    expect(noteDroppedEvents(null, [meta, snapshot, droppedChange])?.kind).toBe('change');
  });

  it('ignores a malformed marker', () => {
    const bad: RecordedEvent = { type: 5, timestamp: 1, data: { tag: 'tsunagi:dropped-event', payload: { bytes: 'many' } } };
    expect(noteDroppedEvents(null, [bad])).toBeNull();
  });

  it('keeps one notice per stream and returns the same object when nothing changed', () => {
    const none = {};
    expect(noteDroppedInStream(none, 'stream-a', [change])).toBe(none);
    const one = noteDroppedInStream(none, 'stream-a', [meta, droppedSnapshot]);
    expect(one).toEqual({ 'stream-a': { kind: 'page', bytes: 3_000_000, limit: LIMIT } });
    expect(noteDroppedInStream(one, 'stream-a', [change])).toBe(one);
    const two = noteDroppedInStream(one, 'stream-b', [droppedChange]);
    expect(Object.keys(two).sort()).toEqual(['stream-a', 'stream-b']);
    expect(noteDroppedInStream(two, 'stream-a', [meta, snapshot])).toEqual({ 'stream-b': two['stream-b'] });
  });
});
