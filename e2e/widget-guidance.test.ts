import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import type { ChatMessage, ControlAction, LiveSession } from '@tsunagi/shared';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { rooms } from '../server/src/features/cobrowse/rooms.ts';
import { ask, buildWidget, connectAgent, launchChromium, repoRoot } from './fixtures/widget-browser.ts';

/**
 * Guidance on the customer's side, in Chromium against the real server and
 * the demo insurer site it serves: the agent's pointer and highlight land
 * on the right element (also after the customer scrolls), the chat works
 * both ways (Japanese, links, IME), and remote control acts only after the
 * customer allowed it, never into protected fields, and stops on Esc — also
 * when the server relays an action anyway. The agent is a socket.io client;
 * node ids come from the full snapshot the widget stored, as the agent's
 * replay knows them. Screenshots go to .artifacts/widget-guidance/.
 */

const SHOTS = resolve(repoRoot, '.artifacts/widget-guidance');

interface StoredEvent {
  stream: string;
  type: number;
  data: unknown;
}

interface SerializedNode {
  id: number;
  type: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

let browser: Browser;
let widget: string;
let server: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, widget, server] = await Promise.all([launchChromium(), buildWidget(), startTestServer()]);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await browser?.close();
  await server?.destroy();
});

interface Shared {
  context: BrowserContext;
  page: Page;
  agent: Socket;
  sessionId: string;
}

