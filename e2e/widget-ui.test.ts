import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import type { LiveSession } from '@tsunagi/shared';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { ask, buildWidget, connectAgent, fixture, launchChromium, repoRoot, startSiteServer, type SiteServer } from './fixtures/widget-browser.ts';

/**
 * The customer widget end to end against the real server: the screens, the
 * keyboard and screen-reader hooks, continuity across page loads, the clock
 * offset, code refresh and both ways of ending. Screenshots of every screen
 * go to .artifacts/widget/.
 */

const SHOTS = resolve(repoRoot, '.artifacts/widget');

const texts = {
  ja: {
    title: '自動車保険の更新手続き',
    heading: '自動車保険の更新',
    body: 'ご契約内容をご確認のうえ、お手続きください。',
    name: 'お名前',
    card: 'カード番号',
    next: 'お支払い方法へ進む',
    help: 'サイトのヘルプボタン',
  },
  en: {
    title: 'Renew your car insurance',
    heading: 'Car insurance renewal',
    body: 'Please check your policy details and continue.',
    name: 'Full name',
    card: 'Card number',
    next: 'Continue to payment',
    help: "Site's own help button",
  },
};

function sitePage(lang: 'ja' | 'en', path: string, next: string, widgetSrc: string): string {
  const t = texts[lang];
  return fixture('widget-simple-page.html')
    .replace('{{LANG}}', lang)
    .replace('{{TITLE}}', `${t.title} ${path}`)
    .replace('{{HEADING}}', t.heading)
    .replace('{{BODY}}', t.body)
    .replace('{{NAME_LABEL}}', t.name)
    .replace('{{CARD_LABEL}}', t.card)
    .replace('{{NEXT}}', next)
    .replace('{{NEXT_LABEL}}', t.next)
    .replace('{{SITE_HELP}}', t.help)
    .replace('<!--WIDGET-->', `<script src="${widgetSrc}" async></script>`);
}

type TsunagiWindow = { Tsunagi: { start(): Promise<{ code: string }>; stop(): Promise<void> } };

/** The element focused inside the widget's shadow root, by test id or id. */
function widgetFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.querySelector('tsunagi-widget')?.shadowRoot?.activeElement;
    return active ? (active.getAttribute('data-testid') ?? active.id) : null;
  });
}

async function storedBatches(server: TestServer, sessionId: string) {
  return server.storage.db
    .selectFrom('event_batches')
    .select(['stream_id', 'seq', 'events', 'received_at'])
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute();
}

