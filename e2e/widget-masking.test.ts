import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import type { RelayedBatch, WatchResponse } from '@tsunagi/shared';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import {
  ask,
  buildRecorderHarness,
  buildWidget,
  connectAgent,
  fixture,
  launchChromium,
  leaks,
  startSiteServer,
  typeInto,
  type SiteServer,
} from './fixtures/widget-browser.ts';

/**
 * Masked and blocked content must never leave the customer's browser.
 *
 * One fixture page holds every known leak path (COBROWSE-NOTES "Masking gaps
 * reported upstream"): passwords with show-password toggles (used before and
 * during sharing), card fields by autocomplete, a value attribute without a
 * live value, a React-style `value` attribute mirror, a hidden input (also
 * changed by script), a select, protected text/inputs/textarea/checkbox under
 * data-tsunagi-mask, a data-tsunagi-block area, and a site mask selector.
 *
 * Secrets are put in before recording starts (so they sit in the first full
 * snapshot) and typed while recording (input events, attribute mutations),
 * and a second full snapshot is taken afterwards. Ordinary fields are typed
 * too and MUST show up — otherwise "nothing leaked" would prove nothing.
 */

const PREFILLED_SECRETS = ['PrefillPw-3141', 'PrefillCard-4000123412341234', 'ReactAttr-Secret-99', 'PinBeforeToggle-11'];
const HTML_SECRETS = ['ATTR-ONLY-SECRET-77', 'HIDDEN-TOKEN-SECRET-1', 'MASKED-TEXT-SECRET-ABC', '高血圧', 'MASKED-TEXTAREA-DEFAULT', 'BLOCKED-CONTENT-SECRET-XYZ'];
const TYPED_SECRETS = [
  'TypedPw-2718',
  'ToggledPw-1618',
  'PinAfterToggle-22',
  'TypedCard-5555666677778888',
  'ExpSecret-1133',
  'CscSecret-739',
  'ReactTyped-4242',
  'POLICY-SECRET-8080',
  'MASKED-INPUT-SECRET',
  'MASKED-TA-TYPED',
  'BLOCKED-INPUT-SECRET',
  'HIDDEN-CHANGED-SECRET-2',
];
const ALL_SECRETS = [...PREFILLED_SECRETS, ...HTML_SECRETS, ...TYPED_SECRETS];
const VISIBLE = ['VISIBLE-TEXT-OK', 'PREFILL-VISIBLE-NAME', 'Yamada Taro', 'NOTES-VISIBLE-42'];

/** Clicks a field of `target` (the page, or a frame of it) and types into it with the page's keyboard. */
async function typeIn(page: Page, target: Page | Frame, selector: string, text: string): Promise<void> {
  if (target === page) return typeInto(page, selector, text);
  await target.click(selector);
  await page.keyboard.type(text, { delay: 5 });
}

/** Values set before recording: the first full snapshot sees them. `target`: the page, or the frame holding the fixture. */
async function prefill(page: Page, target: Page | Frame = page): Promise<void> {
  await target.evaluate(() => {
    const set = (id: string, value: string) => ((document.getElementById(id) as HTMLInputElement).value = value);
    set('name', 'PREFILL-VISIBLE-NAME');
    set('password', 'PrefillPw-3141');
    set('cc-number', 'PrefillCard-4000123412341234');
    // The attribute stays, the live value is emptied: rrweb copies the attribute verbatim.
    set('cc-name', '');
    // A framework writing the value into the attribute, as React does.
    document.getElementById('react-card')!.setAttribute('value', 'ReactAttr-Secret-99');
  });
  // A show-password toggle used before sharing starts.
  await typeIn(page, target, '#pin', 'PinBeforeToggle-11');
  await target.click('#toggle-pin');
}

