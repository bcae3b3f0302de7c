/**
 * Relay benchmark: N simulated customers replay a recorded rrweb fixture
 * through the real Tsunagi server (a child process on SQLite, every batch
 * stored) with a viewer watching each session — and then the same load
 * through a bare Socket.IO relay on the same machine, in the same run.
 *
 *   npm run bench -- --sessions 1000 [--duration 30] [--warmup 10] [--workers 1]
 *                    [--only real|bare] [--pointer on|off] [--profile DIR] [--json FILE]
 *                    [--rounds R] [--interleave S]
 *
 * By default the two servers run one after the other. With `--interleave S`
 * both are up at once, every simulated session connected to both, and the
 * load switches between them every S seconds: the host's speed drifts within
 * seconds, and this way both are measured over the same stretches of it.
 *
 * On the real server it also measures the agent → customer direction: a
 * pointer move from the agent's emit to the frame that draws it on a real
 * customer page in Chromium (pointer-probe.ts), on the idle server and again
 * under the load (after the warm-up, before the relay's measured window).
 *
 * See docs/performance.md for what is measured and how to read it.
 */
import { Worker } from 'node:worker_threads';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { loadFixture, defaultFixturePath } from './fixture.ts';
import { freePort, machineCpu, MachineCpu, startChild, UsageSampler, WindowProfiler, WindowsSampler, type Child, type UsageSummary } from './processes.ts';
import { concat, distribution, fmt, table, type Distribution } from './stats.ts';
import { summariseProfile } from './profile-top.ts';
import type { FromWorker, Slice, Target, ToWorker, WorkerConfig, WorkerResult } from './load-worker.ts';
import { PointerProbe, type PointerFigures } from './pointer-probe.ts';
import { attributeTail, describePauses, describeTail, parseGcPauses, type TailAttribution } from './tail-attribution.ts';
import { build } from 'vite';
import { buildServer, nodeBuildConfig, SERVER_OUT_DIR } from '../server-build.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Worker threads do not inherit tsx's loader (Node 20): each registers it, then loads the generator. */
const workerBootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./load-worker.ts', import.meta.url).href)}); })`;

const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '10' },
    workers: { type: 'string', default: '1' },
    agents: { type: 'string', default: '10' },
    'ack-window': { type: 'string', default: '4' },
    drain: { type: 'string', default: '5' },
    only: { type: 'string' },
    pointer: { type: 'string', default: 'on' },
    'quiet-wait': { type: 'string', default: '0' },
    retries: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '1' },
    interleave: { type: 'string' },
    profile: { type: 'string' },
    'gc-trace': { type: 'boolean', default: false },
    'node-flags': { type: 'string', default: '' },
    'server-output': { type: 'string' },
    fixture: { type: 'string', default: defaultFixturePath },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    [
      'npm run bench -- [options]',
      '  --sessions N      simulated customers, each with a viewer (1000); a list (250,500,1000) runs each',
      '  --duration S      measured seconds after the warm-up (30)',
      '  --warmup S        seconds of load before measuring (10)',
      '  --workers K       load-generator threads (1)',
      '  --agents A        agent accounts sharing the sessions on the real server (10)',
      '  --ack-window W    batches in flight per customer (4, as the widget: DEFAULT_MAX_IN_FLIGHT)',
      '  --only real|bare  run one side only',
      '  --pointer on|off  measure pointer move → drawn in Chromium on the real server (on; needs /usr/bin/chromium)',
      '  --quiet-wait S    before each run, wait up to S s for the machine to be idle (shared machines)',
      '  --retries N       run again (up to N times) when other processes disturbed a run',
      '  --rounds R        R rounds of (real, bare) per session count, each pair compared in its own round; a summary with medians (1)',
      '  --interleave S    both servers up at once, every session on both, the load switched between them every S s (the first',
      '                    1.5 s of each slice not measured, the other server stopped meanwhile); --duration is then each',
      '                    server\'s measured total; no pointer probe',
      '  --profile DIR     CPU-profile both servers over the measured window (inspector), save the profiles in DIR, print their top frames',
      '  --gc-trace        note both servers\' and the load generator\'s GC pauses; say which of them the p99 tail\'s samples waited for',
      '  --node-flags="F"  more Node/V8 flags for both servers, after those of npm run serve (e.g. --node-flags=--trace-gc-nvp)',
      '  --server-output DIR  keep each server\'s stdout and stderr in DIR/<target>-<sessions>-<n>.log',
      '  --json FILE       also write the figures as JSON',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

/**
 * Not measured at the start of each interleaved slice: the other server's
 * batches still in flight, its last group commits and its next WAL
 * checkpoint (every second) land here.
 */
const INTERLEAVE_SETTLE_MS = 1500;

const sessionCounts = (args.sessions ?? '').split(',').map((n) => Number(n));
if (sessionCounts.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sessions takes a positive integer or a comma-separated list');
const options = {
  durationMs: positive('duration') * 1000,
  warmupMs: Number(args.warmup) * 1000,
  workers: positive('workers'),
  agents: positive('agents'),
  ackWindow: positive('ack-window'),
  drainMs: positive('drain') * 1000,
  quietWaitMs: Number(args['quiet-wait']) * 1000,
  retries: Number(args.retries),
  rounds: positive('rounds'),
  /** `--interleave S`: slice length (ms); 0 runs the servers one after the other. */
  interleaveMs: args.interleave === undefined ? 0 : positive('interleave') * 1000,
  fixturePath: resolve(args.fixture),
};
const fixture = loadFixture(options.fixturePath);
const targets: Target[] = args.only === 'real' ? ['real'] : args.only === 'bare' ? ['bare'] : ['real', 'bare'];
if (options.interleaveMs && targets.length < 2) throw new Error('--interleave measures both servers: it cannot go with --only');
if (options.interleaveMs && options.interleaveMs < 2 * INTERLEAVE_SETTLE_MS) throw new Error(`--interleave must be at least ${(2 * INTERLEAVE_SETTLE_MS) / 1000} s: the first ${INTERLEAVE_SETTLE_MS / 1000} s of each slice are not measured`);

function positive(name: keyof typeof args): number {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

// ── Cleanup, whatever happens ───────────────────────────────────────────────

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch (error) {
      process.stderr.write(`cleanup: ${String(error)}\n`);
    }
  }
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping children and removing temporary files…\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'tsunagi-bench-'));
cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
// Last resort if the process dies some other way: synchronous cleanup only.
const children = new Set<Child>();
process.on('exit', () => {
  for (const child of children) child.kill();
  rmSync(tmp, { recursive: true, force: true });
});

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── One phase: start a target, load it, measure ─────────────────────────────

