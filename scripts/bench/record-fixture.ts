/**
 * Records the benchmark's fixture: about a minute of real rrweb traffic from
 * a customer filling in the demo insurer's fire-insurance form in Chromium.
 *
 *   npm run build            # the demo site, once
 *   node --import tsx scripts/bench/record-fixture.ts [--out scripts/bench/fixtures/form-flow.json]
 *   node --import tsx scripts/bench/record-fixture.ts --refilter   # re-apply the widget's filters to the file
 *
 * rrweb (the same package and options as the widget's recorder) runs in the
 * page; events are cut into batches exactly as the widget's outbox does
 * (gathered for 100 ms after the first one, a Meta event always starts a new
 * batch) and written out with each batch's time relative to the start. What
 * the widget drops after rrweb (attribute echoes, see fixture-echoes.ts) is
 * dropped here too.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadFixture, type Fixture, type FixtureBatch } from './fixture.ts';
import { dropAttributeEchoes } from './fixture-echoes.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const appDir = join(root, 'client/dist/app');
const rrwebScript = join(root, 'node_modules/rrweb/dist/rrweb.umd.min.cjs');
const outArg = process.argv.indexOf('--out');
const outFile = resolve(outArg > 0 ? process.argv[outArg + 1]! : join(root, 'scripts/bench/fixtures/form-flow.json'));

const BATCH_INTERVAL_MS = 100;
/** What client/widget/recording/recorder.ts passes to rrweb's record() (masking by selector aside). */
const RECORD_OPTIONS = {
  maskAllInputs: true,
  slimDOMOptions: 'all',
  sampling: { mousemove: 50, mousemoveCallback: 150 },
  recordCanvas: false,
  inlineImages: false,
  collectFonts: false,
  checkoutEveryNms: 180_000,
} as const;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** client/dist/app as the real server serves it: / → demo/, /assets/ → assets/; no widget (rrweb is injected). */
function startStaticServer(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/widget.js') {
      response.writeHead(200, { 'content-type': types['.js']! }).end('/* the widget is left out while recording the fixture */');
      return;
    }
    const base = path.startsWith('/assets/') ? appDir : join(appDir, 'demo');
    let file = normalize(join(base, path));
    if (!file.startsWith(appDir + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen(server)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Deterministic jitter so that a re-recording produces a similar flow. */
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const between = (min: number, max: number) => min + rand() * (max - min);

class Customer {
  private x = 640;
  private y = 360;
  constructor(private readonly page: Page) {}

  /** A hand's movement: small steps (~60 a second) along a slightly curved path, in about `durationMs`. */
  async moveTo(x: number, y: number, durationMs = between(400, 900)): Promise<void> {
    const fromX = this.x;
    const fromY = this.y;
    const bend = between(-60, 60);
    const start = Date.now();
    for (;;) {
      const t = Math.min(1, (Date.now() - start) / durationMs);
      const ease = t * t * (3 - 2 * t);
      await this.page.mouse.move(fromX + (x - fromX) * ease + Math.sin(Math.PI * t) * bend, fromY + (y - fromY) * ease);
      if (t === 1) break;
      await sleep(16);
    }
    this.x = x;
    this.y = y;
  }

  async wander(durationMs: number): Promise<void> {
    const end = Date.now() + durationMs;
    while (Date.now() < end) {
      await this.moveTo(between(200, 1080), between(120, 640), between(300, 800));
      await sleep(between(100, 400));
    }
  }

  async scroll(deltaY: number): Promise<void> {
    const steps = Math.max(1, Math.round(Math.abs(deltaY) / 100));
    for (let i = 0; i < steps; i++) {
      await this.page.mouse.wheel(0, Math.sign(deltaY) * 100);
      await sleep(between(30, 60));
    }
    await sleep(150);
  }

  /** Brings the element into view by scrolling (as a person would), moves there and clicks. */
  async clickOn(selector: string): Promise<void> {
    const element = this.page.locator(selector).first();
    for (let i = 0; i < 6; i++) {
      const box = await element.boundingBox();
      if (!box) break;
      if (box.y > 80 && box.y + box.height < 660) break;
      await this.scroll(box.y < 80 ? -Math.min(600, 200 - box.y) : Math.min(600, box.y - 300));
    }
    const box = await element.boundingBox();
    if (!box) throw new Error(`${selector} is not visible`);
    await this.moveTo(box.x + Math.min(box.width / 2, between(20, 80)), box.y + box.height / 2);
    await sleep(between(80, 200));
    await this.page.mouse.click(this.x, this.y);
  }

  async type(selector: string, text: string, perKeyMs: [number, number] = [90, 180]): Promise<void> {
    await this.clickOn(selector);
    await sleep(between(200, 500));
    for (const char of text) {
      await this.page.keyboard.type(char);
      await sleep(between(...perKeyMs));
    }
    await sleep(between(300, 800));
  }
}

async function fillTheForm(page: Page): Promise<void> {
  const c = new Customer(page);
  const start = Date.now();
  const mark = (step: string) => process.stdout.write(`  ${((Date.now() - start) / 1000).toFixed(1).padStart(5)} s  ${step}\n`);
  // Reads the page first.
  await c.wander(2500);
  await c.scroll(300);
  await c.wander(1500);
  await c.type('#fire-postal-code', '1000005');
  mark('#fire-address');
  await c.type('#fire-address', '東京都千代田区丸の内1-1-1');
  await c.clickOn('#fire-structure');
  await sleep(600);
  await page.keyboard.press('Escape');
  await page.selectOption('#fire-structure', 'T');
  await sleep(700);
  mark('#fire-floor-area');
  await c.type('#fire-floor-area', '82.5');
  await c.type('#fire-building-year', '1998');
  await c.clickOn('label[for=fire-contents]');
  await sleep(700);
  await c.clickOn('label[for=fire-earthquake]');
  await sleep(600);
  mark('#fire-applicant-name');
  await c.type('#fire-applicant-name', '山田 太郎');
  await c.type('#fire-applicant-kana', 'ヤマダ タロウ');
  await c.clickOn('#fire-birth-date');
  await page.fill('#fire-birth-date', '1954-04-12');
  await sleep(800);
  mark('#fire-email');
  await c.type('#fire-email', 'taro.yamada@example.jp', [90, 200]);
  // Submits too early: the error summary appears, the customer goes back.
  await c.clickOn('#fire-submit');
  await sleep(1500);
  await c.wander(800);
  mark('#fire-phone');
  await c.type('#fire-phone', '09012345678');
  await c.type('#fire-password', 'Sakura2024!', [150, 300]);
  await c.clickOn('label[for=fire-password-show]');
  await sleep(1000);
  await c.clickOn('label[for=fire-password-show]');
  await sleep(500);
  await c.clickOn('label[for=fire-agree]');
  await sleep(800);
  await c.clickOn('#fire-submit');
  await sleep(2000);
  mark('submitted');
  await c.scroll(-400);
  // Reads the confirmation until the minute is up.
  await c.wander(Math.max(2000, 60_000 - (Date.now() - start)));
  mark('done');
}

/**
 * Installed in the page: rrweb's recorder feeding a copy of the widget outbox's
 * batching. A string, because tsx would decorate a function's source with
 * helpers the page does not have.
 */
const inPageRecorder = (options: { batchIntervalMs: number; record: Record<string, unknown> }) => `(() => {
  const options = ${JSON.stringify(options)};
  const state = { t0: performance.now(), batches: [] };
  window.__bench = state;
  let buffer = [];
  let timer;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0) return;
    state.batches.push({ t: performance.now() - state.t0, events: buffer });
    buffer = [];
  };
  state.flush = flush;
  state.stop = window.rrweb.record({
    ...options.record,
    emit(event) {
      // Meta starts a snapshot and a batch of its own (as the widget's outbox does).
      if (event.type === 4 && buffer.length > 0) flush();
      buffer.push(event);
      timer ??= setTimeout(flush, options.batchIntervalMs);
    },
  });
})()`;

async function main(): Promise<void> {
  if (!existsSync(join(appDir, 'demo/fire/index.html'))) {
    throw new Error('client/dist/app/demo/fire/index.html is missing: run `npm run build` first');
  }
  const server = await startStaticServer();
  const { port } = server.address() as AddressInfo;
  const profile = mkdtempSync(join(tmpdir(), 'tsunagi-fixture-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 720 },
      locale: 'ja-JP',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/fire/`);
    await page.waitForSelector('#fire-form');
    await page.addScriptTag({ path: rrwebScript });
    await page.evaluate(inPageRecorder({ batchIntervalMs: BATCH_INTERVAL_MS, record: RECORD_OPTIONS }));
    const started = Date.now();
    await fillTheForm(page);
    const elapsed = Date.now() - started;
    const recorded = await page.evaluate<{ batches: FixtureBatch[]; durationMs: number }>(`(() => {
      const bench = window.__bench;
      bench.stop();
      bench.flush();
      return { batches: bench.batches, durationMs: performance.now() - bench.t0 };
    })()`);

    const durationMs = Math.round(recorded.durationMs);
    const batches = dropAttributeEchoes(recorded.batches.map((b) => ({ t: Math.round(b.t), events: b.events })));
    const fixture = describeFixture(batches, durationMs, {
      description:
        'A customer filling in the demo fire-insurance application (client/demo/fire) in Chromium, recorded with rrweb and batched as the widget does',
      recordedAt: new Date().toISOString(),
      rrweb: (JSON.parse(readFileSync(join(root, 'node_modules/rrweb/package.json'), 'utf8')) as { version: string }).version,
      recordOptions: RECORD_OPTIONS,
      viewport: { width: 1280, height: 720 },
      batchIntervalMs: BATCH_INTERVAL_MS,
    });
    writeFixture(fixture, `recorded ${(elapsed / 1000).toFixed(1)} s of customer activity on /fire/`);
  } finally {
    await context?.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

type FixtureHead = Omit<Fixture, 'durationMs' | 'stats' | 'batches'>;

function describeFixture(batches: FixtureBatch[], durationMs: number, head: FixtureHead): Fixture {
  const bytes = batches.reduce((sum, b) => sum + Buffer.byteLength(JSON.stringify(b.events)), 0);
  const events = batches.reduce((sum, b) => sum + b.events.length, 0);
  const stats = { batches: batches.length, events, bytes, rawKbitPerSecond: Number(((bytes * 8) / durationMs).toFixed(2)) };
  return { ...head, durationMs, stats, batches };
}

function writeFixture(fixture: Fixture, what: string): void {
  const { batches, stats, durationMs } = fixture;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(fixture)}\n`);
  const first = batches[0] ? Buffer.byteLength(JSON.stringify(batches[0].events)) : 0;
  process.stdout.write(
    [
      what,
      `  ${stats.batches} batches, ${stats.events} events, ${(stats.bytes / 1024).toFixed(1)} KiB of event JSON (first batch with the full snapshot: ${(first / 1024).toFixed(1)} KiB)`,
      `  raw rrweb traffic: ${stats.rawKbitPerSecond} kbit/s over ${(durationMs / 1000).toFixed(1)} s` +
        ` (${(((stats.bytes - first) * 8) / durationMs).toFixed(2)} kbit/s without the initial snapshot)`,
      `  written to ${outFile} (${(statSync(outFile).size / 1024).toFixed(1)} KiB)`,
      '',
    ].join('\n'),
  );
}

/** Re-applies the widget's filters to the fixture file as it is (no new recording: same flow, same timing). */
function refilter(): void {
  const { description, recordedAt, rrweb, recordOptions, viewport, batchIntervalMs, durationMs, batches } = loadFixture(outFile);
  const before = batches.length;
  const head = { description, recordedAt, rrweb, recordOptions, viewport, batchIntervalMs };
  const fixture = describeFixture(dropAttributeEchoes(batches), durationMs, head);
  writeFixture(fixture, `re-filtered ${outFile}: ${before} → ${fixture.batches.length} batches`);
}

if (process.argv.includes('--refilter')) refilter();
else await main();