/** The customer opens a demo page (with the widget as built from source), shares, and agent1 joins and watches. */
async function share(path: string): Promise<Shared> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 }, locale: 'ja-JP' });
  await context.route(`${server.url}/widget.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: widget }));
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e));
  await page.goto(server.url + path);
  await page.getByTestId('tsunagi-launcher').click();
  await page.getByTestId('tsunagi-agree').click();
  await expect.poll(() => page.getByTestId('tsunagi-code').getAttribute('data-code')).toMatch(/^\d{6}$/);
  const code = (await page.getByTestId('tsunagi-code').getAttribute('data-code'))!;
  const agent = await connectAgent(server.url, 'agent1');
  sockets.push(agent);
  const { sessionId } = await ask<LiveSession>(agent, 'session:join-code', { code });
  await ask(agent, 'session:watch', { sessionId });
  await expect.poll(() => page.getByTestId('tsunagi-sharing-title').getAttribute('data-agent'), { timeout: 10_000 }).toBe('佐藤 花子');
  return { context, page, agent, sessionId };
}

async function storedEvents(sessionId: string): Promise<StoredEvent[]> {
  const rows = await server.storage.db
    .selectFrom('event_batches')
    .select(['stream_id', 'events'])
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => (JSON.parse(row.events) as { type: number; data: unknown }[]).map((e) => ({ stream: row.stream_id, ...e })));
}

/** Custom events (rrweb type 5) with this tag, in order. */
async function markers(sessionId: string, tag: string): Promise<Record<string, unknown>[]> {
  return (await storedEvents(sessionId))
    .filter((e) => e.type === 5 && (e.data as { tag: string }).tag === tag)
    .map((e) => (e.data as { payload: Record<string, unknown> }).payload);
}

/**
 * The node id rrweb gave the element matching `match` in the current page's
 * stream, read from the stored full snapshots and added nodes — exactly what
 * the agent's replay knows.
 */
async function nodeId(sessionId: string, match: (node: SerializedNode) => boolean): Promise<number> {
  let found: number | null = null;
  await expect
    .poll(
      async () => {
        const events = await storedEvents(sessionId);
        const stream = events[events.length - 1]?.stream;
        found = null;
        const walk = (node: SerializedNode) => {
          if (match(node)) found = node.id;
          for (const child of node.childNodes ?? []) walk(child);
        };
        for (const event of events) {
          if (event.stream !== stream) continue;
          if (event.type === 2) walk((event.data as { node: SerializedNode }).node);
          const data = event.data as { source?: number; adds?: { node: SerializedNode }[] };
          if (event.type === 3 && data.source === 0) for (const add of data.adds ?? []) walk(add.node);
        }
        return found;
      },
      { timeout: 10_000 },
    )
    .not.toBeNull();
  return found!;
}

const byId = (id: string) => (node: SerializedNode) => node.attributes?.id === id;

/** The page's own box of an element: where the pointer must be. */
function expectedPoint(page: Page, selector: string, x: number, y: number) {
  return page.evaluate(
    ([sel, fx, fy]) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return { x: r.left + fx * r.width, y: r.top + fy * r.height };
    },
    [selector, x, y] as const,
  );
}

function widgetBox(page: Page, testId: string) {
  return page.evaluate((id) => {
    const el = document.querySelector('tsunagi-widget')!.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!el || el.hidden) return null;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return { x: r.left, y: r.top, width: r.width, height: r.height, text: el.textContent, opacity: Number(style.opacity), pointerEvents: style.pointerEvents, ariaHidden: el.getAttribute('aria-hidden') };
  }, testId);
}

/** WCAG 2.1 A/AA as axe checks it, looking into the widget's shadow root; no violation anywhere on the page. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(found, screen).toEqual([]);
  const inWidget = results.passes.flatMap((rule) => rule.nodes).filter((node) => Array.isArray(node.target[0]) && node.target[0][0] === 'tsunagi-widget');
  expect(inWidget.length, `${screen}: axe saw nothing inside the widget`).toBeGreaterThan(0);
}

/** Polls until the pointer sits on the expected point of `selector` (recomputed each time: the page may be scrolling). */
async function pointerLandsOn(page: Page, selector: string, x: number, y: number) {
  await expect
    .poll(
      async () => {
        const [at, want] = await Promise.all([widgetBox(page, 'tsunagi-pointer'), expectedPoint(page, selector, x, y)]);
        return at ? Math.max(Math.abs(at.x - want.x), Math.abs(at.y - want.y)) : Infinity;
      },
      { timeout: 5000 },
    )
    .toBeLessThanOrEqual(2);
}

/** The stream of the page the customer's tab shows now, as the server holds it: what guidance names. */
async function currentStream(sessionId: string): Promise<string> {
  const live = await server.app.cobrowse.liveSession((await server.app.sessions.get(sessionId))!);
  return live.tabs.find((tab) => tab.active)!.streamId;
}

/** Sends an action as a server that ignores consent would: straight to the customer's sockets. */
async function relayRegardless(sessionId: string, action: ControlAction): Promise<void> {
  const streamId = await currentStream(sessionId);
  server.app.io.of('/customer').to(rooms.customer(sessionId)).emit('control:action', { streamId, action });
}

describe('pointer and highlight', () => {
  it('draws the agent’s pointer on the element’s point, labelled, following the customer’s scrolling', async () => {
    const { context, page, agent, sessionId } = await share('/fire/');
    try {
      const heading = await nodeId(sessionId, (n) => n.tagName === 'h1');
      const submit = await nodeId(sessionId, byId('fire-submit'));
      await ask(agent, 'guide:pointer', { sessionId, streamId: await currentStream(sessionId), point: { nodeId: heading, x: 0.25, y: 0.5 } });
      await pointerLandsOn(page, 'h1', 0.25, 0.5);
      const pointer = (await widgetBox(page, 'tsunagi-pointer'))!;
      expect(pointer.text).toBe('佐藤 花子');
      expect(pointer.pointerEvents).toBe('none');
      expect(pointer.ariaHidden).toBe('true');
      await page.screenshot({ path: `${SHOTS}/1-pointer.png` });

      // The customer scrolls: the pointer stays on the same spot of the element.
      await ask(agent, 'guide:pointer', { sessionId, streamId: await currentStream(sessionId), point: { nodeId: submit, x: 0.5, y: 0.5 } });
      await page.evaluate(() => document.getElementById('fire-submit')!.scrollIntoView({ block: 'center' }));
      await pointerLandsOn(page, '#fire-submit', 0.5, 0.5);
      await page.mouse.wheel(0, -200);
      await pointerLandsOn(page, '#fire-submit', 0.5, 0.5);
      await page.screenshot({ path: `${SHOTS}/1b-pointer-scrolled.png` });

      // Inside a scrolled container too.
      await page.evaluate(() => {
        const box = document.createElement('div');
        box.id = 'guide-scroller';
        box.style.cssText = 'height:120px;overflow:auto;border:1px solid #888;margin:8px';
        box.innerHTML = '<div style="height:300px"></div><p id="guide-deep" style="margin:0;height:40px">deep</p><div style="height:300px"></div>';
        document.querySelector('h1')!.after(box);
        box.scrollIntoView({ block: 'center' });
      });
      const deep = await nodeId(sessionId, byId('guide-deep'));
      await page.evaluate(() => (document.getElementById('guide-scroller')!.scrollTop = 240));
      await ask(agent, 'guide:pointer', { sessionId, streamId: await currentStream(sessionId), point: { nodeId: deep, x: 0.1, y: 0.5 } });
      await pointerLandsOn(page, '#guide-deep', 0.1, 0.5);
      await page.evaluate(() => (document.getElementById('guide-scroller')!.scrollTop = 200));
      await pointerLandsOn(page, '#guide-deep', 0.1, 0.5);

      // A burst of moves (30 in ~1 s) is recorded as a few markers, ending with the last point.
      const before = (await markers(sessionId, 'tsunagi:pointer')).length;
      const started = Date.now();
      for (let i = 0; i <= 30; i++) {
        await ask(agent, 'guide:pointer', { sessionId, streamId: await currentStream(sessionId), point: { nodeId: heading, x: i / 30, y: 0.5 } });
        await new Promise((r) => setTimeout(r, 30));
      }
      const seconds = (Date.now() - started) / 1000;
      await expect.poll(async () => (await markers(sessionId, 'tsunagi:pointer')).at(-1)).toEqual({ point: { nodeId: heading, x: 1, y: 0.5 } });
      const burst = (await markers(sessionId, 'tsunagi:pointer')).length - before;
      expect(burst).toBeGreaterThanOrEqual(2);
      expect(burst).toBeLessThanOrEqual(Math.ceil(seconds * 5) + 2);

      // The overlay is the widget's own: nothing of it is in the recording.
      const recorded = JSON.stringify(await storedEvents(sessionId));
      expect(recorded).not.toContain('tsunagi-pointer');
      expect(recorded).not.toContain('pointer-label');

      // Null hides it at once.
      await ask(agent, 'guide:pointer', { sessionId, streamId: await currentStream(sessionId), point: null });
      await expect.poll(() => widgetBox(page, 'tsunagi-pointer')).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('hides the pointer after 5 s without moves', async () => {
    const { context, page, agent, sessionId } = await share('/');
    try {
      const heading = await nodeId(sessionId, (n) => n.tagName === 'h1');
      await ask(agent, 'guide:pointer', { sessionId, streamId: await currentStream(sessionId), point: { nodeId: heading, x: 0.5, y: 0.5 } });
      await expect.poll(() => widgetBox(page, 'tsunagi-pointer')).not.toBeNull();
      await page.waitForTimeout(4000);
      expect(await widgetBox(page, 'tsunagi-pointer')).not.toBeNull();
      await expect.poll(() => widgetBox(page, 'tsunagi-pointer'), { timeout: 3000 }).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('scrolls a highlighted element into view and rings it for ~3 s, then fades', async () => {
    const { context, page, agent, sessionId } = await share('/fire/');
    try {
      const submit = await nodeId(sessionId, byId('fire-submit'));
      expect(await page.evaluate(() => document.getElementById('fire-submit')!.getBoundingClientRect().top > innerHeight)).toBe(true);
      const focusBefore = await page.evaluate(() => {
        (window as unknown as { focusBefore: Element | null }).focusBefore = document.activeElement;
        return document.activeElement?.tagName;
      });
      await ask(agent, 'guide:highlight', { sessionId, streamId: await currentStream(sessionId), nodeId: submit });
      // Scrolled into view (smoothly) and the ring sits 4 px around the element.
      await expect
        .poll(
          async () => {
            const [ring, el] = await Promise.all([
              widgetBox(page, 'tsunagi-highlight'),
              page.evaluate(() => {
                const r = document.getElementById('fire-submit')!.getBoundingClientRect();
                return { x: r.left, y: r.top, width: r.width, height: r.height, visible: r.top >= 0 && r.bottom <= innerHeight };
              }),
            ]);
            if (!ring || !el.visible) return Infinity;
            return Math.max(Math.abs(ring.x + 4 - el.x), Math.abs(ring.y + 4 - el.y), Math.abs(ring.width - 8 - el.width), Math.abs(ring.height - 8 - el.height));
          },
          { timeout: 5000 },
        )
        .toBeLessThanOrEqual(1.5);
      const ring = (await widgetBox(page, 'tsunagi-highlight'))!;
      expect(ring.pointerEvents).toBe('none');
      expect(ring.ariaHidden).toBe('true');
      await page.screenshot({ path: `${SHOTS}/2-highlight.png` });
      // Focus stays where it was: nothing disruptive.
      expect(focusBefore).toBeDefined();
      expect(await page.evaluate(() => document.activeElement === (window as unknown as { focusBefore: Element | null }).focusBefore)).toBe(true);
      await expect.poll(() => widgetBox(page, 'tsunagi-highlight'), { timeout: 6000 }).toBeNull();
      await expect.poll(() => markers(sessionId, 'tsunagi:highlight')).toEqual([{ nodeId: submit, shown: true }]);
      expect(JSON.stringify(await storedEvents(sessionId))).not.toContain('tsunagi-highlight');
    } finally {
      await context.close();
    }
  });
});

describe('chat', () => {
  it('goes both ways in Japanese, with safe links, an unread badge, and an IME Enter that does not send', async () => {
    const { context, page, agent, sessionId } = await share('/fire/');
    try {
      const atAgent: ChatMessage[] = [];
      agent.on('chat:message', (m: ChatMessage) => atAgent.push(m));
      await ask(agent, 'chat:send', {
        sessionId,
        text: 'こんにちは、担当の佐藤です。\n詳しくは https://example.jp/faq?q=1 をご覧ください。javascript:alert(1) <b>太字</b>',
      });
      const badge = page.getByTestId('tsunagi-chat-unread');
      await expect.poll(() => badge.textContent()).toBe('1');
      expect(await page.getByTestId('tsunagi-chat-toggle').textContent()).toContain('未読 1 件');
      await expect.poll(() => page.getByTestId('tsunagi-guidance-live').textContent()).toContain('佐藤 花子さんからのメッセージ：こんにちは');

      await page.getByTestId('tsunagi-chat-toggle').click();
      expect(await page.getByTestId('tsunagi-chat-toggle').getAttribute('aria-expanded')).toBe('true');
      expect(await badge.isVisible()).toBe(false);
      const message = page.getByTestId('tsunagi-chat-message').first();
      expect(await message.getAttribute('data-from')).toBe('staff');
      expect(await message.textContent()).toContain('佐藤 花子');
      expect(await message.getByTestId('tsunagi-chat-time').textContent()).toMatch(/^\d{2}:\d{2}$/);
      const links = await message.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })));
      expect(links).toEqual([{ href: 'https://example.jp/faq?q=1', target: '_blank', rel: 'noopener noreferrer' }]);
      expect(await message.locator('b, script, [onerror]').count()).toBe(0);
      expect(await message.textContent()).toContain('<b>太字</b>');
      // The text box has focus: the customer answers at once.
      expect(await page.evaluate(() => document.querySelector('tsunagi-widget')!.shadowRoot!.activeElement?.id)).toBe('tsunagi-chat-input');

      // Shift+Enter is a new line; Enter sends.
      await page.keyboard.insertText('カード番号の欄が');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.insertText('わかりません');
      // An IME conversion confirmed with Enter (Chrome's real event order, through CDP): no send.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'にゅうりょく', selectionStart: 6, selectionEnd: 6 });
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
      await cdp.send('Input.insertText', { text: '入力' });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
      await page.waitForTimeout(500);
      expect(atAgent.filter((m) => m.from === 'customer')).toEqual([]);
      expect(await page.getByTestId('tsunagi-chat-input').inputValue()).toBe('カード番号の欄が\nわかりません入力');
      await page.keyboard.press('Enter');
      await expect.poll(() => atAgent.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual(['カード番号の欄が\nわかりません入力']);
      await expect.poll(() => page.getByTestId('tsunagi-chat-input').inputValue()).toBe('');
      await expect.poll(() => page.getByTestId('tsunagi-chat-message').count()).toBe(2);
      expect(await page.getByTestId('tsunagi-chat-message').last().getAttribute('data-from')).toBe('customer');
      expect(await page.getByTestId('tsunagi-chat-message').last().textContent()).toContain('あなた');
      await page.screenshot({ path: `${SHOTS}/3-chat-ja.png` });
      await expectAccessible(page, 'chat panel (ja)');
      // The conversation lives in the widget, not in the page recording (it is stored as chat).
      await page.waitForTimeout(300);
      const recorded = JSON.stringify(await storedEvents(sessionId));
      for (const text of ['わかりません', 'こんにちは、担当の佐藤です', 'tsunagi-chat']) expect(recorded).not.toContain(text);

      // A page load: the history comes back once (no duplicates), the panel stays open, nothing is unread.
      await page.reload();
      await expect.poll(() => page.getByTestId('tsunagi-chat-message').count(), { timeout: 10_000 }).toBe(2);
      expect(await page.getByTestId('tsunagi-chat-panel').isVisible()).toBe(true);
      expect(await page.getByTestId('tsunagi-chat-unread').isVisible()).toBe(false);

      // English: the site switches language, the chat follows.
      await page.locator('#lang-toggle').click();
      await expect.poll(() => page.getByTestId('tsunagi-chat-toggle').textContent()).toContain('Chat');
      expect(await page.getByTestId('tsunagi-chat-message').last().textContent()).toContain('You');
      await ask(agent, 'chat:send', { sessionId, text: 'Thank you. I will highlight the field.' });
      await expect.poll(() => page.getByTestId('tsunagi-chat-message').count()).toBe(3);
      await page.screenshot({ path: `${SHOTS}/3b-chat-en.png` });

      // Closed: a new message raises the badge again.
      await page.getByTestId('tsunagi-chat-toggle').click();
      await ask(agent, 'chat:send', { sessionId, text: 'Are you still there?' });
      await expect.poll(() => page.getByTestId('tsunagi-chat-unread').textContent()).toBe('1');
      expect(await page.getByTestId('tsunagi-chat-toggle').textContent()).toContain('1 unread');
      await page.screenshot({ path: `${SHOTS}/3c-chat-unread-en.png` });
      await expectAccessible(page, 'sharing bar with unread chat (en)');
    } finally {
      await context.close();
    }
  });

  it('works while the customer waits for an agent', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    await context.route(`${server.url}/widget.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: widget }));
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/payment/`);
      await page.getByTestId('tsunagi-launcher').click();
      await page.getByTestId('tsunagi-agree').click();
      const code = (await page.getByTestId('tsunagi-code').getAttribute('data-code'))!;
      await page.getByTestId('tsunagi-chat-toggle').click();
      await page.getByTestId('tsunagi-chat-input').fill('耳が聞こえないので文字でお願いします');
      await page.getByTestId('tsunagi-chat-send').click();
      await expect.poll(() => page.getByTestId('tsunagi-chat-message').count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/3d-chat-waiting-ja.png` });
      // On a phone the conversation opens inside the panel; Send and Stop stay reachable.
      await page.setViewportSize({ width: 390, height: 740 });
      await page.getByTestId('tsunagi-chat-send').scrollIntoViewIfNeeded();
      expect(await page.getByTestId('tsunagi-chat-send').isVisible()).toBe(true);
      await page.screenshot({ path: `${SHOTS}/3e-chat-waiting-phone-ja.png` });
      await page.setViewportSize({ width: 1024, height: 720 });
      const agent = await connectAgent(server.url, 'agent2');
      sockets.push(agent);
      const { sessionId } = await ask<LiveSession>(agent, 'session:join-code', { code });
      const history = await ask<{ messages: ChatMessage[] }>(agent, 'chat:history', { sessionId });
      expect(history.messages.map((m) => m.text)).toEqual(['耳が聞こえないので文字でお願いします']);
      // The panel moves to the sharing bar with the conversation and the focus.
      await page.getByTestId('tsunagi-chat-input').focus();
      await page.getByTestId('tsunagi-sharing-bar').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('tsunagi-chat-message').count()).toBe(1);
      expect(await page.evaluate(() => document.querySelector('tsunagi-widget')!.shadowRoot!.activeElement?.id)).toBe('tsunagi-chat-input');
    } finally {
      await context.close();
    }
  });
});

