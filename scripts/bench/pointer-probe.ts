/**
 * The agent → customer direction of the benchmark: an agent's pointer move,
 * from the agent's emit of `guide:pointer` to the frame in which the
 * customer's page shows the pointer at its new place.
 *
 * One real customer: Debian's Chromium on the demo site with the real widget,
 * sharing with an agent (a Socket.IO client signed in as a bench agent) that
 * joined by the code. The agent moves the pointer at the console's rate
 * (every 50 ms) across the page's body; each move goes to a distinct spot, so
 * the page can tell which move it is drawing. In the page, a
 * requestAnimationFrame loop reads the pointer's transform every frame and
 * notes when it changed: that frame is when the move was drawn. Both sides
 * stamp with `performance.timeOrigin + performance.now()` (the same system
 * clock on one machine, sub-millisecond).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@tsunagi/shared';
import { distribution, type Distribution } from './stats.ts';

/** As the console sends them (client/agent/live/guidance/use-pointer-sender.ts). */
const MOVE_EVERY_MS = 50;
/** Distinct horizontal spots the moves cycle through; 2.5 s per cycle at 20 moves a second. */
const SPOTS = 50;
const spotX = (i: number) => 0.05 + (0.9 * (i % SPOTS)) / SPOTS;

export interface PointerFigures {
  moves: number;
  /** Moves drawn at their own spot. */
  drawn: number;
  /** Moves overtaken by the next one before a frame showed them (the pointer jumped on). */
  overtaken: number;
  latency: Distribution;
  /** Emit → the frame's arrival on the customer page's WebSocket: the server's and the network's share. */
  arrival?: Distribution;
}

