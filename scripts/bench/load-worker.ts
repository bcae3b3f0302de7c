/**
 * A load generator (a worker thread of run.ts): simulated customers replaying
 * the fixture and, for each, a viewer socket watching that session. Both ends
 * of a session live in the same thread, so relay latency is measured on one
 * monotonic clock: the send time is kept in a side map keyed by the batch's
 * seq (the payload is the fixture's, untouched) and looked up when the
 * viewer receives `replay:batch`. Sockets are LeanSocket (see there why).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, type Ack, type CreateSessionResponse, type PageInfo } from '@tsunagi/shared';
import { LeanSocket } from './lean-socket.ts';
import { loadFixture } from './fixture.ts';
import { Samples } from './stats.ts';
import { observeGcPauses } from './gc-events.ts';

export type Target = 'real' | 'bare';

export interface WorkerConfig {
  target: Target;
  baseUrl: string;
  workerIndex: number;
  /** Global index of this worker's first session (for stream ids and agent assignment). */
  firstSession: number;
  sessions: number;
  /** Real server: login cookies; session i is taken and watched by cookies[i % length]. */
  cookies: string[];
  fixturePath: string;
  setupConcurrency: number;
  /** Batches a customer may have sent and not yet seen acknowledged (the widget: 1). */
  ackWindow: number;
  seed: number;
  /** `--gc-trace`: also keep each relay sample's send time, and this thread's GC pauses. */
  traceTail: boolean;
}

/**
 * A stretch of time in which this generator's customers send (wall-clock
 * ms): from `start` to `end`, measured from `measureFrom` (after a warm-up or
 * a settling time; `end` for a slice that is not measured at all). One slice
 * in a plain run; with `--interleave`, the slices of the two servers'
 * generators alternate.
 */
export interface Slice {
  start: number;
  measureFrom: number;
  end: number;
}

export type ToWorker = { type: 'start'; slices: Slice[]; drainMs: number } | { type: 'close' };

export interface WorkerResult {
  workerIndex: number;
  /** Customer emit → viewer receipt, batches emitted inside the measured window. */
  relay: Float64Array;
  /** With `traceTail`: each relay sample's emit time (wall-clock ms), index for index; else empty. */
  relaySentAt: Float64Array;
  /** With `traceTail`: this thread's GC pauses (gc-events.ts lines), which delay receipts; else empty. */
  gcPauses: string;
  /** Batch due (the widget's flush) → viewer receipt: adds waiting for room in the ack window. */
  relayFromDue: Float64Array;
  /** Customer emit → ack (the real server acks once the batch is stored). */
  ack: Float64Array;
  /** How late the generator's timers fired (its own health). */
  timerLag: Float64Array;
  counts: {
    sent: number;
    relayed: number;
    eventsRelayed: number;
    notRelayed: number;
    acked: number;
    ackedTotal: number;
    ackErrors: Record<string, number>;
    /** Batches still unacknowledged when the drain ended. */
    unacked: number;
    disconnects: number;
  };
  /** WebSocket bytes (Engine.IO packets + frame headers) inside the window. */
  wire: { customerUp: number; customerDown: number; viewerUp: number; viewerDown: number };
  eventLoopUtilization: number;
  eventLoopDelayP99Ms: number;
}

export type FromWorker =
  | { type: 'ready'; setupMs: number }
  | { type: 'result'; result: WorkerResult }
  | { type: 'error'; message: string }
  | { type: 'closed' };

const config = workerData as WorkerConfig;
const fixture = loadFixture(config.fixturePath);
/** One loop of the fixture: its length, at least one batch interval after the last batch. */
const cycleMs = Math.max(fixture.durationMs, fixture.batches[fixture.batches.length - 1]!.t + fixture.batchIntervalMs);
/** Each batch's `eventsJson` as it sits in the frame (a JSON string of the events' JSON), made once. */
const eventsJson = fixture.batches.map((batch) => JSON.stringify(JSON.stringify(batch.events)));
const page: PageInfo = {
  url: 'https://insurer.example/fire/',
  title: '火災保険 Webお申し込み | つなぎ損害保険',
  lang: 'ja',
  viewport: fixture.viewport,
};

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
/** Wall-clock ms with sub-ms precision; within a thread it never goes backwards. */
const clock = () => performance.timeOrigin + performance.now();

let seed = config.seed;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

// ── Sessions ────────────────────────────────────────────────────────────────

interface Pending {
  batch: number;
  dueAt: number;
  sentAt: number;
  measured: boolean;
}

interface Session {
  index: number;
  sessionId: string;
  streamId: string;
  customer: LeanSocket;
  viewer: LeanSocket;
  nextSeq: number;
  /** Fixture batch indexes that are due and not yet sent, with their due times. */
  queue: { batch: number; dueAt: number }[];
  inFlight: number;
  sent: Map<number, Pending>;
  timer: NodeJS.Timeout | undefined;
}

const sessions: Session[] = [];