describe('remote control', () => {
  it('asks first, then acts on the React form; refuses protected fields, the widget and other origins; Esc stops it at once', async () => {
    const { context, page, agent, sessionId } = await share('/fire/');
    const control = async () => (await server.app.sessions.get(sessionId))?.control_state;
    try {
      const nameId = await nodeId(sessionId, byId('fire-applicant-name'));
      const langToggle = await nodeId(sessionId, byId('lang-toggle'));
      const submit = await nodeId(sessionId, byId('fire-submit'));
      const structure = await nodeId(sessionId, byId('fire-structure'));
      const earthquake = await nodeId(sessionId, byId('fire-earthquake'));
      const documentId = await nodeId(sessionId, (n) => n.type === 0);

      // Nothing before consent, whatever the server sends.
      await relayRegardless(sessionId, { kind: 'input', nodeId: nameId, value: 'NOT-GRANTED' });
      await expect.poll(async () => (await markers(sessionId, 'tsunagi:control')).at(-1)).toEqual({ type: 'refused', kind: 'input', nodeId: nameId, reason: 'not_granted' });
      expect(await page.locator('#fire-applicant-name').inputValue()).toBe('');

      // Request → a modal dialog that explains; focus on its heading.
      await page.locator('#fire-address').focus();
      await ask(agent, 'control:request', { sessionId });
      const dialog = page.getByRole('dialog', { name: '担当者に操作を任せますか？' });
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      const text = await dialog.textContent();
      for (const phrase of ['佐藤 花子 さん', 'クリック・入力・スクロール', '保護された項目には入力できません', 'Esc キー']) expect(text).toContain(phrase);
      expect(await page.evaluate(() => document.querySelector('tsunagi-widget')!.shadowRoot!.activeElement?.id)).toBe('tsunagi-control-title');
      await page.screenshot({ path: `${SHOTS}/4-control-dialog-ja.png` });
      await expectAccessible(page, 'control dialog (ja)');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.querySelector('tsunagi-widget')!.shadowRoot!.activeElement?.getAttribute('data-testid'))).toBe('tsunagi-control-allow');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      // Focus goes back where the customer was.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('fire-address');
      await expect.poll(control).toBe('granted');
      const status = page.getByTestId('tsunagi-control-status');
      await expect.poll(() => status.textContent()).toBe('佐藤 花子 さんが操作しています');
      await page.screenshot({ path: `${SHOTS}/5-controlling-ja.png` });
      await expectAccessible(page, 'controlling bar (ja)');

      // Typing into the React-controlled field: React's state takes it (a re-render keeps it).
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'input', nodeId: nameId, value: '山田 太郎' } });
      await expect.poll(() => page.locator('#fire-applicant-name').inputValue()).toBe('山田 太郎');
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'select', nodeId: structure, value: 'T' } });
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'select', nodeId: structure, value: 'NO-SUCH-OPTION' } });
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'check', nodeId: earthquake, checked: true } });
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'scroll', nodeId: documentId, top: 400, left: 0 } });
      await expect.poll(() => page.evaluate(() => scrollY)).toBe(400);
      expect(await page.locator('#fire-structure').inputValue()).toBe('T');
      expect(await page.locator('#fire-earthquake').isChecked()).toBe(true);
      // A click on a button changes the page: the language toggle re-renders everything.
      const toggle = await page.locator('#lang-toggle').boundingBox();
      expect(toggle).not.toBeNull();
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'click', point: { nodeId: langToggle, x: 0.5, y: 0.5 } } });
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      // React re-rendered every field from its state: the agent's changes are in it.
      expect(await page.locator('#fire-applicant-name').inputValue()).toBe('山田 太郎');
      expect(await page.locator('#fire-structure').inputValue()).toBe('T');
      expect(await page.locator('#fire-earthquake').isChecked()).toBe(true);
      await expect.poll(() => status.textContent()).toBe('佐藤 花子 is controlling this page');
      await page.screenshot({ path: `${SHOTS}/5b-controlling-en.png` });
      // Submitting: every empty field gets an error, the name typed by the agent does not.
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'click', point: { nodeId: submit, x: 0.5, y: 0.5 } } });
      await expect.poll(() => page.locator('#fire-address').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#fire-applicant-name').getAttribute('aria-invalid')).toBeNull();
      expect(await page.locator('#fire-structure').getAttribute('aria-invalid')).toBeNull();

      // The widget itself is out of reach.
      const host = await nodeId(sessionId, (n) => n.tagName === 'tsunagi-widget');
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'click', point: { nodeId: host, x: 0.5, y: 0.5 } } });
      // A link to another origin and a script link are refused; the page stays.
      await page.evaluate(() => {
        const add = (id: string, href: string) => {
          const a = document.createElement('a');
          a.id = id;
          a.href = href;
          a.textContent = id;
          document.querySelector('h1')!.after(a);
        };
        add('evil-link', 'https://evil.example/phish');
        add('script-link', 'javascript:document.title="pwned"');
      });
      const evil = await nodeId(sessionId, byId('evil-link'));
      const script = await nodeId(sessionId, byId('script-link'));
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'click', point: { nodeId: evil, x: 0.5, y: 0.5 } } });
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'click', point: { nodeId: script, x: 0.5, y: 0.5 } } });
      await expect.poll(async () => (await markers(sessionId, 'tsunagi:control')).filter((m) => m.type === 'refused').length).toBe(5);
      expect(page.url()).toBe(`${server.url}/fire/`);
      expect(await page.title()).not.toBe('pwned');

      // A page load keeps the consent: on /payment/ the bar is back, and card fields are refused.
      await page.locator('a[href="/payment/"]').first().click();
      await page.waitForURL('**/payment/');
      await expect.poll(() => page.getByTestId('tsunagi-control-status').isVisible(), { timeout: 10_000 }).toBe(true);
      const card = await nodeId(sessionId, byId('card-number'));
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'input', nodeId: card, value: '4111111111111111' } });
      await ask(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'click', point: { nodeId: card, x: 0.5, y: 0.5 } } });
      await expect
        .poll(async () => (await markers(sessionId, 'tsunagi:control')).filter((m) => m.reason === 'protected').length)
        .toBe(2);
      expect(await page.locator('#card-number').inputValue()).toBe('');
      expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('card-number');

      // Esc anywhere: control ends at once, here and on the server; later actions do nothing.
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('tsunagi-control-bar').isVisible()).toBe(false);
      await expect.poll(control).toBe('off');
      const cardName = await nodeId(sessionId, byId('card-name'));
      expect(await request(agent, 'control:action', { sessionId, streamId: await currentStream(sessionId), action: { kind: 'input', nodeId: cardName, value: 'LATER' } })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      // Even if a server relayed it anyway.
      const holder = await nodeId(sessionId, (n) => n.tagName === 'h1');
      await relayRegardless(sessionId, { kind: 'click', point: { nodeId: holder, x: 0.5, y: 0.5 } });
      await relayRegardless(sessionId, { kind: 'scroll', nodeId: 1, top: 500, left: 0 });
      await expect.poll(async () => (await markers(sessionId, 'tsunagi:control')).filter((m) => m.reason === 'not_granted').length).toBe(3);
      expect(await page.evaluate(() => scrollY)).toBe(0);

      const expected = [
        { type: 'refused', kind: 'input', nodeId: nameId, reason: 'not_granted' },
        { type: 'grant', reason: 'customer' },
        { type: 'action', kind: 'input', nodeId: nameId, length: 5 },
        { type: 'action', kind: 'select', nodeId: structure },
        { type: 'refused', kind: 'select', nodeId: structure, reason: 'no_option' },
        { type: 'action', kind: 'check', nodeId: earthquake },
        { type: 'action', kind: 'scroll', nodeId: documentId },
        { type: 'action', kind: 'click', nodeId: langToggle },
        { type: 'action', kind: 'click', nodeId: submit },
        { type: 'refused', kind: 'click', nodeId: host, reason: 'widget' },
        { type: 'refused', kind: 'click', nodeId: evil, reason: 'cross_origin' },
        { type: 'refused', kind: 'click', nodeId: script, reason: 'unsafe_url' },
        { type: 'grant', reason: 'continued' },
        { type: 'refused', kind: 'input', nodeId: card, reason: 'protected' },
        { type: 'refused', kind: 'click', nodeId: card, reason: 'protected' },
        { type: 'revoke', reason: 'escape' },
        { type: 'refused', kind: 'click', nodeId: holder, reason: 'not_granted' },
        { type: 'refused', kind: 'scroll', nodeId: 1, reason: 'not_granted' },
      ];
      await expect.poll(() => markers(sessionId, 'tsunagi:control')).toEqual(expected);
      const all = await markers(sessionId, 'tsunagi:control');
      // Typed values never go into markers.
      expect(JSON.stringify(all)).not.toContain('山田');
      expect(JSON.stringify(all)).not.toContain('4111');
    } finally {
      await context.close();
    }
  });

  it('declines with Esc in the dialog; Stop control ends a grant; the server turning it off ends it too', async () => {
    const { context, page, agent, sessionId } = await share('/');
    const control = async () => (await server.app.sessions.get(sessionId))?.control_state;
    try {
      await page.locator('#lang-toggle').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await ask(agent, 'control:request', { sessionId });
      const dialog = page.getByRole('dialog', { name: 'Let the agent control this page?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('click, type and scroll');
      await page.screenshot({ path: `${SHOTS}/4b-control-dialog-en.png` });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(control).toBe('off');

      await ask(agent, 'control:request', { sessionId });
      await page.getByTestId('tsunagi-control-allow').click();
      await expect.poll(control).toBe('granted');
      await page.getByTestId('tsunagi-control-stop').click();
      await expect.poll(control).toBe('off');
      expect(await page.getByTestId('tsunagi-control-bar').isVisible()).toBe(false);

      await ask(agent, 'control:request', { sessionId });
      await page.getByTestId('tsunagi-control-allow').click();
      await expect.poll(() => page.getByTestId('tsunagi-control-bar').isVisible()).toBe(true);
      await ask(agent, 'control:release', { sessionId });
      await expect.poll(() => page.getByTestId('tsunagi-control-bar').isVisible()).toBe(false);
      const types = async () => (await markers(sessionId, 'tsunagi:control')).map((m) => `${String(m.type)}:${String(m.reason)}`);
      await expect.poll(types).toEqual(['revoke:declined', 'grant:customer', 'revoke:customer', 'grant:customer', 'revoke:agent']);
    } finally {
      await context.close();
    }
  });
});

async function request(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  return socket.timeout(10_000).emitWithAck(event, payload);
}