/** What a customer does while sharing. `target`: the page, or the frame holding the fixture. */
async function typeEverything(page: Page, target: Page | Frame = page): Promise<void> {
  await target.fill('#name', '');
  await typeIn(page, target, '#name', 'Yamada Taro');
  await typeIn(page, target, '#password', 'TypedPw-2718');
  await target.click('#toggle'); // now type=text
  await typeIn(page, target, '#password', 'ToggledPw-1618');
  await typeIn(page, target, '#pin', 'PinAfterToggle-22');
  await typeIn(page, target, '#cc-number', 'TypedCard-5555666677778888');
  await typeIn(page, target, '#cc-exp', 'ExpSecret-1133');
  await typeIn(page, target, '#cc-csc', 'CscSecret-739');
  await target.selectOption('#cc-exp-month', '07');
  await typeIn(page, target, '#react-card', 'ReactTyped-4242');
  await typeIn(page, target, '#policy-number', 'POLICY-SECRET-8080');
  await typeIn(page, target, '#masked-input', 'MASKED-INPUT-SECRET');
  await typeIn(page, target, '#masked-textarea', 'MASKED-TA-TYPED');
  await target.check('#masked-check');
  await typeIn(page, target, '#blocked-input', 'BLOCKED-INPUT-SECRET');
  await typeIn(page, target, '#notes', 'NOTES-VISIBLE-42');
  await target.selectOption('#plan', 'premium');
  await target.evaluate(() => {
    const hidden = document.getElementById('hidden-token') as HTMLInputElement;
    hidden.value = 'HIDDEN-CHANGED-SECRET-2';
    hidden.setAttribute('value', 'HIDDEN-CHANGED-SECRET-2');
  });
}

interface SerializedNode {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}
type AnyEvent = { type: number; data: Record<string, unknown> };

/**
 * Every serialisation of a whole document, in order: full snapshots, and the
 * documents of same-origin frames, which rrweb sends as mutations that
 * attach them to their iframe (after each full snapshot, and on load).
 */
/** A relayed batch's events (they travel as JSON text). */
function eventsOf(batch: RelayedBatch): AnyEvent[] {
  return JSON.parse(batch.eventsJson) as AnyEvent[];
}

function documentSnapshots(events: AnyEvent[]): SerializedNode[] {
  return events.flatMap((event) => {
    if (event.type === 2) return [event.data.node as SerializedNode];
    if (event.type === 3 && event.data.source === 0 && event.data.isAttachIframe) {
      return (event.data.adds as { node: SerializedNode }[]).map((add) => add.node);
    }
    return [];
  });
}

/** rrweb node ids of elements by their DOM id, from every full snapshot (and attached frame document). */
function nodeIdsByDomId(events: AnyEvent[]): Map<string, number[]> {
  const ids = new Map<string, number[]>();
  const walk = (node: SerializedNode) => {
    const domId = node.attributes?.id;
    if (typeof domId === 'string') ids.set(domId, [...(ids.get(domId) ?? []), node.id]);
    node.childNodes?.forEach(walk);
  };
  for (const root of documentSnapshots(events)) walk(root);
  return ids;
}