async function request<T>(socket: LeanSocket, event: string, payload: unknown): Promise<T> {
  const ack = await socket.request<Ack<T>>(event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

async function setUp(index: number): Promise<Session> {
  const streamId = `bench-${String(index).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
  let sessionId: string;
  let customer: LeanSocket;
  let viewer: LeanSocket;
  if (config.target === 'real') {
    const response = await fetch(`${config.baseUrl}/api/cobrowse/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consent: true, page }),
    });
    if (response.status !== 201) throw new Error(`create session: HTTP ${response.status} ${await response.text()}`);
    const created = (await response.json()) as CreateSessionResponse;
    sessionId = created.sessionId;
    customer = await LeanSocket.connect(config.baseUrl, '/customer', { auth: { token: created.token } });
    await request(customer, 'hello', { protocol: PROTOCOL_VERSION, streamId, page, resumeStreams: [] });
    viewer = await LeanSocket.connect(config.baseUrl, '/agent', {
      auth: { protocol: PROTOCOL_VERSION },
      cookie: config.cookies[index % config.cookies.length]!,
    });
    await request(viewer, 'session:take', { sessionId });
    await request(viewer, 'session:watch', { sessionId });
  } else {
    sessionId = randomUUID();
    customer = await LeanSocket.connect(config.baseUrl, '/customer', { auth: { sessionId } });
    viewer = await LeanSocket.connect(config.baseUrl, '/agent', { auth: { protocol: PROTOCOL_VERSION } });
    await request(viewer, 'session:watch', { sessionId });
  }
  const session: Session = {
    index,
    sessionId,
    streamId,
    customer,
    viewer,
    nextSeq: 1,
    queue: [],
    inFlight: 0,
    sent: new Map(),
    timer: undefined,
  };
  viewer.on('replay:batch', (text) => received(session, text));
  for (const socket of [customer, viewer]) socket.onClose = () => counts.disconnects++;
  return session;
}

// ── Measurement ─────────────────────────────────────────────────────────────

const relay = new Samples();
const relaySentAt = new Samples();
const gcPauseLines: string[] = [];
const stopObservingGc = config.traceTail ? observeGcPauses((lines) => gcPauseLines.push(...lines)) : undefined;
const relayFromDue = new Samples();
const ackLatency = new Samples();
const timerLag = new Samples();
const counts: WorkerResult['counts'] = {
  sent: 0,
  relayed: 0,
  eventsRelayed: 0,
  notRelayed: 0,
  acked: 0,
  ackedTotal: 0,
  ackErrors: {},
  unacked: 0,
  disconnects: 0,
};
/** The measured part of the current slice: a batch sent inside it is a sample. */
let windowStart = Infinity;
let windowEnd = -Infinity;
/** The sessions' timelines run (from the first slice's start to the last one's end). */
let running = false;
/** Inside a slice: due batches are sent. Outside, they are dropped (not queued), so a stream's seqs stay contiguous. */
let sending = false;

/** The seq of a relayed batch, read from the head of the message (seq precedes the events). */
function seqOf(text: string): number {
  const at = text.indexOf('"seq":');
  const events = text.indexOf('"eventsJson":');
  if (at < 0 || (events >= 0 && events < at)) {
    return (JSON.parse(text.slice(text.indexOf('['))) as [string, { seq: number }])[1].seq;
  }
  return parseInt(text.slice(at + 6, at + 24), 10);
}

function received(session: Session, text: string): void {
  const now = clock();
  const seq = seqOf(text);
  const pending = session.sent.get(seq);
  // Already seen (the real server may relay a resend twice; viewers drop it).
  if (!pending) return;
  session.sent.delete(seq);
  if (!pending.measured) return;
  relay.push(now - pending.sentAt);
  if (config.traceTail) relaySentAt.push(pending.sentAt);
  relayFromDue.push(now - pending.dueAt);
  counts.relayed++;
  counts.eventsRelayed += fixture.batches[pending.batch]!.events.length;
}

/** Sends due batches while the ack window allows, as the widget's outbox does. */
function pump(session: Session): void {
  while (sending && session.inFlight < config.ackWindow && session.queue.length > 0) {
    const { batch: index, dueAt } = session.queue.shift()!;
    const seq = session.nextSeq++;
    const payload = `{"streamId":"${session.streamId}","seq":${seq},"eventsJson":${eventsJson[index]!}}`;
    const sentAt = clock();
    const measured = sentAt >= windowStart && sentAt < windowEnd;
    session.sent.set(seq, { batch: index, dueAt, sentAt, measured });
    if (measured) counts.sent++;
    session.inFlight++;
    session.customer.emitRaw('batch', payload, (raw) => {
      session.inFlight--;
      if (raw.startsWith('[{"ok":true')) {
        counts.ackedTotal++;
        if (measured) {
          counts.acked++;
          ackLatency.push(clock() - sentAt);
        }
      } else {
        const code = (JSON.parse(raw) as [{ error?: { code: string } }])[0].error?.code ?? 'unknown';
        counts.ackErrors[code] = (counts.ackErrors[code] ?? 0) + 1;
      }
      pump(session);
    });
  }
}

/**
 * Session timelines. Each session starts at a random point of the fixture (so
 * the thousand are spread over the whole flow), first sends the fixture's
 * initial batch (Meta + FullSnapshot, as a page load does) within the first
 * second, and loops: every pass starts with that snapshot again.
 */
