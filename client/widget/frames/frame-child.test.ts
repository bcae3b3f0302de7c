import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScriptOptions } from '../config/site-options.ts';
import { FrameChild } from './frame-child.ts';
import { frameInvite, frameWatch, FRAME_BOX, FRAME_HELLO } from './messages.ts';

// No DOM here: rrweb and the password watcher stay out; what is recorded is not the point.
const started = vi.hoisted(() => [] as unknown[]);
/** The frame's recorded nodes by the frame's own id: a fake node carrying the box the geometry reports for it. */
const nodes = vi.hoisted(() => new Map<number, { box: { left: number; top: number; width: number; height: number }; DOCUMENT_NODE: 9; nodeType: 1; value?: string; scrolled: number }>());
vi.mock('../recording/recorder.ts', () => ({
  startRecording: () => {
    const recording = { takeFullSnapshot: () => {}, stop: () => {}, node: (id: number) => nodes.get(id) ?? null };
    started.push(recording);
    return recording;
  },
}));
// No layout here: a node's box is what the test says, and the test fires the frame's scrolls.
const follows = vi.hoisted(() => ({ update: null as (() => void) | null, stopped: 0 }));
vi.mock('../guidance/geometry.ts', () => ({
  nodeBox: (node: { box: unknown }) => node.box,
  windowsOf: () => [],
  elementOf: (node: { scrolled: number }) => ({ scrollIntoView: () => node.scrolled++ }),
  fullyVisible: (box: { top: number; height: number }, viewport: { height: number }) => box.top >= 0 && box.top + box.height <= viewport.height,
}));
vi.mock('../guidance/follow.ts', () => ({
  followLayout: (_win: unknown, update: () => void) => {
    follows.update = update;
    return () => {
      follows.stopped++;
      follows.update = null;
    };
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
  const targets: string[] = [];
  const parent = {
    postMessage: (message: unknown, target: string) => {
      toParent.push(message);
      targets.push(target);
    },
    get document(): never {
      throw new Error('cross-origin');
    },
  };
  const win = {
    parent,
    top: parent,
    location: { origin: 'http://localhost:3000' },
    innerWidth: 400,
    innerHeight: 300,
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
    post: (data: unknown, from: { origin?: string; source?: unknown } = {}) => fire('message', { data, origin: from.origin ?? TOP, source: from.source ?? parent }),
    boxes: () => toParent.filter((m) => (m as { type?: unknown }).type === FRAME_BOX),
    targets,
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

describe('the widget in a cross-origin frame, asked where a node is', () => {
  const field = { left: 20, top: 120, width: 300, height: 44 };

  beforeEach(() => {
    started.length = 0;
    nodes.clear();
    follows.update = null;
    follows.stopped = 0;
    // A masked card-number field: its value must never leave, its box may.
    nodes.set(14, { box: { ...field }, DOCUMENT_NODE: 9, nodeType: 1, value: '5555 4444 3333 1111', scrolled: 0 });
  });

  /** A frame invited and recording (the recorder is loaded lazily: loader/lazy.ts). */
  async function recordingFrame() {
    const frame = frameWindow();
    new FrameChild(frame.win as unknown as Window, { ...SCRIPT, parentOrigins: [TOP] }).init();
    frame.invite();
    await vi.waitFor(() => expect(started).toHaveLength(1));
    return frame;
  }

  it("answers the parent with the node's box alone, to the parent's origin, and again when it moves", async () => {
    const frame = await recordingFrame();
    frame.post(frameWatch(NONCE, 'pointer', 14));
    expect(frame.boxes()).toEqual([{ type: FRAME_BOX, nonce: NONCE, slot: 'pointer', id: 14, box: field }]);
    expect(frame.targets.at(-1)).toBe(TOP);
    expect(JSON.stringify(frame.boxes())).not.toContain('5555');

    // The frame scrolls: the new box goes up.
    nodes.get(14)!.box.top = 90;
    follows.update!();
    expect(frame.boxes().at(-1)).toMatchObject({ id: 14, box: { ...field, top: 90 } });

    // Watching nothing in the slot stops following.
    frame.post(frameWatch(NONCE, 'pointer', null));
    expect(follows.stopped).toBe(1);
    expect(follows.update).toBeNull();
  });

  it('says null for a node its recording does not know', async () => {
    const frame = await recordingFrame();
    frame.post(frameWatch(NONCE, 'highlight', 99));
    expect(frame.boxes()).toEqual([{ type: FRAME_BOX, nonce: NONCE, slot: 'highlight', id: 99, box: null }]);
  });

  it('ignores watches from another origin, another window, another recording, or while not recording', async () => {
    const idle = frameWindow();
    new FrameChild(idle.win as unknown as Window, { ...SCRIPT, parentOrigins: [TOP] }).init();
    idle.post(frameWatch(NONCE, 'pointer', 14));
    expect(idle.boxes()).toEqual([]);

    const frame = await recordingFrame();
    frame.post(frameWatch(NONCE, 'pointer', 14), { origin: 'http://evil.example' });
    frame.post(frameWatch(NONCE, 'pointer', 14), { source: {} });
    frame.post(frameWatch('T3RoZXJub25jZW90aGVybm9u', 'pointer', 14));
    expect(frame.boxes()).toEqual([]);
  });

  it('brings a highlighted node into the frame’s view only when asked to reveal it and it is not fully there', async () => {
    const frame = await recordingFrame();
    frame.post(frameWatch(NONCE, 'pointer', 14));
    frame.post(frameWatch(NONCE, 'highlight', 14, true));
    expect(nodes.get(14)!.scrolled).toBe(0);
    nodes.get(14)!.box.top = 280;
    frame.post(frameWatch(NONCE, 'pointer', 14));
    expect(nodes.get(14)!.scrolled).toBe(0);
    frame.post(frameWatch(NONCE, 'highlight', 14, true));
    expect(nodes.get(14)!.scrolled).toBe(1);
  });
});