let browser: Browser;
let widget: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, widget] = await Promise.all([launchChromium(), buildWidget()]);
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh browser profile (own localStorage) showing the site. */
async function openSite(server: TestServer, site: SiteServer, path: string, setup?: (context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  await context.route(`${server.url}/widget.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: widget }));
  await setup?.(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.log('[page]', m.type(), m.text());
  });
  await page.goto(site.url + path);
  await page.getByTestId('tsunagi-launcher').waitFor();
  return { context, page };
}

describe('customer widget with the real server', () => {
  let server: TestServer;
  let site: SiteServer;
  const agents: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const src = `${server.url}/widget.js`;
    site = await startSiteServer({
      '/ja/renewal': () => sitePage('ja', '/ja/renewal', '/ja/payment', src),
      '/ja/payment': () => sitePage('ja', '/ja/payment', '/ja/renewal', src),
      '/en/renewal': () => sitePage('en', '/en/renewal', '/en/payment', src),
      '/en/payment': () => sitePage('en', '/en/payment', '/en/renewal', src),
    });
  });

  afterAll(async () => {
    for (const agent of agents) agent.disconnect();
    await site?.close();
    await server?.destroy();
  });

  it('JA: a labelled modal consent dialog, keyboard-only; Esc declines and returns focus', async () => {
    const { context, page } = await openSite(server, site, '/ja/renewal');
    try {
      const launcher = page.getByTestId('tsunagi-launcher');
      await expect.poll(() => launcher.textContent()).toContain('画面共有でサポート');
      const host = await page.evaluate(() => {
        const el = document.querySelector('tsunagi-widget')!;
        const r = el.getBoundingClientRect();
        return { parent: el.parentElement?.tagName, width: r.width, height: r.height, position: getComputedStyle(el).position };
      });
      expect(host).toEqual({ parent: 'BODY', width: 0, height: 0, position: 'fixed' });
      await page.screenshot({ path: `${SHOTS}/1-launcher-ja.png` });

      // The site's own button calls the JS API; the promise rejects when the customer declines.
      await page.focus('#site-help');
      await page.evaluate(() => {
        const w = window as unknown as { __start: Promise<string> };
        w.__start = (window as unknown as TsunagiWindow).Tsunagi.start().then(
          () => 'resolved',
          (e: Error) => `rejected: ${e.message}`,
        );
      });
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      await expect.poll(() => page.getByRole('dialog', { name: '担当者と画面を共有しますか？' }).count()).toBe(1);
      expect(await widgetFocus(page)).toBe('tsunagi-consent-title');
      const text = await dialog.textContent();
      for (const phrase of ['このページと、共有中に開いたこのサイトのページ', 'マウスの動き', 'カード番号、パスワード', 'ブラウザの中で隠されます', 'ほかのタブやアプリ', '何もインストールされません']) {
        expect(text).toContain(phrase);
      }
      await page.screenshot({ path: `${SHOTS}/2-consent-ja.png` });

      // Tab stays inside the dialog.
      await page.keyboard.press('Tab');
      expect(await widgetFocus(page)).toBe('tsunagi-agree');
      await page.keyboard.press('Tab');
      expect(await widgetFocus(page)).toBe('tsunagi-cancel');
      await page.keyboard.press('Tab');
      expect(await widgetFocus(page)).toBe('tsunagi-agree');
      await page.keyboard.press('Shift+Tab');
      expect(await widgetFocus(page)).toBe('tsunagi-cancel');
      // The focus ring is visible.
      const ring = await page.evaluate(() => {
        const b = document.querySelector('tsunagi-widget')!.shadowRoot!.activeElement!;
        const s = getComputedStyle(b);
        return { outline: s.outlineStyle, width: s.outlineWidth };
      });
      expect(ring).toEqual({ outline: 'solid', width: '3px' });
      await page.screenshot({ path: `${SHOTS}/2b-consent-focus-ja.png` });

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => (window as unknown as { __start: Promise<string> }).__start)).toBe('rejected: Tsunagi: the customer declined');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-help');

      // Opened from the help button by keyboard, Cancel returns focus to it.
      await launcher.focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await page.getByTestId('tsunagi-cancel').click();
      expect(await widgetFocus(page)).toBe('tsunagi-launcher');
      const sessions = await server.storage.db.selectFrom('cobrowse_sessions').select('id').execute();
      expect(sessions).toEqual([]); // nothing starts without consent
    } finally {
      await context.close();
    }
  });

  it('EN: consent → code → agent joins → sharing bar with viewers → Stop → ended', async () => {
    const { context, page } = await openSite(server, site, '/en/renewal');
    try {
      await expect.poll(() => page.getByTestId('tsunagi-launcher').textContent()).toContain('Get help by screen sharing');
      await page.getByTestId('tsunagi-launcher').click();
      await page.getByRole('dialog', { name: 'Share your screen with our support agent?' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/3-consent-en.png` });
      // On a phone the text scrolls but the buttons stay in view.
      await page.setViewportSize({ width: 390, height: 640 });
      expect(await page.getByTestId('tsunagi-agree').isVisible()).toBe(true);
      const agreeBox = (await page.getByTestId('tsunagi-agree').boundingBox())!;
      expect(agreeBox.y + agreeBox.height).toBeLessThanOrEqual(640);
      expect(agreeBox.height).toBeGreaterThanOrEqual(48);
      await page.screenshot({ path: `${SHOTS}/3b-consent-en-phone.png` });
      await page.setViewportSize({ width: 1024, height: 720 });

      const started = page.evaluate(() => (window as unknown as TsunagiWindow).Tsunagi.start());
      await page.getByTestId('tsunagi-agree').click();
      const { code } = await started;
      expect(code).toMatch(/^\d{6}$/);
      const codeEl = page.getByTestId('tsunagi-code');
      expect(await codeEl.getAttribute('data-code')).toBe(code);
      expect(await codeEl.getAttribute('aria-live')).toBe('polite');
      await expect.poll(() => page.getByTestId('tsunagi-code-expiry').textContent()).toMatch(/^Valid until /);
      expect(await widgetFocus(page)).toBe('tsunagi-code-title');
      await page.screenshot({ path: `${SHOTS}/4-code-en.png` });

      const agent = await connectAgent(server.url, 'agent1');
      agents.push(agent);
      const session = await ask<LiveSession>(agent, 'session:join-code', { code });
      await ask(agent, 'session:watch', { sessionId: session.sessionId });
      const title = page.getByTestId('tsunagi-sharing-title');
      await expect.poll(() => title.textContent(), { timeout: 10_000 }).toBe('Sharing your screen with 佐藤 花子');
      await expect.poll(() => page.getByTestId('tsunagi-viewers').textContent()).toContain('佐藤 花子 (agent)');
      await expect.poll(() => page.getByTestId('tsunagi-announcer').textContent()).toBe('Sharing your screen with 佐藤 花子');
      await page.screenshot({ path: `${SHOTS}/5-sharing-en.png` });

      await page.getByTestId('tsunagi-stop').click();
      await page.getByTestId('tsunagi-ended').waitFor();
      expect(await widgetFocus(page)).toBe('tsunagi-notice-title');
      await page.screenshot({ path: `${SHOTS}/6-ended-en.png` });
      const row = await server.storage.db.selectFrom('cobrowse_sessions').select(['status', 'ended_reason']).where('id', '=', session.sessionId).executeTakeFirst();
      expect(row).toEqual({ status: 'ended', ended_reason: 'customer' });
      expect(await page.evaluate(() => localStorage.getItem('tsunagi.session'))).toBeNull();
      // Everything recorded before Stop was delivered, in order.
      const batches = await storedBatches(server, session.sessionId);
      expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i + 1));

      await page.getByTestId('tsunagi-dismiss').click();
      await page.getByTestId('tsunagi-launcher').waitFor();
    } finally {
      await context.close();
    }
  });

  it('JA: keeps sharing across page loads without asking again, resends what a page could not deliver, on the server clock', async () => {
    let dropBatches = false;
    let dropped = 0;
    const { context, page } = await openSite(server, site, '/ja/renewal', async (ctx) => {
      // The customer's clock is 5 minutes fast.
      await ctx.addInitScript(() => {
        const realNow = Date.now.bind(Date);
        Date.now = () => realNow() + 5 * 60_000;
      });
      // A gate on the widget's socket: can swallow `batch` frames, as a dying connection would.
      await ctx.routeWebSocket(/\/socket\.io\//, (ws) => {
        const upstream = ws.connectToServer();
        ws.onMessage((message) => {
          // Engine.io "4" + Socket.IO event "2", namespace, ack id, then the event name.
          if (dropBatches && typeof message === 'string' && /^42\/customer,\d+\["batch"/.test(message)) {
            dropped++;
            return;
          }
          upstream.send(message);
        });
        upstream.onMessage((message) => ws.send(message));
      });
    });
    try {
      await page.getByTestId('tsunagi-launcher').click();
      await page.getByTestId('tsunagi-agree').click();
      const code = (await page.getByTestId('tsunagi-code').getAttribute('data-code'))!;
      await page.screenshot({ path: `${SHOTS}/4b-code-ja.png` });
      const agent = await connectAgent(server.url, 'agent2');
      agents.push(agent);
      const { sessionId } = await ask<LiveSession>(agent, 'session:join-code', { code });
      await expect.poll(() => page.getByTestId('tsunagi-sharing-title').textContent(), { timeout: 10_000 }).toBe('鈴木 一郎 さんと画面を共有しています');
      await page.screenshot({ path: `${SHOTS}/5b-sharing-ja.png` });
      await expect.poll(async () => (await storedBatches(server, sessionId)).length, { timeout: 10_000 }).toBeGreaterThan(0);
      const firstStream = (await storedBatches(server, sessionId))[0]!.stream_id;

      // These keystrokes never reach the server before the customer leaves the page.
      dropBatches = true;
      await page.click('#name');
      await page.keyboard.type('BACKLOG-TEXT-1');
      await page.waitForTimeout(400);
      dropBatches = false;
      expect(dropped).toBeGreaterThan(0);
      expect((await storedBatches(server, sessionId)).some((b) => b.events.includes('BACKLOG-TEXT-1'))).toBe(false);
      await page.click('#next');
      await page.waitForURL('**/ja/payment');

      // No consent again: the sharing bar is back on the new page.
      await expect.poll(() => page.getByTestId('tsunagi-sharing-title').textContent(), { timeout: 10_000 }).toBe('鈴木 一郎 さんと画面を共有しています');
      expect(await page.getByRole('dialog').count()).toBe(0);
      await expect
        .poll(async () => (await storedBatches(server, sessionId)).some((b) => b.stream_id === firstStream && b.events.includes('BACKLOG-TEXT-1')), {
          timeout: 10_000,
        })
        .toBe(true);
      await expect.poll(async () => new Set((await storedBatches(server, sessionId)).map((b) => b.stream_id)).size, { timeout: 10_000 }).toBe(2);

      const batches = await storedBatches(server, sessionId);
      const streams = [...new Set(batches.map((b) => b.stream_id))];
      for (const stream of streams) {
        const mine = batches.filter((b) => b.stream_id === stream);
        // Each page load: its own stream, seq 1..n in order, starting with Meta + FullSnapshot.
        expect(mine.map((b) => b.seq)).toEqual(mine.map((_, i) => i + 1));
        const firstTypes = (JSON.parse(mine[0]!.events) as { type: number }[]).map((e) => e.type);
        expect(firstTypes.slice(0, 2)).toEqual([4, 2]);
      }
      // Event times are on the server's clock although the customer's runs 5 minutes fast.
      for (const b of batches) {
        for (const e of JSON.parse(b.events) as { timestamp: number }[]) {
          expect(Math.abs(e.timestamp - b.received_at)).toBeLessThan(15_000);
        }
      }

      // The agent ends the session: the customer is told why.
      await ask(agent, 'session:end', { sessionId });
      await page.getByTestId('tsunagi-ended').waitFor();
      expect(await page.getByTestId('tsunagi-notice-body').textContent()).toBe('担当者が共有を終了しました。');
      await page.screenshot({ path: `${SHOTS}/6b-ended-ja.png` });
      expect(await page.evaluate(() => localStorage.getItem('tsunagi.session'))).toBeNull();

      // A later page load does not come back to the ended session.
      await page.reload();
      await page.getByTestId('tsunagi-launcher').waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('join code refresh', () => {
  let server: TestServer;
  let site: SiteServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { JOIN_CODE_TTL_MS: '2500' } });
    site = await startSiteServer({ '/ja/renewal': () => sitePage('ja', '/ja/renewal', '/ja/renewal', `${server.url}/widget.js`) });
  });

  afterAll(async () => {
    await site?.close();
    await server?.destroy();
  });

  it('replaces an expired code with a new one while waiting, and the new one works', async () => {
    const { context, page } = await openSite(server, site, '/ja/renewal');
    const agents: Socket[] = [];
    try {
      await page.getByTestId('tsunagi-launcher').click();
      await page.getByTestId('tsunagi-agree').click();
      const codeEl = page.getByTestId('tsunagi-code');
      const first = await codeEl.getAttribute('data-code');
      await expect.poll(() => codeEl.getAttribute('data-code'), { timeout: 8000 }).not.toBe(first);
      const second = (await codeEl.getAttribute('data-code'))!;
      expect(second).toMatch(/^\d{6}$/);
      const agent = await connectAgent(server.url, 'agent1');
      agents.push(agent);
      await ask(agent, 'session:join-code', { code: second });
      await page.getByTestId('tsunagi-sharing-bar').waitFor({ timeout: 10_000 });
    } finally {
      for (const a of agents) a.disconnect();
      await context.close();
    }
  });
});