interface PhaseResult {
  target: Target;
  sessions: number;
  setupMs: number;
  relay: Distribution;
  /** Every relay latency sample of the window, for the rounds' pooled figures (not written to --json). */
  relaySamples: Float64Array;
  relayFromDue: Distribution;
  ack: Distribution;
  timerLag: Distribution;
  batchesPerSec: number;
  eventsPerSec: number;
  sent: number;
  relayed: number;
  notRelayed: number;
  acked: number;
  ackErrors: Record<string, number>;
  unacked: number;
  disconnects: number;
  server: UsageSummary;
  generator: { cpuPercent: number; elu: number[]; loopDelayP99Ms: number[] };
  machineBusyPercent: number;
  /** kbit/s per session on the WebSocket: customer up (batches) and down (acks), viewer down (relayed batches). */
  wire: { customerUp: number; customerDown: number; viewerDown: number };
  serverWarnings: number;
  serverFirstWarning: string | undefined;
  storage?: StorageFigures;
  /** Agent's pointer move → drawn on the customer's page: on the idle server, and under the load. */
  pointer?: { idle: PointerFigures; loaded: PointerFigures };
  profile?: string;
  /** `--gc-trace`: what the slowest samples overlapped. */
  tail?: TailAttribution;
}

interface StorageFigures {
  batches: number;
  sessions: number;
  bytes: number;
  /** Event JSON stored per session per minute, over the measured window. */
  bytesPerSessionMinute: number;
  /** Database + WAL on disk per session per minute, over the whole run (start-up snapshots included). */
  diskBytesPerSessionMinute: number;
  ackedEverywhere: number;
}

/**
 * Node's options as `npm run serve` gives them to the server (package.json),
 * so the benchmark runs it as it runs in production: the built server
 * (`server/dist`, rebuilt by `buildTargets` from the sources in this
 * checkout). The bare relay gets the same options and is built the same way,
 * so the two differ only in what they do.
 */
function serveNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts.serve ?? '').split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== `${SERVER_OUT_DIR}/main.js`) throw new Error(`expected the serve script to be \`node <flags> ${SERVER_OUT_DIR}/main.js\``);
  return words.slice(1, -1);
}

/** Inside the repository, so that the built relay resolves socket.io from node_modules. */
const bareRelayDir = 'scripts/bench/dist';

/** Compiles both servers from this checkout's sources, as `npm run build:server` does. */
async function buildTargets(): Promise<void> {
  await buildServer();
  await build(nodeBuildConfig({ 'bare-relay': 'scripts/bench/bare-relay.ts', 'gc-events': 'scripts/bench/gc-events.ts' }, bareRelayDir));
}

/** `--node-flags`, split on spaces (the flags this is for take no quoted values). */
const extraNodeFlags = (args['node-flags'] ?? '').split(/\s+/).filter(Boolean);
let phasesStarted = 0;

async function startTarget(
  target: Target,
  port: number,
  inspectPort: number | undefined,
  gcEventsFile: string | undefined,
  outputFile: string | undefined,
): Promise<Child> {
  const inspect = inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [];
  // The pauses go to a file rather than the child's output, which is scanned for warnings.
  const gcTrace = gcEventsFile ? ['--import', pathToFileURL(join(root, bareRelayDir, 'gc-events.js')).href] : [];
  const gcEnv: Record<string, string> = gcEventsFile ? { BENCH_GC_EVENTS_FILE: gcEventsFile } : {};
  const flags = [...gcTrace, ...serveNodeFlags(), ...extraNodeFlags];
  if (target === 'bare') {
    return startChild({
      cwd: root,
      args: [...inspect, ...flags, join(bareRelayDir, 'bare-relay.js')],
      env: gcEnv,
      port,
      readyPath: '/',
      readyTimeoutMs: 30_000,
      outputFile,
    });
  }
  return startChild({
    cwd: root,
    args: [...inspect, ...flags, `${SERVER_OUT_DIR}/main.js`],
    env: { DATABASE_URL: `sqlite:${join(tmp, 'bench.db')}`, DEMO_MODE: 'true', LOG_LEVEL: 'warn', ...gcEnv },
    port,
    readyPath: '/readyz',
    readyTimeoutMs: 60_000,
    outputFile,
  });
}

async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 200 || !cookie) throw new Error(`login ${username}: HTTP ${response.status}`);
  return cookie.split(';')[0]!;
}

/** The demo agents plus bench agents created through the admin API, each signed in. */
async function agentCookies(url: string, count: number): Promise<string[]> {
  const accounts: [string, string][] = [
    ['agent1', 'tsunagi-agent1'],
    ['agent2', 'tsunagi-agent2'],
    ['supervisor', 'tsunagi-supervisor'],
  ].slice(0, count) as [string, string][];
  const admin = await login(url, 'admin', 'tsunagi-admin');
  for (let i = accounts.length; i < count; i++) {
    const username = `bench-agent-${String(i).padStart(3, '0')}`;
    const password = 'bench-password-not-secret';
    const response = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ username, displayName: `Bench agent ${i}`, role: 'agent', password }),
    });
    if (response.status !== 201) throw new Error(`create ${username}: HTTP ${response.status} ${await response.text()}`);
    accounts.push([username, password]);
  }
  const cookies: string[] = [];
  for (let i = 0; i < accounts.length; i += 4) {
    cookies.push(...(await Promise.all(accounts.slice(i, i + 4).map(([u, p]) => login(url, u, p)))));
  }
  return cookies;
}

function waitFor<T extends FromWorker['type']>(
  workers: Worker[],
  type: T,
  timeoutMs: number,
): Promise<Extract<FromWorker, { type: T }>[]> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise<Extract<FromWorker, { type: T }>>((resolveMessage, reject) => {
          const done = () => {
            clearTimeout(timer);
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
          };
          const timer = setTimeout(() => {
            done();
            reject(new Error(`load generator: no ${type} within ${Math.round(timeoutMs / 1000)} s`));
          }, timeoutMs);
          const onMessage = (message: FromWorker) => {
            if (message.type === 'error') {
              done();
              reject(new Error(`load generator: ${message.message}`));
            } else if (message.type === type) {
              done();
              resolveMessage(message as Extract<FromWorker, { type: T }>);
            }
          };
          const onError = (error: Error) => {
            done();
            reject(new Error(`load generator crashed: ${error.message}`));
          };
          const onExit = (code: number) => {
            done();
            reject(new Error(`load generator exited (${code}) before ${type}`));
          };
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
        }),
    ),
  );
}

