import { describe, expect, it } from 'vitest';
import { EventBatch, parseEventsJson } from './recording.ts';

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
