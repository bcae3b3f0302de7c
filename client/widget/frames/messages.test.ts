import { describe, expect, it } from 'vitest';
import {
  acceptChildEvents,
  acceptFrameBox,
  acceptParentControl,
  childEventMessage,
  frameBoxAnswer,
  frameWatch,
  readFrameBox,
  readFrameWatch,
  frameHello,
  frameInvite,
  frameStop,
  isRrwebMessage,
  originOfUrl,
  readFrameControl,
  type ChildMessageFacts,
} from './messages.ts';

const NONCE = 'Zm9vYmFyYmF6cXV4cXV1eA';
const PAY = 'http://localhost:3000';
const state = { nonce: NONCE, origins: [PAY] };
const event = { type: 3, data: { source: 5, id: 12, text: '***' }, timestamp: 1 };
const facts = (over: Partial<ChildMessageFacts> = {}): ChildMessageFacts => ({
  origin: PAY,
  data: childEventMessage(event, PAY, NONCE),
  fromFrame: true,
  frameHidden: false,
  ...over,
});

describe('frame control messages', () => {
  it('reads our own messages and nothing else', () => {
    expect(readFrameControl(frameHello())).toEqual({ type: 'tsunagi:frame-hello' });
    expect(readFrameControl(frameInvite(NONCE))).toEqual({ type: 'tsunagi:frame-invite', nonce: NONCE });
    expect(readFrameControl(frameStop(NONCE))).toEqual({ type: 'tsunagi:frame-stop', nonce: NONCE });
    for (const junk of [null, undefined, 'tsunagi:frame-invite', 42, {}, { type: 'rrweb' }, { type: 'tsunagi:frame-invite' }]) {
      expect(readFrameControl(junk)).toBeNull();
    }
    // A nonce must look like one: no empty strings, objects or huge blobs.
    expect(readFrameControl({ type: 'tsunagi:frame-invite', nonce: '' })).toBeNull();
    expect(readFrameControl({ type: 'tsunagi:frame-invite', nonce: { toString: () => NONCE } })).toBeNull();
    expect(readFrameControl({ type: 'tsunagi:frame-stop', nonce: 'x'.repeat(500) })).toBeNull();
  });

  it('recognises what rrweb would take as a frame event', () => {
    expect(isRrwebMessage(childEventMessage(event, PAY, NONCE))).toBe(true);
    expect(isRrwebMessage({ type: 'rrweb', event })).toBe(true);
    expect(isRrwebMessage(frameHello())).toBe(false);
    expect(isRrwebMessage(null)).toBe(false);
    expect(isRrwebMessage('rrweb')).toBe(false);
  });
});

describe('acceptChildEvents (the top page)', () => {
  it('takes an event from an allowed frame of the page, written for this recording', () => {
    expect(acceptChildEvents(facts(), state)).toBe(true);
  });

  it('refuses everything while not sharing', () => {
    expect(acceptChildEvents(facts(), { ...state, nonce: null })).toBe(false);
  });

  it('refuses an origin the page did not allow, even if the message claims an allowed one', () => {
    expect(acceptChildEvents(facts({ origin: 'https://evil.example' }), state)).toBe(false);
    expect(acceptChildEvents(facts({ origin: 'https://evil.example', data: childEventMessage(event, 'https://evil.example', NONCE) }), state)).toBe(false);
    // The page's own origin is not a frame origin unless listed.
    expect(acceptChildEvents(facts({ origin: 'http://127.0.0.1:3000' }), state)).toBe(false);
  });

  it('refuses a message whose claimed origin differs from the real one', () => {
    expect(acceptChildEvents(facts({ data: childEventMessage(event, 'http://other.example', NONCE) }), state)).toBe(false);
  });

  it('refuses a sender that is not a frame of the page, and a frame the page blocks or masks', () => {
    expect(acceptChildEvents(facts({ fromFrame: false }), state)).toBe(false);
    expect(acceptChildEvents(facts({ frameHidden: true }), state)).toBe(false);
  });

  it('refuses rrweb messages without our nonce (another script recording in the frame) or with a stale one', () => {
    expect(acceptChildEvents(facts({ data: { type: 'rrweb', event, origin: PAY } }), state)).toBe(false);
    expect(acceptChildEvents(facts({ data: childEventMessage(event, PAY, 'b2xkLW5vbmNlLW9sZC1ub25jZQ') }), state)).toBe(false);
  });

  it('refuses a message without an event', () => {
    expect(acceptChildEvents(facts({ data: childEventMessage(null, PAY, NONCE) }), state)).toBe(false);
    expect(acceptChildEvents(facts({ data: childEventMessage('boom', PAY, NONCE) }), state)).toBe(false);
    expect(acceptChildEvents(facts({ data: null }), state)).toBe(false);
  });
});

describe('acceptParentControl (the frame)', () => {
  it('obeys only its parent, on an origin its own site allows', () => {
    const parents = ['http://127.0.0.1:3000'];
    expect(acceptParentControl({ origin: 'http://127.0.0.1:3000', fromParent: true }, parents)).toBe(true);
    expect(acceptParentControl({ origin: 'http://127.0.0.1:3000', fromParent: false }, parents)).toBe(false);
    expect(acceptParentControl({ origin: 'https://evil.example', fromParent: true }, parents)).toBe(false);
    // Nothing allowed: a frame never records.
    expect(acceptParentControl({ origin: 'http://127.0.0.1:3000', fromParent: true }, [])).toBe(false);
  });
});