/** `exclude`: sessions that are not the simulated customers' (the pointer probe's). `windows`: the measured ones. */
function storageFigures(file: string, acked: number, sessions: number, windows: { start: number; end: number }[], exclude: string[]): StorageFigures {
  const db = new SQLite(file, { readonly: true });
  const excluded = exclude.length ? `session_id not in (${exclude.map(() => '?').join(', ')})` : '1 = 1';
  try {
    const all = db.prepare(`select count(*) as batches, count(distinct session_id) as sessions, sum(bytes) as bytes from event_batches where ${excluded}`).get(...exclude) as {
      batches: number;
      sessions: number;
      bytes: number;
    };
    const span = db.prepare(`select min(received_at) as first, max(received_at) as last from event_batches where ${excluded}`).get(...exclude) as {
      first: number;
      last: number;
    };
    // Steady state: what arrived inside the measured windows (the start-up snapshots excluded).
    const inWindow = db.prepare(`select sum(bytes) as bytes from event_batches where received_at >= ? and received_at < ? and ${excluded}`);
    const windowBytes = windows.reduce(
      (total, w) => total + ((inWindow.get(Math.round(w.start), Math.round(w.end), ...exclude) as { bytes: number | null }).bytes ?? 0),
      0,
    );
    const windowMinutes = windows.reduce((total, w) => total + (w.end - w.start), 0) / 60_000;
    const runMinutes = (span.last - span.first) / 60_000;
    const disk = ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(file + suffix) ? statSync(file + suffix).size : 0), 0);
    return {
      batches: all.batches,
      sessions: all.sessions,
      bytes: all.bytes,
      bytesPerSessionMinute: windowBytes / sessions / windowMinutes,
      diskBytesPerSessionMinute: disk / sessions / Math.max(runMinutes, 1e-9),
      ackedEverywhere: acked,
    };
  } finally {
    db.close();
  }
}

/** A target started, with its simulated sessions connected and idle. */
interface Prepared {
  target: Target;
  sessions: number;
  child: Child;
  workers: Worker[];
  setupMs: number;
  inspectPort: number | undefined;
  gcEventsFile: string | undefined;
  probe: PointerProbe | undefined;
  pointerIdle: PointerFigures | undefined;
  stopChild: () => Promise<void>;
  stopWorkers: () => Promise<void>;
}

/** What one target's load generators and samplers measured over its slices. */
interface Measured {
  results: WorkerResult[];
  server: UsageSummary;
  generatorCpuPercent: number;
  machineBusyPercent: number;
  /** The measured parts of the slices. */
  windows: { start: number; end: number }[];
  profile: unknown;
  pointer: { idle: PointerFigures; loaded: PointerFigures } | undefined;
}

