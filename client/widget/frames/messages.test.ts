import { describe, expect, it } from 'vitest';
import {
  acceptChildEvents,
  acceptParentControl,
  childEventMessage,
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