/** Structural checks a substring search cannot make: selected option, checked state. */
function assertStructure(events: AnyEvent[]): void {
  const ids = nodeIdsByDomId(events);
  const monthIds = ids.get('cc-exp-month') ?? [];
  const checkIds = ids.get('masked-check') ?? [];
  expect(monthIds.length).toBeGreaterThan(0);
  expect(checkIds.length).toBeGreaterThan(0);
  const inputs = events.filter((e) => e.type === 3 && e.data.source === 5) as unknown as { data: { id: number; text: string; isChecked: boolean } }[];
  const monthInputs = inputs.filter((e) => monthIds.includes(e.data.id));
  expect(monthInputs.length).toBeGreaterThan(0);
  for (const e of monthInputs) expect(e.data.text).toMatch(/^\**$/);
  const checkInputs = inputs.filter((e) => checkIds.includes(e.data.id));
  expect(checkInputs.length).toBeGreaterThan(0);
  for (const e of checkInputs) expect(e.data.isChecked).toBe(false);
  // In snapshots: no selected option under the card-month select, no checked protected checkbox.
  const walk = (node: SerializedNode, inMonth: boolean) => {
    if (node.attributes?.id === 'masked-check') expect(node.attributes).not.toHaveProperty('checked');
    if (inMonth && node.tagName === 'option') expect(node.attributes).not.toHaveProperty('selected');
    if (node.attributes?.id === 'cc-exp-month' && typeof node.attributes.value === 'string') expect(node.attributes.value).toMatch(/^\**$/);
    node.childNodes?.forEach((c) => walk(c, inMonth || node.attributes?.id === 'cc-exp-month'));
  };
  for (const root of documentSnapshots(events)) walk(root, false);
  // An ordinary select keeps its choice in a snapshot, or a late viewer sees the default.
  const hasPlan = (node: SerializedNode): boolean => node.attributes?.id === 'plan' || (node.childNodes ?? []).some(hasPlan);
  const lastSnapshot = documentSnapshots(events).filter(hasPlan).at(-1)!;
  const selected: string[] = [];
  const findPlan = (node: SerializedNode, inPlan: boolean) => {
    if (inPlan && node.tagName === 'option' && node.attributes?.selected) selected.push(String(node.attributes.value));
    node.childNodes?.forEach((c) => findPlan(c, inPlan || node.attributes?.id === 'plan'));
  };
  findPlan(lastSnapshot, false);
  expect(selected).toEqual(['premium']);
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('widget recorder masking (in the page, before the transport)', () => {
  it('emits no masked or blocked value in snapshots, inputs or mutations, and does emit ordinary input', async () => {
    const harness = await buildRecorderHarness();
    const page = await browser.newPage();
    try {
      await page.route('http://insurer.test/**', (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixture('widget-masking.html') }),
      );
      await page.goto('http://insurer.test/payment');
      await page.addScriptTag({ content: harness });
      await prefill(page);
      await page.evaluate(() => window.__tsunagiHarness!.start({ mask: ['#policy-number'], block: [] }));
      await typeEverything(page);
      // A checkout: the full snapshot after typing holds every current value.
      await page.evaluate(() => window.__tsunagiHarness!.snapshot());
      await page.waitForTimeout(200);
      const events = (await page.evaluate(() => window.__tsunagiHarness!.events)) as AnyEvent[];
      const all = JSON.stringify(events);

      expect(events.filter((e) => e.type === 2)).toHaveLength(2);
      expect(leaks(all, ALL_SECRETS)).toEqual([]);
      expect(VISIBLE.filter((v) => !all.includes(v))).toEqual([]);
      assertStructure(events);
      // Masked, not removed: the agent sees that something is there.
      expect(all).toMatch(/"\*{12,}"/);
    } finally {
      await page.close();
    }
  });

  it('masks a same-origin frame exactly like the page: its snapshots, inputs and mutations', async () => {
    const harness = await buildRecorderHarness();
    const page = await browser.newPage();
    try {
      await page.route('http://insurer.test/**', (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: route.request().url().endsWith('/frame')
            ? fixture('widget-masking.html')
            : '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>outer</title></head><body><h1>OUTER-PAGE-VISIBLE</h1><iframe id="payment-frame" title="payment" src="/frame" style="width: 900px; height: 1400px"></iframe></body></html>',
        }),
      );
      await page.goto('http://insurer.test/outer');
      const frame = page.frames().find((f) => f.url().endsWith('/frame'))!;
      await frame.waitForFunction(() => document.readyState === 'complete');
      // As in the widget, password fields are remembered from page load on — the frame's too.
      await page.addScriptTag({ content: harness });
      await prefill(page, frame);
      await page.evaluate(() => window.__tsunagiHarness!.start({ mask: ['#policy-number'], block: [] }));
      await typeEverything(page, frame);
      await page.evaluate(() => window.__tsunagiHarness!.snapshot());
      // The frame's document follows each full snapshot as an attach mutation.
      const attached = () =>
        page.evaluate(() => (window.__tsunagiHarness!.events as AnyEvent[]).filter((e) => e.type === 3 && e.data.isAttachIframe).length);
      await expect.poll(attached).toBeGreaterThanOrEqual(2);
      const events = (await page.evaluate(() => window.__tsunagiHarness!.events)) as AnyEvent[];
      const all = JSON.stringify(events);

      expect(events.filter((e) => e.type === 2)).toHaveLength(2);
      expect(leaks(all, ALL_SECRETS)).toEqual([]);
      expect([...VISIBLE, 'OUTER-PAGE-VISIBLE'].filter((v) => !all.includes(v))).toEqual([]);
      assertStructure(events);
      expect(all).toMatch(/"\*{12,}"/);
    } finally {
      await page.close();
    }
  });
});