/** Starts a target and connects its simulated customers and viewers (and, on the real server, the pointer probe). */
async function prepareTarget(target: Target, sessions: number, pointer: boolean): Promise<Prepared> {
  const profileDir = args.profile ? resolve(args.profile) : undefined;
  const port = await freePort();
  const inspectPort = profileDir ? await freePort() : undefined;
  log(`\n[${target}] starting ${target === 'real' ? 'the Tsunagi server (SQLite)' : 'the bare Socket.IO relay'} on 127.0.0.1:${port}`);
  const gcEventsFile = args['gc-trace'] ? join(tmp, `gc-${target}.txt`) : undefined;
  if (gcEventsFile) rmSync(gcEventsFile, { force: true });
  const outputDir = args['server-output'] ? resolve(args['server-output']) : undefined;
  if (outputDir) mkdirSync(outputDir, { recursive: true });
  const outputFile = outputDir ? join(outputDir, `${target}-${sessions}-${++phasesStarted}.log`) : undefined;
  const child = await startTarget(target, port, inspectPort, gcEventsFile, outputFile);
  children.add(child);
  const stopChild = () => child.stop().then(() => void children.delete(child));
  cleanups.push(stopChild);

  const agentsStarted = Date.now();
  const cookies = target === 'real' ? await agentCookies(child.url, options.agents) : [];
  if (target === 'real') log(`[${target}] ${cookies.length} agents signed in (${fmt((Date.now() - agentsStarted) / 1000)} s)`);
  let probe: PointerProbe | undefined;
  let pointerIdle: PointerFigures | undefined;
  if (target === 'real' && pointer) {
    probe = await PointerProbe.open(child.url, cookies[0]!);
    const closeProbe = () => probe?.close();
    cleanups.push(closeProbe);
    log(`[${target}] pointer probe: a customer in Chromium shares with an agent; ${POINTER_IDLE_S} s of pointer moves on the idle server…`);
    pointerIdle = await probe.measure(POINTER_IDLE_S * 1000);
  }
  const per = Math.ceil(sessions / options.workers);
  const workers: Worker[] = [];
  const stopWorkers = async () => {
    for (const worker of workers) worker.postMessage({ type: 'close' } satisfies ToWorker);
    await Promise.race([waitFor(workers, 'closed', 5000).catch(() => undefined), sleep(5000)]);
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  cleanups.push(stopWorkers);
  for (let w = 0; w < options.workers; w++) {
    const first = w * per;
    const count = Math.min(per, sessions - first);
    if (count <= 0) break;
    const config: WorkerConfig = {
      target,
      baseUrl: child.url,
      workerIndex: w,
      firstSession: first,
      sessions: count,
      cookies,
      fixturePath: options.fixturePath,
      setupConcurrency: 25,
      ackWindow: options.ackWindow,
      seed: 1 + w * 7919,
      traceTail: args['gc-trace'] === true,
    };
    workers.push(new Worker(workerBootstrap, { eval: true, workerData: config }));
  }

  const setupStarted = Date.now();
  log(`[${target}] connecting ${sessions} customers and ${sessions} viewers (${workers.length} load-generator thread${workers.length > 1 ? 's' : ''})…`);
  await waitFor(workers, 'ready', 60_000 + sessions * 200);
  const setupMs = Date.now() - setupStarted;
  return { target, sessions, child, workers, setupMs, inspectPort, gcEventsFile, probe, pointerIdle, stopChild, stopWorkers };
}

/**
 * Runs a target's load over its slices and samples the server, the machine
 * and the generator over the measured part of each. Several targets may be
 * measured at once with slices that do not overlap (`--interleave`).
 */
async function measureTarget(p: Prepared, slices: Slice[], pointerStart: number | undefined, otherSlices: Slice[] = []): Promise<Measured> {
  const windows = measuredWindows(slices);
  const pointerLoaded =
    p.probe && pointerStart !== undefined
      ? sleep(pointerStart - Date.now()).then(() => {
          log(`[${p.target}] pointer probe: ${POINTER_LOADED_S} s of pointer moves under the load…`);
          return p.probe!.measure(POINTER_LOADED_S * 1000);
        })
      : undefined;
  pointerLoaded?.catch(() => undefined);
  const sampler = windows.length === 1 ? new UsageSampler(p.child.pid) : new WindowsSampler(p.child.pid);
  const profiler = p.inspectPort ? await WindowProfiler.connect(p.inspectPort) : undefined;
  const machine = new MachineCpu();
  const generator = { micros: 0, started: undefined as NodeJS.CpuUsage | undefined };
  // With --interleave, what this server does while the other is measured (it should be idle).
  const whileOther = new WindowsSampler(p.child.pid);
  const otherWindows = measuredWindows(otherSlices);
  const timers = otherWindows.flatMap((window) => [
    setTimeout(() => whileOther.start(), window.start - Date.now()),
    setTimeout(() => whileOther.pause(), window.end - Date.now()),
  ]);
  let open = false;
  const closeWindow = () => {
    if (!open) return;
    open = false;
    if (!(sampler instanceof UsageSampler)) sampler.pause();
    machine.pause();
    const used = process.cpuUsage(generator.started);
    generator.micros += used.user + used.system;
  };
  timers.push(...windows.flatMap((window, i) => [
    setTimeout(() => {
      open = true;
      void sampler.start();
      if (i === 0) void profiler?.start();
      machine.start();
      generator.started = process.cpuUsage();
    }, window.start - Date.now()),
    setTimeout(closeWindow, window.end - Date.now()),
  ]));
  for (const worker of p.workers) worker.postMessage({ type: 'start', slices, drainMs: options.drainMs } satisfies ToWorker);
  const lastEnd = Math.max(slices[slices.length - 1]!.end, ...otherWindows.map((w) => w.end));
  const resultsPromise = waitFor(p.workers, 'result', lastEnd - Date.now() + options.drainMs + 60_000);
  // Awaited below; a failure meanwhile (a crash, Ctrl-C) must not go unhandled.
  resultsPromise.catch(() => undefined);
  // The last window's end, sampled from here rather than when the workers report (after their drain).
  await sleep(lastEnd - Date.now());
  for (const timer of timers) clearTimeout(timer);
  // The last window's end timer may not have fired yet: its end is now.
  closeWindow();
  const server = sampler.stop();
  if (otherWindows.length > 0) server.cpuWhileOtherMeasured = whileOther.stop().cpuMean;
  const profile = await profiler?.stop();
  const measuredMs = windows.reduce((total, w) => total + (w.end - w.start), 0);
  const results = (await resultsPromise).map((message) => message.result);
  const pointer = p.pointerIdle && pointerLoaded ? { idle: p.pointerIdle, loaded: await pointerLoaded } : undefined;
  return {
    results,
    server,
    generatorCpuPercent: (100 * generator.micros) / 1000 / measuredMs,
    machineBusyPercent: machine.percent(),
    windows,
    profile,
    pointer,
  };
}

/** Stops or continues a target's server process (`--interleave`). */
function signal(p: Prepared, name: 'SIGSTOP' | 'SIGCONT'): void {
  try {
    process.kill(p.child.pid, name);
  } catch {
    // Already gone: its phase reports that.
  }
}

/** The measured parts of slices. */
const measuredWindows = (slices: readonly Slice[]) =>
  slices.filter((slice) => slice.measureFrom < slice.end).map((slice) => ({ start: slice.measureFrom, end: slice.end }));

/** Stops a target and its generators, and turns what was measured into the phase's figures. */
async function finishTarget(p: Prepared, m: Measured): Promise<PhaseResult> {
  const { target, sessions, child } = p;
  const profileDir = args.profile ? resolve(args.profile) : undefined;
  const probeSession = p.probe?.sessionId;
  await p.probe?.close();

  // Stop the server first (graceful: it flushes its store), then the clients.
  log(`[${target}] stopping`);
  await p.stopChild();
  cleanups.splice(cleanups.indexOf(p.stopChild), 1);
  await p.stopWorkers();
  cleanups.splice(cleanups.indexOf(p.stopWorkers), 1);

  const { results, server, windows } = m;
  const sum = (pick: (r: WorkerResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const seconds = windows.reduce((total, w) => total + (w.end - w.start), 0) / 1000;
  const kbit = (bytes: number) => (bytes * 8) / 1000 / seconds / sessions;
  const ackErrors: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.counts.ackErrors)) ackErrors[code] = (ackErrors[code] ?? 0) + n;

  const relaySamples = concat(results.map((r) => r.relay));
  const result: PhaseResult = {
    target,
    sessions,
    setupMs: p.setupMs,
    relay: distribution(relaySamples),
    relaySamples,
    relayFromDue: distribution(concat(results.map((r) => r.relayFromDue))),
    ack: distribution(concat(results.map((r) => r.ack))),
    timerLag: distribution(concat(results.map((r) => r.timerLag))),
    batchesPerSec: sum((r) => r.counts.relayed) / seconds,
    eventsPerSec: sum((r) => r.counts.eventsRelayed) / seconds,
    sent: sum((r) => r.counts.sent),
    relayed: sum((r) => r.counts.relayed),
    notRelayed: sum((r) => r.counts.notRelayed),
    acked: sum((r) => r.counts.ackedTotal),
    ackErrors,
    unacked: sum((r) => r.counts.unacked),
    disconnects: sum((r) => r.counts.disconnects),
    server,
    generator: {
      cpuPercent: m.generatorCpuPercent,
      elu: results.map((r) => r.eventLoopUtilization),
      loopDelayP99Ms: results.map((r) => r.eventLoopDelayP99Ms),
    },
    machineBusyPercent: m.machineBusyPercent,
    wire: {
      customerUp: kbit(sum((r) => r.wire.customerUp)),
      customerDown: kbit(sum((r) => r.wire.customerDown)),
      viewerDown: kbit(sum((r) => r.wire.viewerDown)),
    },
    serverWarnings: child.warnings(),
    serverFirstWarning: child.firstWarning(),
    pointer: m.pointer,
  };
  if (target === 'real') {
    const file = join(tmp, 'bench.db');
    result.storage = storageFigures(file, result.acked, sessions, windows, probeSession ? [probeSession] : []);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  if (p.gcEventsFile) {
    result.tail = attributeTail(
      concat(results.map((r) => r.relaySentAt)),
      relaySamples,
      existsSync(p.gcEventsFile) ? parseGcPauses(readFileSync(p.gcEventsFile, 'utf8')) : [],
      results.flatMap((r) => parseGcPauses(r.gcPauses)),
      windows,
    );
  }
  if (profileDir && m.profile) {
    mkdirSync(profileDir, { recursive: true });
    const name = `${target === 'real' ? 'tsunagi' : 'bare'}-${sessions}-sessions-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
    result.profile = join(profileDir, name);
    writeFileSync(result.profile, JSON.stringify(m.profile));
  }
  log(`[${target}] done: p50 ${fmt(result.relay.p50)} ms, p99 ${fmt(result.relay.p99)} ms, server CPU ${fmt(server.cpuMean)} %`);
  return result;
}

/** One target on its own: warm-up, then one measured window. */
async function runPhase(target: Target, sessions: number): Promise<PhaseResult> {
  const prepared = await prepareTarget(target, sessions, args.pointer !== 'off');
  log(`[${target}] ready after ${fmt(prepared.setupMs / 1000)} s; ${fmt(options.warmupMs / 1000, 0)} s warm-up, then ${fmt(options.durationMs / 1000, 0)} s measured`);
  // Let the setup's own traffic (session updates to the consoles) die down.
  await sleep(1000);
  const startAt = Date.now() + 300;
  // With the pointer probe, its Chromium page moves the pointer after the
  // warm-up under the full load, and the relay window starts only once it has
  // finished: a rendering browser must not share the relay's measured window
  // (the bare relay's window has none).
  const pointerStart = prepared.probe ? startAt + options.warmupMs : undefined;
  const warmupMs = prepared.probe ? options.warmupMs + POINTER_LOADED_S * 1000 + 1000 : options.warmupMs;
  const windowStart = startAt + warmupMs;
  const slices = [{ start: startAt, measureFrom: windowStart, end: windowStart + options.durationMs }];
  return finishTarget(prepared, await measureTarget(prepared, slices, pointerStart));
}

/**
 * One round with both servers up at once, every session connected to both,
 * and the load switched between them every `--interleave` seconds: each
 * warms up on its own, then their slices alternate, and each slice is
 * measured after `settleMs` (what the other left in flight has settled),
 * with the other server stopped meanwhile.
 * The host's speed drifts within seconds (docs/performance.md, session 10);
 * so both servers are measured over the same stretches of it.
 */
async function runInterleavedRound(sessions: number, round: number): Promise<PhaseResult[]> {
  const real = await prepareTarget('real', sessions, false);
  const bare = await prepareTarget('bare', sessions, false);
  const sliceMs = options.interleaveMs;
  const settleMs = INTERLEAVE_SETTLE_MS;
  const perTarget = Math.max(1, Math.round(options.durationMs / (sliceMs - settleMs)));
  log(
    `[both] ready; each warms up ${fmt(options.warmupMs / 1000, 0)} s, then ${perTarget} slices of ${fmt(sliceMs / 1000)} s each, alternating ` +
      `(${fmt((perTarget * (sliceMs - settleMs)) / 1000, 0)} s measured per server, the first ${fmt(settleMs / 1000)} s of each slice not measured)`,
  );
  await sleep(1000);
  // Rounds alternate which server goes first, so neither always follows the other.
  const order: Prepared[] = round % 2 === 1 ? [real, bare] : [bare, real];
  const t0 = Date.now() + 300;
  const slices = new Map<Prepared, Slice[]>(order.map((p, i) => [p, [{ start: t0 + i * options.warmupMs, measureFrom: t0 + (i + 1) * options.warmupMs, end: t0 + (i + 1) * options.warmupMs }]]));
  const base = t0 + 2 * options.warmupMs;
  for (let k = 0; k < 2 * perTarget; k++) {
    const start = base + k * sliceMs;
    slices.get(order[k % 2]!)!.push({ start, measureFrom: start + settleMs, end: start + sliceMs });
  }
  // While one server is measured the other is stopped (SIGSTOP), so that it
  // does nothing at all beside it — not even its timers and idle threads, ~2–3 %
  // of a core awake, enough to lift the other's tail. It is continued when its
  // own slice begins; its settling time covers the timers that fire late then.
  const freeze = order.flatMap((p, i) => {
    const other = order[1 - i]!;
    return measuredWindows(slices.get(p)!).flatMap((window) => [
      setTimeout(() => signal(other, 'SIGSTOP'), window.start - Date.now()),
      setTimeout(() => signal(other, 'SIGCONT'), window.end - Date.now()),
    ]);
  });
  const thaw = () => {
    for (const timer of freeze) clearTimeout(timer);
    for (const p of order) signal(p, 'SIGCONT');
  };
  cleanups.push(thaw);
  let measured: Measured[];
  try {
    measured = await Promise.all(order.map((p, i) => measureTarget(p, slices.get(p)!, undefined, slices.get(order[1 - i]!))));
  } finally {
    thaw();
    cleanups.splice(cleanups.indexOf(thaw), 1);
  }
  const results: PhaseResult[] = [];
  for (const [i, p] of order.entries()) results.push(await finishTarget(p, measured[i]!));
  return [real, bare].map((p) => results[order.indexOf(p)]!);
}

// ── Report ──────────────────────────────────────────────────────────────────

/** Batches per second the simulated customers produce, whether or not the server keeps up. */
const offered = (r: PhaseResult) => (r.sessions * fixture.batches.length) / (fixture.durationMs / 1000);

/** Server CPU time per batch: comparable across loads (while the server keeps up). */
const cpuPerBatch = (r: PhaseResult) => (r.server.cpuMean * 10_000) / r.batchesPerSec;
/** The same for the main thread alone: what decides how many batches one node relays. */
const mainThreadCpuPerBatch = (r: PhaseResult) => (r.server.mainThreadCpu * 10_000) / r.batchesPerSec;
const mainThreadSystemCpuPerBatch = (r: PhaseResult) => (r.server.mainThreadSystemCpu * 10_000) / r.batchesPerSec;

/** What neither the server nor the load generator used: anything else on the machine disturbs the figures. */
const otherCpu = (r: PhaseResult) => Math.max(0, (r.machineBusyPercent * cpus().length) - r.server.cpuMean - r.generator.cpuPercent);

function report(results: PhaseResult[], sessions: number, heading = ''): string {
  const real = results.find((r) => r.target === 'real');
  const bare = results.find((r) => r.target === 'bare');
  const cols = results.map((r) => r.target);
  const ratio = (pick: (r: PhaseResult) => number, digits = 2) => (real && bare ? fmt(pick(real) / pick(bare), digits) : '');
  const row = (label: string, pick: (r: PhaseResult) => string, withRatio?: (r: PhaseResult) => number) => [
    label,
    ...results.map(pick),
    ...(real && bare ? [withRatio ? ratio(withRatio) : ''] : []),
  ];
  const ms = (pick: (r: PhaseResult) => Distribution, key: keyof Distribution) =>
    row(`  ${key}`, (r) => fmt(pick(r)[key]), (r) => pick(r)[key]);
  const first = Buffer.byteLength(JSON.stringify(fixture.batches[0]!.events));
  const cpu = cpus();

  const lines = [
    '',
    `${heading}Tsunagi relay benchmark — ${sessions} sessions (a customer and a viewer each), ${fmt(options.durationMs / 1000, 0)} s measured after ${fmt(options.warmupMs / 1000, 0)} s warm-up` +
      (options.interleaveMs ? `, both servers interleaved in ${fmt(options.interleaveMs / 1000)} s slices` : ''),
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30)} GiB RAM, Linux ${release()}, Node ${process.version}`,
    `fixture: ${fixture.durationMs / 1000} s form flow, ${fixture.stats.batches} batches, ${fixture.stats.events} events, ` +
      `${fixture.stats.rawKbitPerSecond} kbit/s raw (${fmt(((fixture.stats.bytes - first) * 8) / fixture.durationMs)} kbit/s after the initial snapshot); ` +
      `load generator: ${results[0]?.generator.elu.length ?? 0} thread(s), ack window ${options.ackWindow}`,
    '',
    table([
      ['', ...cols.map((c) => (c === 'real' ? 'Tsunagi' : 'bare relay')), ...(real && bare ? ['Tsunagi / bare'] : [])],
      ['relay latency, customer emit → viewer (ms)', ...cols.map(() => ''), ...(real && bare ? [''] : [])],
      ms((r) => r.relay, 'p50'),
      ms((r) => r.relay, 'p95'),
      ms((r) => r.relay, 'p99'),
      ms((r) => r.relay, 'max'),
      row('  p99 from the batch being due (incl. waiting for room in the ack window)', (r) => fmt(r.relayFromDue.p99), (r) => r.relayFromDue.p99),
      row('ack latency p50 / p99 (ms; Tsunagi acks once stored)', (r) => `${fmt(r.ack.p50)} / ${fmt(r.ack.p99)}`),
      row('batches offered / s (what the customers produce)', (r) => fmt(offered(r), 0)),
      row('batches relayed / s', (r) => fmt(r.batchesPerSec, 0)),
      row('events relayed / s', (r) => fmt(r.eventsPerSec, 0)),
      row('batches relayed / sent in the window', (r) => `${r.relayed} / ${r.sent}`),
      row('server CPU mean / max (% of one core)', (r) => `${fmt(r.server.cpuMean, 0)} / ${fmt(r.server.cpuMax, 0)}`, (r) => r.server.cpuMean),
      row('server CPU per batch relayed (µs)', (r) => fmt(cpuPerBatch(r), 0), cpuPerBatch),
      row('  of which the main thread (µs; it runs Socket.IO)', (r) => fmt(mainThreadCpuPerBatch(r), 0), mainThreadCpuPerBatch),
      row('    of which in the kernel (µs; socket writes and reads)', (r) => fmt(mainThreadSystemCpuPerBatch(r), 0), mainThreadSystemCpuPerBatch),
      ...(results.some((r) => r.server.cpuWhileOtherMeasured !== undefined)
        ? [row('  while the other server was measured (% of one core; stopped)', (r) => fmt(r.server.cpuWhileOtherMeasured ?? NaN, 1))]
        : []),
      row('server RSS mean / max (MiB)', (r) => `${fmt(r.server.rssMeanMiB, 0)} / ${fmt(r.server.rssMaxMiB, 0)}`, (r) => r.server.rssMeanMiB),
      row('wire per session, customer → server (kbit/s)', (r) => fmt(r.wire.customerUp, 2)),
      row('wire per session, server → customer (acks, kbit/s)', (r) => fmt(r.wire.customerDown, 2)),
      row('wire per session, server → viewer (kbit/s)', (r) => fmt(r.wire.viewerDown, 2)),
      row('stored per session-minute, in the window (KiB of event JSON)', (r) => (r.storage ? fmt(r.storage.bytesPerSessionMinute / 1024) : '–')),
      row('  on disk, db + WAL, whole run (KiB per session-minute)', (r) => (r.storage ? fmt(r.storage.diskBytesPerSessionMinute / 1024) : '–')),
      row('load generator CPU (% of one core)', (r) => fmt(r.generator.cpuPercent, 0)),
      row('load generator event-loop utilisation', (r) => r.generator.elu.map((e) => fmt(e, 2)).join(' ')),
      row('load generator timer lag p99 (ms)', (r) => fmt(r.timerLag.p99)),
      row('machine CPU busy (all cores, %)', (r) => fmt(r.machineBusyPercent, 0)),
      row('  other processes (% of one core, estimated)', (r) => fmt(otherCpu(r), 0)),
      row('setup (s)', (r) => fmt(r.setupMs / 1000)),
    ]),
  ];
  const problems: string[] = [];
  for (const r of results) {
    if (r.batchesPerSec < 0.97 * offered(r)) {
      problems.push(
        `${r.target}: did not keep up — ${fmt((100 * r.batchesPerSec) / offered(r), 0)} % of the offered batches relayed; ` +
          'the rest waited in the customers\' outboxes (see "p99 from the batch being due"); latencies above are of what got through',
      );
    }
    if (r.notRelayed) problems.push(`${r.target}: ${r.notRelayed} batches sent in the window never reached their viewer`);
    if (r.unacked) problems.push(`${r.target}: ${r.unacked} batches still unacknowledged after the drain`);
    for (const [code, n] of Object.entries(r.ackErrors)) problems.push(`${r.target}: ${n} batches refused (${code})`);
    if (r.serverWarnings) problems.push(`${r.target}: the server logged ${r.serverWarnings} warnings/errors; the first: ${r.serverFirstWarning ?? '?'}`);
    if (otherCpu(r) > DISTURBED) {
      problems.push(`${r.target}: other processes used ~${fmt(otherCpu(r), 0)} % of a core during the window: the figures are disturbed`);
    }
    if (r.generator.elu.some((e) => e > 0.9)) {
      problems.push(`${r.target}: a load-generator thread was saturated (event-loop utilisation > 0.9): latencies include client-side queueing; try --workers 2`);
    }
  }
  if (real?.storage) {
    const s = real.storage;
    lines.push(
      '',
      `storage: ${s.batches} batches stored for ${s.sessions} sessions, ${fmt(s.bytes / 2 ** 20)} MiB of event JSON; ` +
        `acknowledged: ${s.ackedEverywhere}${s.batches === s.ackedEverywhere ? ' (every acked batch stored once)' : ' (MISMATCH)'}`,
    );
    if (s.batches !== s.ackedEverywhere) problems.push(`real: ${s.batches} batches stored but ${s.ackedEverywhere} acknowledged`);
  }
  for (const r of results.filter((r) => r.tail)) {
    const name = r.target === 'real' ? 'Tsunagi' : 'bare relay';
    lines.push('', `p99 tail, ${name} (what the slowest 1 % overlapped): ${describeTail(r.tail!)}`, `  GC pauses in the window: ${describePauses(r.tail!)}`);
  }
  if (real?.pointer) {
    const { idle, loaded } = real.pointer;
    const d = (l: Distribution) => `${fmt(l.p50)} / ${fmt(l.p95)} / ${fmt(l.p99)} / ${fmt(l.max)}`;
    lines.push(
      '',
      'pointer, agent emit → drawn on the customer\'s page in Chromium (ms, p50 / p95 / p99 / max; moves every 50 ms)',
      table([
        ['', 'idle server (baseline)', `under the ${sessions}-session load`],
        ['emit → drawn', d(idle.latency), d(loaded.latency)],
        ['  of which emit → arrived in the page', idle.arrival ? d(idle.arrival) : '–', loaded.arrival ? d(loaded.arrival) : '–'],
        ['moves drawn / sent', `${idle.drawn} / ${idle.moves}`, `${loaded.drawn} / ${loaded.moves}`],
      ]),
      `goal: p95 ≤ 50 ms under the load: ${loaded.latency.p95 <= 50 ? 'met' : 'MISSED'} (${fmt(loaded.latency.p95)} ms)`,
    );
    if (loaded.drawn < 0.9 * loaded.moves) problems.push(`real: only ${loaded.drawn} of ${loaded.moves} pointer moves were drawn at their own spot`);
  }
  if (real && bare) {
    const ok = (cond: boolean) => (cond ? 'met' : 'MISSED');
    lines.push(
      '',
      `goals at ${sessions} sessions: p50 ≤ 30 ms: ${ok(real.relay.p50 <= 30)}; p99 ≤ 100 ms: ${ok(real.relay.p99 <= 100)}; ` +
        `p99 within 1.2× bare: ${ok(real.relay.p99 <= 1.2 * bare.relay.p99)} (${fmt(real.relay.p99 / bare.relay.p99, 2)}×)`,
    );
  }
  if (problems.length) lines.push('', 'warnings:', ...problems.map((p) => `  - ${p}`));
  return lines.join('\n');
}

// ── Main ────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  log(`fixture ${options.fixturePath}: ${fixture.stats.batches} batches over ${fixture.durationMs / 1000} s, ${fixture.stats.rawKbitPerSecond} kbit/s raw`);
  // The probe's customer is the demo site with the real widget: without the
  // built client it would only time out waiting for the widget.
  if (args.pointer !== 'off' && targets.includes('real') && !existsSync(join(root, 'client/dist/widget'))) {
    throw new Error('the pointer probe needs the built client (demo site and widget): run `npm run build` first, or pass --pointer off');
  }
  await buildTargets();
  const all: PhaseResult[] = [];
  for (const sessions of sessionCounts) {
    const pairs: PhaseResult[][] = [];
    for (let round = 1; round <= options.rounds; round++) {
      if (options.rounds > 1) log(`\n── ${sessions} sessions, round ${round} of ${options.rounds}`);
      const results: PhaseResult[] = [];
      if (options.interleaveMs) {
        for (let attempt = 0; ; attempt++) {
          await waitForQuiet();
          const both = await runInterleavedRound(sessions, round);
          if (interrupted) return;
          if (both.every((r) => otherCpu(r) <= DISTURBED) || attempt >= options.retries) {
            results.push(...both);
            break;
          }
          log(`[both] other processes disturbed the round: running it again`);
        }
      }
      for (const target of options.interleaveMs ? [] : targets) {
        for (let attempt = 0; ; attempt++) {
          await waitForQuiet();
          const result = await runPhase(target, sessions);
          if (interrupted) return;
          if (otherCpu(result) <= DISTURBED || attempt >= options.retries) {
            results.push(result);
            break;
          }
          log(`[${target}] other processes used ~${fmt(otherCpu(result), 0)} % of a core: running again`);
        }
      }
      all.push(...results);
      pairs.push(results);
      const heading = options.rounds > 1 ? `round ${round} of ${options.rounds}: ` : '';
      process.stdout.write(`${report(results, sessions, heading)}\n`);
      for (const r of results) if (r.profile) process.stdout.write(`\n[${r.target}, ${sessions} sessions] ${summariseProfile(r.profile)}\n`);
    }
    if (pairs.length > 1) process.stdout.write(`\n${roundsSummary(pairs, sessions)}\n`);
  }
  if (sessionCounts.length > 1) process.stdout.write(`\n${summary(all)}\n`);
  if (args.json) {
    const machine = { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, kernel: release() };
    writeFileSync(resolve(args.json), JSON.stringify({ options: { ...options, sessions: sessionCounts }, machine, results: all.map(({ relaySamples: _samples, ...figures }) => figures) }, null, 2));
  }
}

/** Seconds of pointer moves on the idle server, the baseline of the pointer figure. */
const POINTER_IDLE_S = 5;
/** Seconds of pointer moves under the load, between the warm-up and the relay window. */
const POINTER_LOADED_S = 15;

/** Other processes' CPU (% of one core) above which a run is flagged as disturbed. */
const DISTURBED = 25;

/** Waits (bounded by --quiet-wait) until the machine is idle: nothing else competing for its cores. */
async function waitForQuiet(): Promise<void> {
  const deadline = Date.now() + options.quietWaitMs;
  while (Date.now() < deadline) {
    const busy = machineCpu();
    await sleep(2000);
    const percentOfOneCore = busy() * cpus().length;
    if (percentOfOneCore < 10) return;
    log(`machine busy (${fmt(percentOfOneCore, 0)} % of a core used by other processes); waiting…`);
  }
}

/**
 * One line per round of a session count, and the medians. The host's speed
 * drifts from minute to minute (docs/performance.md), so one pair of runs
 * can land on a fast and a slow stretch; each round compares the two
 * servers run back to back, and the verdict counts the rounds that met
 * each goal.
 */
function roundsSummary(pairs: PhaseResult[][], sessions: number): string {
  const median = (values: number[]) => {
    const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const rows = pairs.map((results, i) => {
    const real = results.find((r) => r.target === 'real');
    const bare = results.find((r) => r.target === 'bare');
    return {
      round: i + 1,
      p50: real?.relay.p50 ?? NaN,
      p99: real?.relay.p99 ?? NaN,
      bareP99: bare?.relay.p99 ?? NaN,
      ratio: real && bare ? real.relay.p99 / bare.relay.p99 : NaN,
      mainRatio: real && bare ? mainThreadCpuPerBatch(real) / mainThreadCpuPerBatch(bare) : NaN,
      ackP99: real?.ack.p99 ?? NaN,
      pointerP95: real?.pointer?.loaded.latency.p95 ?? NaN,
      disturbed: results.some((r) => otherCpu(r) > DISTURBED),
    };
  });
  // Every round's samples together: a round on a slow stretch of the host
  // weighs as much as its share of samples, not as a whole round.
  const pooledOf = (target: Target) => distribution(concat(pairs.flatMap((results) => results.filter((r) => r.target === target).map((r) => r.relaySamples))));
  const pooledReal = pooledOf('real');
  const pooledBare = pooledOf('bare');
  const cell = (v: number, digits = 1) => (Number.isFinite(v) ? fmt(v, digits) : '–');
  type Row = (typeof rows)[number];
  const columns: [string, (r: Row) => number, number][] = [
    ['p50', (r) => r.p50, 1],
    ['p99', (r) => r.p99, 1],
    ['bare p99', (r) => r.bareP99, 1],
    ['p99 ratio', (r) => r.ratio, 2],
    ['main thread µs/batch ratio', (r) => r.mainRatio, 2],
    ['ack p99', (r) => r.ackP99, 1],
    ['pointer p95', (r) => r.pointerP95, 1],
  ];
  const met = (pick: (r: Row) => number, goal: number) => {
    const measured = rows.filter((r) => Number.isFinite(pick(r)));
    return measured.length ? `${measured.filter((r) => pick(r) <= goal).length} of ${measured.length}` : 'not measured';
  };
  return [
    `rounds at ${sessions} sessions (ms; Tsunagi unless marked bare)`,
    table([
      ['round', ...columns.map(([name]) => name), ''],
      ...rows.map((r) => [String(r.round), ...columns.map(([, pick, digits]) => cell(pick(r), digits)), r.disturbed ? 'disturbed' : '']),
      ['median', ...columns.map(([, pick, digits]) => cell(median(rows.map(pick)), digits)), ''],
      ['pooled', cell(pooledReal.p50), cell(pooledReal.p99), cell(pooledBare.p99), cell(pooledReal.p99 / pooledBare.p99, 2), '', '', '', ''],
    ]),
    `goals met in: p50 ≤ 30 ms ${met((r) => r.p50, 30)} rounds; p99 ≤ 100 ms ${met((r) => r.p99, 100)}; ` +
      `p99 within 1.2× bare ${met((r) => r.ratio, 1.2)}; pointer p95 ≤ 50 ms ${met((r) => r.pointerP95, 50)}`,
    `all rounds' samples pooled: p99 ${cell(pooledReal.p99)} ms against the bare relay's ${cell(pooledBare.p99)} ms, ` +
      `ratio ${cell(pooledReal.p99 / pooledBare.p99, 2)}: ${pooledReal.p99 <= 1.2 * pooledBare.p99 ? 'met' : 'MISSED'}`,
  ].join('\n');
}

/** One line per run: how latency and CPU grow with the number of sessions. */
function summary(all: PhaseResult[]): string {
  return [
    'summary (relay latency in ms, customer emit → viewer)',
    table([
      ['sessions', 'server', 'p50', 'p95', 'p99', 'batches/s', 'CPU %', 'CPU µs/batch', 'main thread µs/batch', 'relayed/sent'],
      ...all.map((r) => [
        String(r.sessions),
        r.target === 'real' ? 'Tsunagi' : 'bare',
        fmt(r.relay.p50),
        fmt(r.relay.p95),
        fmt(r.relay.p99),
        fmt(r.batchesPerSec, 0),
        fmt(r.server.cpuMean, 0),
        fmt(cpuPerBatch(r), 0),
        fmt(mainThreadCpuPerBatch(r), 0),
        `${r.relayed}/${r.sent}`,
      ]),
    ]),
  ].join('\n');
}

try {
  await main();
} catch (error) {
  if (!interrupted) process.stderr.write(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
// Nothing of ours should be left running; do not wait for stray handles.
process.exit(process.exitCode ?? 0);