describe('originOfUrl', () => {
  it('gives the origin of http(s) frame addresses only', () => {
    expect(originOfUrl('http://localhost:3000/embed/pay/?x=1', 'http://127.0.0.1:3000/')).toBe('http://localhost:3000');
    expect(originOfUrl('/embed/address/', 'http://127.0.0.1:3000/change/')).toBe('http://127.0.0.1:3000');
    expect(originOfUrl('about:blank', 'http://127.0.0.1:3000/')).toBeNull();
    expect(originOfUrl('javascript:alert(1)', 'http://127.0.0.1:3000/')).toBeNull();
    expect(originOfUrl('', 'about:blank')).toBeNull();
  });
});

describe('watching a node of a cross-origin frame', () => {
  const box = { left: 20, top: 180.5, width: 300, height: 44 };

  it('reads a watch: a slot, a node id or null, and nothing else', () => {
    expect(readFrameWatch(frameWatch(NONCE, 'pointer', 41))).toEqual({ type: 'tsunagi:frame-watch', nonce: NONCE, slot: 'pointer', id: 41, reveal: false });
    expect(readFrameWatch(frameWatch(NONCE, 'highlight', 41, true))?.reveal).toBe(true);
    expect(readFrameWatch(frameWatch(NONCE, 'pointer', null))?.id).toBeNull();
    for (const junk of [
      null,
      { type: 'tsunagi:frame-watch', nonce: NONCE, slot: 'pointer' },
      { type: 'tsunagi:frame-watch', nonce: NONCE, slot: 'control', id: 41 },
      { type: 'tsunagi:frame-watch', nonce: NONCE, slot: 'pointer', id: 0 },
      { type: 'tsunagi:frame-watch', nonce: NONCE, slot: 'pointer', id: -3 },
      { type: 'tsunagi:frame-watch', nonce: NONCE, slot: 'pointer', id: 1.5 },
      { type: 'tsunagi:frame-watch', nonce: NONCE, slot: 'pointer', id: '41' },
      { type: 'tsunagi:frame-watch', nonce: 'short', slot: 'pointer', id: 41 },
      frameBoxAnswer(NONCE, 'pointer', 41, box),
    ]) {
      expect(readFrameWatch(junk)).toBeNull();
    }
    // Only a real true reveals (scrolls the frame).
    expect(readFrameWatch({ ...frameWatch(NONCE, 'highlight', 41), reveal: 'yes' })?.reveal).toBe(false);
  });

  it('reads an answer with a sane box, or a null box, and drops anything else', () => {
    expect(readFrameBox(frameBoxAnswer(NONCE, 'pointer', 41, box))).toEqual({ type: 'tsunagi:frame-box', nonce: NONCE, slot: 'pointer', id: 41, box });
    expect(readFrameBox(frameBoxAnswer(NONCE, 'highlight', 41, null))?.box).toBeNull();
    for (const bad of [
      { ...box, left: Number.NaN },
      { ...box, top: Infinity },
      { ...box, width: -1 },
      { ...box, height: '44' },
      { left: 1, top: 2, width: 3 },
      { ...box, top: 1e9 },
      'box',
    ]) {
      expect(readFrameBox({ ...frameBoxAnswer(NONCE, 'pointer', 41, null), box: bad })).toBeNull();
    }
    expect(readFrameBox({ ...frameBoxAnswer(NONCE, 'pointer', 41, box), box: undefined })).toBeNull();
    expect(readFrameBox({ ...frameBoxAnswer(NONCE, 'pointer', 41, box), id: null })).toBeNull();
    expect(readFrameBox(frameWatch(NONCE, 'pointer', 41))).toBeNull();
    // Only the four numbers are kept: nothing else a frame adds travels on.
    expect(readFrameBox({ ...frameBoxAnswer(NONCE, 'pointer', 41, { ...box, value: '5555' } as typeof box), text: 'x' })).toEqual({
      type: 'tsunagi:frame-box',
      nonce: NONCE,
      slot: 'pointer',
      id: 41,
      box,
    });
  });

  it('believes an answer only from the watched frame, on its origin, for this recording and the node watched now', () => {
    const answer = readFrameBox(frameBoxAnswer(NONCE, 'pointer', 41, box))!;
    const watch = { nonce: NONCE, origin: PAY, id: 41 };
    const from = { origin: PAY, fromWatchedFrame: true };
    expect(acceptFrameBox(answer, from, watch)).toBe(true);
    expect(acceptFrameBox(answer, from, null)).toBe(false);
    expect(acceptFrameBox(answer, { ...from, fromWatchedFrame: false }, watch)).toBe(false);
    expect(acceptFrameBox(answer, { ...from, origin: 'http://evil.example' }, watch)).toBe(false);
    expect(acceptFrameBox(answer, from, { ...watch, nonce: 'T3RoZXJub25jZW90aGVybm9u' })).toBe(false);
    // An answer about the node watched before is stale.
    expect(acceptFrameBox(answer, from, { ...watch, id: 42 })).toBe(false);
  });
});