function startTimeline(session: Session, startAt: number): void {
  const offset = random() * cycleMs;
  const stagger = random() * 1000;
  let base = startAt + stagger - offset;
  let next = fixture.batches.findIndex((b) => b.t >= offset);
  if (next === -1) {
    next = 0;
    base += cycleMs;
  }
  const due = (dueAt: number, batch: number) => {
    if (!sending) return;
    session.queue.push({ batch, dueAt });
    pump(session);
  };
  if (next !== 0) setTimeout(() => due(startAt + stagger, 0), Math.max(0, startAt + stagger - clock()));

  const schedule = () => {
    const dueAt = base + fixture.batches[next]!.t;
    session.timer = setTimeout(
      () => {
        if (!running) return;
        const now = clock();
        if (now >= windowStart && now < windowEnd) timerLag.push(now - dueAt);
        due(dueAt, next);
        next++;
        if (next === fixture.batches.length) {
          next = 0;
          base += cycleMs;
        }
        schedule();
      },
      Math.max(0, dueAt - clock()),
    );
  };
  // The first batches may already be due if the stagger has passed.
  schedule();
}

function wire(): WorkerResult['wire'] {
  const total = { customerUp: 0, customerDown: 0, viewerUp: 0, viewerDown: 0 };
  for (const s of sessions) {
    total.customerUp += s.customer.bytesUp;
    total.customerDown += s.customer.bytesDown;
    total.viewerUp += s.viewer.bytesUp;
    total.viewerDown += s.viewer.bytesDown;
  }
  return total;
}

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - clock())));

async function run(slices: readonly Slice[], drainMs: number): Promise<WorkerResult> {
  const startAt = slices[0]!.start;
  await sleepUntil(startAt);
  running = true;
  for (const session of sessions) startTimeline(session, startAt);

  // Sums over the measured parts of the slices.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const loop = { active: 0, idle: 0 };
  const bytes = { customerUp: 0, customerDown: 0, viewerUp: 0, viewerDown: 0 };
  for (const slice of slices) {
    await sleepUntil(slice.start);
    sending = true;
    if (slice.measureFrom < slice.end) {
      await sleepUntil(slice.measureFrom);
      windowStart = slice.measureFrom;
      windowEnd = slice.end;
      const eluStart = performance.eventLoopUtilization();
      const wireStart = wire();
      delay.enable();
      await sleepUntil(slice.end);
      const elu = performance.eventLoopUtilization(eluStart);
      loop.active += elu.active;
      loop.idle += elu.idle;
      const wireEnd = wire();
      for (const key of Object.keys(bytes) as (keyof typeof bytes)[]) bytes[key] += wireEnd[key] - wireStart[key];
      delay.disable();
    } else {
      await sleepUntil(slice.end);
    }
    // Nothing more is sent until the next slice (what is still queued was never emitted and is not counted).
    sending = false;
    for (const session of sessions) session.queue.length = 0;
  }
  running = false;
  for (const session of sessions) clearTimeout(session.timer);

  // Let what is in flight arrive: bounded.
  const drainUntil = clock() + drainMs;
  const busy = () => sessions.some((s) => s.inFlight > 0 || [...s.sent.values()].some((p) => p.measured));
  while (busy() && clock() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  for (const session of sessions) {
    for (const pending of session.sent.values()) if (pending.measured) counts.notRelayed++;
    counts.unacked += session.inFlight;
  }

  stopObservingGc?.();
  return {
    workerIndex: config.workerIndex,
    relay: relay.toArray(),
    relaySentAt: relaySentAt.toArray(),
    gcPauses: gcPauseLines.join('\n'),
    relayFromDue: relayFromDue.toArray(),
    ack: ackLatency.toArray(),
    timerLag: timerLag.toArray(),
    counts,
    wire: bytes,
    eventLoopUtilization: loop.active / Math.max(1e-9, loop.active + loop.idle),
    eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
  };
}

async function setUpAll(): Promise<void> {
  const started = clock();
  let nextIndex = 0;
  const lane = async () => {
    while (nextIndex < config.sessions) {
      const index = config.firstSession + nextIndex++;
      sessions.push(await setUp(index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.setupConcurrency, config.sessions) }, lane));
  post({ type: 'ready', setupMs: clock() - started });
}

function closeAll(): void {
  running = sending = false;
  for (const session of sessions) {
    clearTimeout(session.timer);
    session.customer.close();
    session.viewer.close();
  }
}

parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    run(message.slices, message.drainMs).then(
      (result) =>
        post({ type: 'result', result }, [
          result.relay.buffer as ArrayBuffer,
          result.relaySentAt.buffer as ArrayBuffer,
          result.relayFromDue.buffer as ArrayBuffer,
          result.ack.buffer as ArrayBuffer,
          result.timerLag.buffer as ArrayBuffer,
        ]),
      (error: unknown) => post({ type: 'error', message: String(error) }),
    );
  } else {
    closeAll();
    post({ type: 'closed' });
  }
});

setUpAll().catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