interface Drawn {
  at: number;
  spot: number;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Runs in the page before its scripts: notes when each `guide:pointer` frame
 * arrives on the widget's WebSocket (and the x it carries), to tell the
 * server's and the network's share of the latency from the browser's.
 */
const WATCH_SOCKET = `(() => {
  window.__pointerArrivals = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.includes('"guide:pointer"')) return;
        const at = performance.timeOrigin + performance.now();
        const x = /"x":([0-9.eE-]+)/.exec(event.data);
        if (x) window.__pointerArrivals.push({ at, x: Number(x[1]) });
      });
    }
  };
})()`;

/**
 * Runs in the page: notes the frame in which the pointer's transform changes.
 * A string, not a function: tsx would wrap a function's inner helpers in its
 * own `__name`, which does not exist in the page.
 */
const WATCH_POINTER = `(() => {
  window.__pointerLog = [];
  window.__pointerStop = false;
  let last = '';
  let el = null;
  // The widget draws the pointer in its open shadow root.
  const find = () => {
    for (const host of document.body.querySelectorAll('*')) {
      const found = host.shadowRoot && host.shadowRoot.querySelector('[data-testid="tsunagi-pointer"]');
      if (found) return found;
    }
    return null;
  };
  const frame = () => {
    if (window.__pointerStop) return;
    el = el || find();
    const transform = el && !el.hidden ? el.style.transform : '';
    if (transform && transform !== last) window.__pointerLog.push({ at: performance.timeOrigin + performance.now(), transform });
    last = transform;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

export class PointerProbe {
  private constructor(
    private readonly page: Page,
    private readonly context: BrowserContext,
    private readonly profile: string,
    private readonly agent: Socket,
    private readonly target: { sessionId: string; streamId: string; nodeId: number },
  ) {}

  /** Opens the demo site in Chromium, starts sharing, and has the agent join and watch. */
  static async open(baseUrl: string, agentCookie: string): Promise<PointerProbe> {
    const profile = mkdtempSync(join(tmpdir(), 'tsunagi-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
    });
    let agent: Socket | undefined;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.addInitScript(WATCH_SOCKET);
      await page.goto(`${baseUrl}/`);
      await page.waitForFunction("'Tsunagi' in window");
      const started = page.evaluate<{ code: string }>('window.Tsunagi.start()');
      await page.getByTestId('tsunagi-agree').click();
      const { code } = await started;

      agent = io(`${baseUrl}/agent`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { cookie: agentCookie },
        auth: { protocol: PROTOCOL_VERSION },
      });
      await new Promise<void>((resolve, reject) => {
        agent!.once('connect', resolve);
        agent!.once('connect_error', reject);
      });
      const session = await request<{ sessionId: string }>(agent, 'session:join-code', { code });
      const target = await waitForBody(agent, session.sessionId);
      const probe = new PointerProbe(page, context, profile, agent, { sessionId: session.sessionId, ...target });
      await probe.page.getByTestId('tsunagi-sharing-title').waitFor();
      return probe;
    } catch (error) {
      agent?.disconnect();
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      throw error;
    }
  }

  /** The probe's own co-browse session: not part of the simulated load's figures. */
  get sessionId(): string {
    return this.target.sessionId;
  }

  /** Moves the pointer for `durationMs` and measures each move until it is drawn. */
  async measure(durationMs: number): Promise<PointerFigures> {
    await this.page.evaluate(WATCH_POINTER);
    await this.page.evaluate('window.__pointerArrivals = []');
    const box = await this.page.evaluate<{ left: number; width: number }>(
      '(() => { const rect = document.body.getBoundingClientRect(); return { left: rect.left, width: rect.width }; })()',
    );

    const sent: number[] = [];
    const started = now();
    for (let i = 0; now() - started < durationMs; i++) {
      const due = started + i * MOVE_EVERY_MS;
      const wait = due - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sent.push(now());
      this.agent.emit('guide:pointer', { sessionId: this.target.sessionId, streamId: this.target.streamId, point: { nodeId: this.target.nodeId, x: spotX(i), y: 0.02 } }, () => undefined);
    }
    // Let the last moves arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const log = await this.page.evaluate<{ at: number; transform: string }[]>('(window.__pointerStop = true, window.__pointerLog)');
    const arrivals = await this.page.evaluate<{ at: number; x: number }[]>('window.__pointerArrivals');
    const drawn: Drawn[] = [];
    for (const entry of log) {
      const x = Number(/translate\(([-\d.]+)px/.exec(entry.transform)?.[1]);
      if (!Number.isFinite(x)) continue;
      const fraction = (x - box.left) / box.width;
      drawn.push({ at: entry.at, spot: Math.round(((fraction - 0.05) * SPOTS) / 0.9) });
    }
    const arrived = arrivals.map((a) => ({ at: a.at, spot: Math.round(((a.x - 0.05) * SPOTS) / 0.9) }));
    return { ...match(sent, drawn), arrival: match(sent, arrived).latency };
  }

  async close(): Promise<void> {
    this.agent.disconnect();
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/**
 * Pairs each move with the first frame that showed its spot after it was
 * sent and before the same spot came round again. A move whose spot never
 * showed was overtaken: the next move arrived within the same frame.
 */
function match(sent: number[], drawn: Drawn[]): PointerFigures {
  const latencies: number[] = [];
  let cursor = 0;
  for (let i = 0; i < sent.length; i++) {
    const spot = i % SPOTS;
    const until = sent[i + SPOTS] ?? Infinity;
    while (cursor < drawn.length && drawn[cursor]!.at < sent[i]!) cursor++;
    for (let k = cursor; k < drawn.length && drawn[k]!.at < until; k++) {
      if (drawn[k]!.spot === spot) {
        latencies.push(drawn[k]!.at - sent[i]!);
        cursor = k;
        break;
      }
    }
  }
  return { moves: sent.length, drawn: latencies.length, overtaken: sent.length - latencies.length, latency: distribution(Float64Array.from(latencies)) };
}

function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(10_000).emit(event, payload, (error: Error | null, reply: { ok: boolean; data?: T; error?: { message: string } }) => {
      if (error) reject(error);
      else if (!reply.ok) reject(new Error(`${event}: ${reply.error?.message ?? 'refused'}`));
      else resolve(reply.data as T);
    });
  });
}

interface SerializedNode {
  id: number;
  type: number;
  tagName?: string;
  childNodes?: SerializedNode[];
}

/** Watches the session until its checkpoint holds a full snapshot; returns the stream and the body's rrweb node id. */
async function waitForBody(agent: Socket, sessionId: string): Promise<{ streamId: string; nodeId: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const watch = await request<{ streamId?: string | null; checkpoint: { streamId: string; eventsJson: string }[] }>(
      agent,
      'session:watch',
      { sessionId },
    );
    for (const batch of watch.checkpoint) {
      const events = JSON.parse(batch.eventsJson) as { type: number; data: { node?: SerializedNode } }[];
      for (const event of events) {
        const body = event.type === 2 && event.data.node ? findBody(event.data.node) : undefined;
        if (body) return { streamId: batch.streamId, nodeId: body };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('pointer probe: the customer page never sent a full snapshot');
}

function findBody(node: SerializedNode): number | undefined {
  if (node.type === 2 && node.tagName === 'body') return node.id;
  for (const child of node.childNodes ?? []) {
    const found = findBody(child);
    if (found) return found;
  }
  return undefined;
}
