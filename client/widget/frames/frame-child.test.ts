import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScriptOptions } from '../config/site-options.ts';
import { FrameChild } from './frame-child.ts';
import { frameInvite, FRAME_HELLO } from './messages.ts';

// No DOM here: rrweb and the password watcher stay out; what is recorded is not the point.
const started = vi.hoisted(() => [] as unknown[]);
vi.mock('../recording/recorder.ts', () => ({
  startRecording: () => {
    const recording = { takeFullSnapshot: () => {}, stop: () => {} };
    started.push(recording);
    return recording;
  },
}));
vi.mock('../recording/masking.ts', () => ({
  PasswordMemory: class {
    watch() {
      return this;
    }
  },
}));

const NONCE = 'Zm9vYmFyYmF6cXV4cXV1eA';
const TOP = 'http://127.0.0.1:3000';
const SCRIPT: ScriptOptions = { origin: 'http://localhost:3000', mask: [], block: [], frameOrigins: [], parentOrigins: [] };

/** A cross-origin frame's window, still loading, whose parent keeps what is posted to it. */
function frameWindow() {
  const listeners = new Map<string, ((event: unknown) => void)[]>();
  const toParent: unknown[] = [];
  const parent = {
    postMessage: (message: unknown) => toParent.push(message),
    get document(): never {
      throw new Error('cross-origin');
    },
  };
  const win = {
    parent,
    top: parent,
    location: { origin: 'http://localhost:3000' },
    document: { readyState: 'loading' as DocumentReadyState },
    TsunagiSettings: undefined as { parentOrigins?: string[] } | undefined,
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
  const fire = (type: string, event: unknown = {}) => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  return {
    win,
    hellos: () => toParent.filter((m) => (m as { type?: unknown }).type === FRAME_HELLO).length,
    invite: () => fire('message', { data: frameInvite(NONCE), origin: TOP, source: parent }),
    load: () => {
      win.document.readyState = 'complete';
      fire('load');
    },
  };
}

describe('the widget in a cross-origin frame', () => {
  beforeEach(() => {
    started.length = 0;
  });

  it('says hello again once loaded when it refused an invite that came before the page set its parentOrigins', async () => {
    const frame = frameWindow();
    new FrameChild(frame.win as unknown as Window, SCRIPT).init();
    expect(frame.hellos()).toBe(1);
    // The top page answers at once; the page's own module script has not run yet.
    frame.invite();
    expect(started).toHaveLength(0);
    frame.win.TsunagiSettings = { parentOrigins: [TOP] };
    frame.load();
    expect(frame.hellos()).toBe(2);
    frame.invite();
    // The recorder is loaded lazily (loader/lazy.ts).
    await vi.waitFor(() => expect(started).toHaveLength(1));
  });

  it('says hello only once when the invite was accepted, or never came', async () => {
    const invited = frameWindow();
    new FrameChild(invited.win as unknown as Window, { ...SCRIPT, parentOrigins: [TOP] }).init();
    invited.invite();
    await vi.waitFor(() => expect(started).toHaveLength(1));
    invited.load();
    expect(invited.hellos()).toBe(1);

    // Nobody is sharing: no invite, nothing to ask for again.
    const quiet = frameWindow();
    new FrameChild(quiet.win as unknown as Window, { ...SCRIPT, parentOrigins: [TOP] }).init();
    quiet.load();
    expect(quiet.hellos()).toBe(1);
  });
});