describe('widget masking on the wire and in the store (real server)', () => {
  let server: TestServer;
  let widget: string;
  let site: SiteServer;

  beforeAll(async () => {
    [server, widget] = await Promise.all([startTestServer(), buildWidget()]);
    site = await startSiteServer({
      '/insurer/payment': () =>
        fixture('widget-masking.html').replace('<!--WIDGET-->', `<script src="${server.url}/widget.js" async data-mask="#policy-number"></script>`),
    });
  });

  afterAll(async () => {
    await site?.close();
    await server?.destroy();
  });

  it('sends, relays and stores no masked value; ordinary input does arrive', async () => {
    const page = await browser.newPage();
    const framesSent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (frame) => framesSent.push(String(frame.payload))));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.log('[page]', m.type(), m.text());
    });
    page.on('pageerror', (e) => console.log('[pageerror]', e));
    const sockets: Socket[] = [];
    try {
      // The insurer's site on its own origin; the widget and API on the Tsunagi server's.
      await page.route(`${server.url}/widget.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: widget }));
      await page.goto(`${site.url}/insurer/payment`);
      await prefill(page);

      await page.getByTestId('tsunagi-launcher').click();
      await page.getByTestId('tsunagi-agree').click();
      const code = await page.getByTestId('tsunagi-code').getAttribute('data-code', { timeout: 10_000 });
      expect(code).toMatch(/^\d{6}$/);

      await typeEverything(page);

      // An agent joins by code and watches: the server asks for a fresh full snapshot.
      const agent = await connectAgent(server.url);
      sockets.push(agent);
      const relayed: RelayedBatch[] = [];
      agent.on('replay:batch', (batch: RelayedBatch) => relayed.push(batch));
      const { sessionId } = await ask<{ sessionId: string }>(agent, 'session:join-code', { code });
      const watched = await ask<WatchResponse>(agent, 'session:watch', { sessionId });
      await page.getByTestId('tsunagi-sharing-bar').waitFor();
      await expect.poll(() => relayed.some((b) => eventsOf(b).some((e) => e.type === 2)), { timeout: 10_000 }).toBe(true);
      await page.waitForTimeout(500);

      const stored = await server.storage.db
        .selectFrom('event_batches')
        .select(['stream_id', 'seq', 'events'])
        .where('session_id', '=', sessionId)
        .orderBy('id')
        .execute();
      const storedEvents = stored.flatMap((row) => JSON.parse(row.events) as AnyEvent[]);
      const storedText = JSON.stringify(storedEvents);
      const relayedText = JSON.stringify([...watched.checkpoint, ...relayed].map(eventsOf));
      const wireText = framesSent.join('\n');

      expect(storedEvents.filter((e) => e.type === 2).length).toBeGreaterThanOrEqual(2);
      for (const [where, text] of [
        ['wire', wireText],
        ['store', storedText],
        ['relay', relayedText],
      ] as const) {
        expect(leaks(text, ALL_SECRETS), where).toEqual([]);
        expect(
          VISIBLE.filter((v) => !text.includes(v)),
          where,
        ).toEqual([]);
        // The widget's own UI is not part of the recording.
        expect(leaks(text, ['画面共有でサポート', '同意して共有する', '担当者にこの番号をお伝えください', '共有をやめる']), where).toEqual([]);
      }
      assertStructure(storedEvents);
      // Stored in order, one stream, seq 1..n without gaps.
      expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => i + 1));
    } finally {
      for (const s of sockets) s.disconnect();
      await page.close();
    }
  });
});

