import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import pidusage from 'pidusage';
import WebSocket from 'ws';
import { mean } from './stats.ts';

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Child {
  pid: number;
  url: string;
  /** The last lines the child wrote (for error reports). */
  output(): string;
  /** Warning and error log lines seen (pino levels ≥ 40). */
  warnings(): number;
  /** The first warning or error the child logged (a pino line), if any. */
  firstWarning(): string | undefined;
  /** SIGTERM (graceful: the real server flushes its store), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now (synchronous: for process exit). */
  kill(): void;
}

export interface ChildOptions {
  cwd: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  /** Path answered with 200 once the child can serve. */
  readyPath: string;
  readyTimeoutMs: number;
  /** Also append everything the child writes to this file. */
  outputFile?: string;
}

/** Starts `node <args>` with `env` on `port` and waits until `readyPath` answers 200. */
export async function startChild(options: ChildOptions): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (child.pid === undefined) throw new Error(`could not start node ${options.args.join(' ')}`);
  let tail = '';
  let warnings = 0;
  let firstWarning: string | undefined;
  const keep = (chunk: Buffer) => {
    if (options.outputFile) appendFileSync(options.outputFile, chunk);
    const text = chunk.toString();
    for (const line of text.split('\n')) {
      const level = /"level":(\d+)/.exec(line);
      if (!level || Number(level[1]) < 40) continue;
      warnings++;
      firstWarning ??= line.slice(0, 400);
    }
    tail = (tail + text).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + options.readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`child exited before it was ready:\n${tail}`);
    try {
      const response = await fetch(url + options.readyPath);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`child not ready within ${options.readyTimeoutMs} ms:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    pid: child.pid,
    url,
    output: () => tail,
    warnings: () => warnings,
    firstWarning: () => firstWarning,
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
    async stop(graceMs = 15_000) {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

export interface UsageSummary {
  cpuMean: number;
  cpuMax: number;
  rssMeanMiB: number;
  rssMaxMiB: number;
  /** One sample a second: CPU % of one core. */
  cpuSeries: number[];
  /**
   * The main thread alone (% of one core), from /proc: the thread that runs
   * Socket.IO and so decides the relay's latency; `cpuMean` also counts
   * helper threads (the SQLite commit thread, libuv's pool, GC).
   */
  mainThreadCpu: number;
  /**
   * The part of `mainThreadCpu` spent in the kernel (% of one core): its
   * socket writes and reads, and the loopback delivery they carry out.
   */
  mainThreadSystemCpu: number;
  /** `--interleave`: the process's CPU (% of one core) while the other server was measured. */
  cpuWhileOtherMeasured?: number;
}

/** CPU seconds a thread has used, user and system, from /proc/<pid>/task/<tid>/stat; NaN where /proc is missing. */
const threadCpuTimes = (pid: number, tid = pid) => statCpuTimes(`/proc/${pid}/task/${tid}/stat`);

/** CPU seconds (user + system) of a whole process, from /proc/<pid>/stat. */
const processCpuSeconds = (pid: number) => total(statCpuTimes(`/proc/${pid}/stat`));

interface CpuTimes {
  user: number;
  system: number;
}

function statCpuTimes(path: string): CpuTimes {
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
  } catch {
    return { user: NaN, system: NaN };
  }
}
/** USER_HZ: 100 on Linux everywhere in practice. */
const CLOCK_TICKS = 100;

const minus = (a: CpuTimes, b: CpuTimes): CpuTimes => ({ user: a.user - b.user, system: a.system - b.system });
const plus = (a: CpuTimes, b: CpuTimes): CpuTimes => ({ user: a.user + b.user, system: a.system + b.system });
const total = (t: CpuTimes) => t.user + t.system;

/** Samples a process's CPU (% of one core) and RSS with pidusage once a second. */
export class UsageSampler {
  private readonly cpu: number[] = [];
  private readonly rss: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private mainThreadStart = { cpu: { user: NaN, system: NaN }, at: 0 };

  constructor(private readonly pid: number) {}

  async start(): Promise<void> {
    this.mainThreadStart = { cpu: threadCpuTimes(this.pid), at: performance.now() };
    // pidusage reports CPU since its previous call for this pid: prime it.
    await pidusage(this.pid);
    this.timer = setInterval(() => {
      pidusage(this.pid).then(
        (stat) => {
          this.cpu.push(stat.cpu);
          this.rss.push(stat.memory / 2 ** 20);
        },
        () => undefined,
      );
    }, 1000);
  }

  stop(): UsageSummary {
    clearInterval(this.timer);
    pidusage.clear();
    const main = minus(threadCpuTimes(this.pid), this.mainThreadStart.cpu);
    const elapsedSeconds = (performance.now() - this.mainThreadStart.at) / 1000;
    return {
      mainThreadCpu: (100 * total(main)) / elapsedSeconds,
      mainThreadSystemCpu: (100 * main.system) / elapsedSeconds,
      cpuMean: mean(this.cpu),
      cpuMax: Math.max(...this.cpu),
      rssMeanMiB: mean(this.rss),
      rssMaxMiB: Math.max(...this.rss),
      cpuSeries: this.cpu.map((c) => Math.round(c)),
    };
  }
}

/** Resident memory of a process (MiB), from /proc/<pid>/statm. */
function processRssMiB(pid: number): number {
  try {
    const resident = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return (resident * PAGE_BYTES) / 2 ** 20;
  } catch {
    return NaN;
  }
}
const PAGE_BYTES = 4096;

/**
 * A process's CPU over several windows (`--interleave`: the measured parts
 * of its slices), from /proc at each window's start and end.
 */
export class WindowsSampler {
  private readonly windowCpu: number[] = [];
  private readonly rss: number[] = [];
  private total = { cpu: 0, main: { user: 0, system: 0 }, seconds: 0 };
  private current: { cpu: number; main: CpuTimes; at: number } | undefined;

  constructor(private readonly pid: number) {}

  start(): void {
    this.current = { cpu: processCpuSeconds(this.pid), main: threadCpuTimes(this.pid), at: performance.now() };
  }

  pause(): void {
    if (!this.current) return;
    const seconds = (performance.now() - this.current.at) / 1000;
    const cpu = processCpuSeconds(this.pid) - this.current.cpu;
    this.total.cpu += cpu;
    this.total.main = plus(this.total.main, minus(threadCpuTimes(this.pid), this.current.main));
    this.total.seconds += seconds;
    this.windowCpu.push((100 * cpu) / seconds);
    this.rss.push(processRssMiB(this.pid));
    this.current = undefined;
  }

  stop(): UsageSummary {
    this.pause();
    return {
      cpuMean: (100 * this.total.cpu) / this.total.seconds,
      cpuMax: Math.max(...this.windowCpu),
      rssMeanMiB: mean(this.rss),
      rssMaxMiB: Math.max(...this.rss),
      cpuSeries: this.windowCpu.map((c) => Math.round(c)),
      mainThreadCpu: (100 * total(this.total.main)) / this.total.seconds,
      mainThreadSystemCpu: (100 * this.total.main.system) / this.total.seconds,
    };
  }
}

/** The whole machine's busy share (all cores) over several windows: `start` and `pause` around each. */
export class MachineCpu {
  private busy = 0;
  private total = 0;
  private current: (() => { busy: number; total: number }) | undefined;

  start(): void {
    const begin = cpuTicks();
    this.current = () => {
      const end = cpuTicks();
      return { busy: end.busy - begin.busy, total: end.total - begin.total };
    };
  }

  pause(): void {
    if (!this.current) return;
    const { busy, total } = this.current();
    this.busy += busy;
    this.total += total;
    this.current = undefined;
  }

  /** Busy share of all cores (%) over the windows so far. */
  percent(): number {
    this.pause();
    return (100 * this.busy) / Math.max(1, this.total);
  }
}

function cpuTicks(): { busy: number; total: number } {
  return cpus().reduce(
    (acc, cpu) => {
      const t = cpu.times;
      acc.busy += t.user + t.nice + t.sys + t.irq;
      acc.total += t.user + t.nice + t.sys + t.irq + t.idle;
      return acc;
    },
    { busy: 0, total: 0 },
  );
}

/** The whole machine's busy share (all cores) between two calls. */
export function machineCpu(): () => number {
  const windows = new MachineCpu();
  windows.start();
  return () => windows.percent();
}

/**
 * CPU profile of a child started with `--inspect=127.0.0.1:<port>`, over a
 * chosen window only (the measured one, not start-up and setup), through the
 * inspector protocol's Profiler domain.
 */
export class WindowProfiler {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.error ? new Error(message.error.message) : message.result);
    });
  }

  static async connect(inspectPort: number): Promise<WindowProfiler> {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error('no inspector target');
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', (error) => reject(new Error(`inspector connection failed: ${error.message}`)));
    });
    const profiler = new WindowProfiler(ws);
    await profiler.call('Profiler.enable');
    await profiler.call('Profiler.setSamplingInterval', { interval: 500 });
    return profiler;
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (result) => (result instanceof Error ? reject(result) : resolve(result)));
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  async start(): Promise<void> {
    await this.call('Profiler.start');
  }

  /** Stops and returns the profile (the .cpuprofile JSON). */
  async stop(): Promise<unknown> {
    const result = (await this.call('Profiler.stop')) as { profile: unknown };
    this.ws.close();
    return result.profile;
  }
}
