import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { rooms } from '../server/src/features/cobrowse/rooms.ts';
import { launchJourneyBrowsers, type JourneyBrowsers } from './support/browser.ts';
import { axeViolations } from './support/console.ts';
import { replayScrolledLike, settledReplayPoint } from './support/guidance.ts';
import { askForHelp, signIn, takeFirstInQueue } from './support/journey.ts';
import { replayText } from './support/replay.ts';

/**
 * A customer sharing from two tabs of the demo site, against the real
 * server with the real widget, one Chromium per person: the agent sees both
 * tabs and which one is active, the view follows the tab the customer turns
 * to, the agent can pick the background tab to look at (the view stays
 * there, with guidance off, until they follow the customer again or it
 * closes), and a pointer sent while the view shows tab B appears in tab B only.
 *
 * Switching tabs headless: `visibilitychange` never fires in headless
 * Chromium (every page stays "visible", tried with bringToFront), and
 * Playwright emulates focus, so every page also "has focus". With focus
 * emulation turned off for the customer's pages (CDP
 * `Emulation.setFocusEmulationEnabled`), `page.bringToFront()` fires real
 * `focus`/`blur` events and `document.hasFocus()` follows — the same events
 * a customer switching windows fires. The widget reports both signals.
 * Needs the built client (`npm run build`). Screenshots go to .artifacts/tabs/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/tabs');
/** Short, so a closed tab shows closed within the test. */
const TAB_GONE_AFTER_MS = 1500;

/**
 * A customer tab at `url` whose focus is real: bringToFront() moves it, with
 * focus and blur events. (Turned off after the page loads: a navigation
 * brings Playwright's focus emulation back.)
 */
async function realFocusPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { focusLog: string[] }).focusLog = log;
    addEventListener('focus', () => log.push('focus'));
    addEventListener('blur', () => log.push('blur'));
  });
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  return page;
}

const focusLog = (page: Page) => page.evaluate(() => (window as unknown as { focusLog: string[] }).focusLog.join(','));

/** The tab strip as the agent sees it: title, path, status, and whether it is marked current. */
function strip(agent: Page) {
  return agent.getByTestId('live-tab').evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector('.live-tab-title')?.textContent,
      path: item.querySelector('.live-tab-path')?.textContent,
      status: item.querySelector('[data-testid="live-tab-status"]')?.textContent,
      current: item.getAttribute('aria-current'),
      stream: item.getAttribute('data-stream-id'),
    })),
  );
}

const shownStream = (agent: Page) => agent.getByTestId('live-view').getAttribute('data-stream-id');
/** The agent's button for the tab holding `stream`. */
const tabButton = (agent: Page, stream: string) => agent.locator(`[data-testid="live-tab"][data-stream-id="${stream}"] [data-testid="live-tab-pick"]`);
/** Which tab buttons are pressed (the tab the view shows), in strip order. */
const pressed = (agent: Page) => agent.getByTestId('live-tab-pick').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-pressed')));
const announced = (agent: Page) => agent.getByTestId('live-tabs-announcement').textContent();
/** Whether the focused element is the button of the tab holding `stream`. */
const focusedTab = (agent: Page) =>
  agent.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-testid="live-tab"]')?.dataset.streamId ?? null);
const activeTabStream = (agent: Page) => agent.locator('[data-testid="live-tab"][aria-current="true"]').getAttribute('data-stream-id');
const visiblePointer = (page: Page) => page.locator('[data-testid="tsunagi-pointer"]:not([hidden])');

describe('a customer with the site open in two tabs', () => {
  let server: TestServer;
  let browsers: JourneyBrowsers | undefined;
  let customerContext: BrowserContext;
  let tabA: Page;
  let tabB: Page;
  let agent: Page;
  let streamA = '';
  let streamB = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer({ env: { TAB_GONE_AFTER_MS: String(TAB_GONE_AFTER_MS) } });
    browsers = await launchJourneyBrowsers();
    ({ customer: customerContext, agent } = browsers);
  });

  afterAll(async () => {
    await browsers?.close();
    await server?.destroy();
  });

  it('one tab: the agent sees it live and no tab strip', async () => {
    tabA = await realFocusPage(customerContext, `${server.url}/fire/`);
    await askForHelp(tabA);
    await signIn(agent, server.url, 'agent1');
    await takeFirstInQueue(agent);
    await expect.poll(() => replayText(agent)).toContain('火災保険');
    streamA = (await shownStream(agent))!;
    expect(streamA).not.toBe('');
    expect(await agent.getByTestId('live-tabs').count()).toBe(0);
  });

  it('a second tab opens: the agent sees two tabs, the new one active, and the view follows it', async () => {
    tabB = await realFocusPage(customerContext, `${server.url}/payment/`);
    // The new tab joins the session by itself (no second consent) and is the one in front.
    await tabB.getByTestId('tsunagi-sharing-bar').waitFor({ timeout: 10_000 });
    await expect.poll(() => tabB.evaluate(() => document.hasFocus())).toBe(true);
    expect(await tabA.evaluate(() => document.hasFocus())).toBe(false);

    await expect.poll(() => agent.getByTestId('live-tab').count()).toBe(2);
    await expect.poll(async () => (await strip(agent)).map((tab) => tab.current)).toEqual([null, 'true']);
    const tabs = await strip(agent);
    expect(tabs.map(({ stream, ...shown }) => ({ ...shown, known: stream === streamA }))).toEqual([
      { title: '火災保険 Webお申し込み | つなぎ損害保険', path: '/fire/', status: '背面', current: null, known: true },
      { title: 'お支払い方法の選択 | つなぎ損害保険', path: '/payment/', status: 'お客様が表示中', current: 'true', known: false },
    ]);
    streamB = tabs[1]!.stream!;
    await expect.poll(() => shownStream(agent)).toBe(streamB);
    await expect.poll(() => replayText(agent)).toContain('お支払い方法の選択');
    expect(await agent.getByTestId('live-page-title').textContent()).toContain('お支払い方法の選択');
    await agent.screenshot({ path: `${SHOTS}/1-two-tabs-ja.png` });
    expect(await axeViolations(agent)).toEqual([]);
  });

  it('the customer turns to tab A: the agent’s view follows, from that tab’s checkpoint', async () => {
    await tabA.bringToFront();
    // The signal really fired in the customer's browser: A got the focus, B lost it.
    await expect.poll(() => focusLog(tabA)).toMatch(/focus$/);
    await expect.poll(() => focusLog(tabB)).toMatch(/blur$/);
    await expect.poll(() => activeTabStream(agent)).toBe(streamA);
    await expect.poll(() => shownStream(agent)).toBe(streamA);
    await expect.poll(() => replayText(agent)).toContain('火災保険');
    expect(await replayText(agent)).not.toContain('お支払い方法の選択');
    expect((await strip(agent)).map((tab) => tab.status)).toEqual(['お客様が表示中', '背面']);
    // The customer types in tab A: the agent sees it.
    await tabA.locator('#fire-address').fill('東京都千代田区');
    await expect
      .poll(() => agent.evaluate(() => document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe')?.contentDocument?.querySelector<HTMLInputElement>('#fire-address')?.value))
      .toBe('東京都千代田区');
    await agent.screenshot({ path: `${SHOTS}/2-followed-to-a.png` });

    await tabB.bringToFront();
    await expect.poll(() => activeTabStream(agent)).toBe(streamB);
    await expect.poll(() => shownStream(agent)).toBe(streamB);
    await expect.poll(() => replayText(agent)).toContain('お支払い方法の選択');
  });

  it('the agent picks background tab A: the view shows it, stays there while the customer switches, and follows again on request', async () => {
    // Tab B is in front. Tab A changes in the background: only a live view of A can show this text.
    const note = '背面のタブで追記された文章';
    await tabA.evaluate((text) => {
      const p = document.createElement('p');
      p.id = 'background-note';
      p.textContent = text;
      document.querySelector('main')?.prepend(p);
    }, note);
    expect(await pressed(agent)).toEqual(['false', 'true']);
    expect(await agent.getByTestId('live-tabs-follow').count()).toBe(0);

    await tabButton(agent, streamA).click();
    await expect.poll(() => shownStream(agent)).toBe(streamA);
    await expect.poll(() => replayText(agent)).toContain(note);
    expect(await replayText(agent)).not.toContain('お支払い方法の選択');
    // The customer is still on B, and the strip says both: who is where.
    expect(await activeTabStream(agent)).toBe(streamB);
    expect(await pressed(agent)).toEqual(['true', 'false']);
    expect((await strip(agent)).map((tab) => tab.status)).toEqual(['背面', 'お客様が表示中']);
    expect(await agent.getByTestId('live-tab-viewing').textContent()).toBe('閲覧中');
    // The heading names the page on screen, not the one the customer is on.
    expect(await agent.getByTestId('live-page-title').textContent()).toContain('火災保険 Webお申し込み');
    expect(await agent.getByTestId('live-page-url').textContent()).toContain('/fire/');
    expect(await announced(agent)).toBe('「火災保険 Webお申し込み | つなぎ損害保険」のタブを表示しています。お客様は別のタブを表示中です。');
    // Guidance would not reach the customer here: the console says so and sends nothing.
    expect(await agent.getByTestId('guide-bar').getAttribute('data-reachable')).toBe('false');
    expect(await agent.getByTestId('guide-hint').textContent()).toContain('お客様は別のタブを表示中です');
    expect(await agent.locator('[data-testid="guide-mode-guide"] input').isDisabled()).toBe(true);
    const at = await settledReplayPoint(agent, '#background-note', 0.3, 0.5);
    await agent.mouse.move(at.x - 30, at.y - 30);
    await agent.mouse.move(at.x, at.y, { steps: 4 });
    await agent.mouse.click(at.x, at.y);
    // A chat message sent after the mouse moves reaches tab A after any pointer would have.
    await agent.getByTestId('chat-input').fill('別のタブを拝見しています');
    await agent.getByTestId('chat-input').press('Enter');
    await expect.poll(() => tabA.getByTestId('tsunagi-chat-log').textContent()).toContain('別のタブを拝見しています');
    expect(await visiblePointer(tabA).count()).toBe(0);
    expect(await tabA.locator('[data-testid="tsunagi-highlight"]:not([hidden])').count()).toBe(0);
    await agent.getByTestId('live-tabs').screenshot({ path: `${SHOTS}/6-picked-background-strip.png` });
    await agent.screenshot({ path: '/tmp/tabs-pick.png' });
    await agent.screenshot({ path: `${SHOTS}/6-picked-background-ja.png` });
    expect(await axeViolations(agent)).toEqual([]);

    // The customer turns to A and back to B: the view stays on A all along.
    await tabA.bringToFront();
    await expect.poll(() => activeTabStream(agent)).toBe(streamA);
    // The customer is on the tab the agent views: guidance is back.
    await expect.poll(() => agent.getByTestId('guide-bar').getAttribute('data-reachable')).toBe('true');
    await tabB.bringToFront();
    await expect.poll(() => activeTabStream(agent)).toBe(streamB);
    expect(await announced(agent)).toBe('お客様が「お支払い方法の選択 | つなぎ損害保険」のタブに切り替えました。画面は選択中のタブのままです。');
    // Long enough for a switch to have happened if the view still followed the customer.
    await agent.waitForTimeout(1500);
    expect(await shownStream(agent)).toBe(streamA);
    expect(await replayText(agent)).toContain(note);
    expect(await pressed(agent)).toEqual(['true', 'false']);

    // "Follow the customer", from the keyboard: back to B, and the keyboard lands on B's tab.
    await agent.getByTestId('live-tabs-follow').focus();
    await agent.keyboard.press('Enter');
    await expect.poll(() => shownStream(agent)).toBe(streamB);
    await expect.poll(() => replayText(agent)).toContain('お支払い方法の選択');
    expect(await pressed(agent)).toEqual(['false', 'true']);
    expect(await agent.getByTestId('live-tabs-follow').count()).toBe(0);
    expect(await focusedTab(agent)).toBe(streamB);
    expect(await agent.getByTestId('live-page-title').textContent()).toContain('お支払い方法の選択');
    expect(await announced(agent)).toBe('お客様が表示中のタブを表示し、切り替えに追従します。');
    expect(await agent.getByTestId('guide-bar').getAttribute('data-reachable')).toBe('true');

    // Picked with the keyboard, and given up by a click on the customer's own tab.
    await tabButton(agent, streamA).focus();
    await agent.keyboard.press('Space');
    await expect.poll(() => shownStream(agent)).toBe(streamA);
    await tabButton(agent, streamB).click();
    await expect.poll(() => shownStream(agent)).toBe(streamB);
    expect(await agent.getByTestId('live-view').getAttribute('data-following')).toBe('true');
  });

  it('a pointer sent while viewing tab B appears in tab B only', async () => {
    await tabB.locator('h1').first().scrollIntoViewIfNeeded();
    await replayScrolledLike(agent, tabB);
    const at = await settledReplayPoint(agent, 'h1', 0.3, 0.5);
    await agent.mouse.move(at.x - 30, at.y - 30);
    await agent.mouse.move(at.x, at.y, { steps: 4 });
    await visiblePointer(tabB).waitFor({ state: 'attached' });
    // A chat message sent after the pointer reaches tab A after it too (one socket, in order):
    // once A shows the message, A has had the pointer and must not have drawn it.
    await agent.getByTestId('chat-input').fill('右上のボタンをご覧ください');
    await agent.getByTestId('chat-input').press('Enter');
    await expect.poll(() => tabA.getByTestId('tsunagi-chat-log').textContent()).toContain('右上のボタンをご覧ください');
    expect(await visiblePointer(tabA).count()).toBe(0);
    expect(await visiblePointer(tabB).count()).toBe(1);
    await agent.screenshot({ path: `${SHOTS}/3-pointer-in-b-agent.png` });
    await tabB.screenshot({ path: `${SHOTS}/3-pointer-in-b-customer.png` });
    await agent.mouse.move(5, 5);
    await visiblePointer(tabB).waitFor({ state: 'detached' });
  });

  it('a control action acts only in the page whose stream it names, even when a server relays it anyway', async () => {
    await agent.getByTestId('control-request').click();
    await tabB.getByTestId('tsunagi-control-allow').click();
    await agent.waitForSelector('[data-testid="control-state"][data-state="granted"]');
    // Tab A shares the customer's consent (one browser) and holds its own stream.
    await expect.poll(() => tabA.getByTestId('tsunagi-control-bar').isVisible()).toBe(true);
    const sessionId = (await agent.getByTestId('live-view').getAttribute('data-session-id'))!;
    const bScroll = await tabB.evaluate(() => scrollY);
    // Straight to the customer's sockets, past the server's rule: a scroll of the document (node 1) of A's page.
    server.app.io.of('/customer').to(rooms.customer(sessionId)).emit('control:action', {
      streamId: streamA,
      action: { kind: 'scroll', nodeId: 1, top: 400, left: 0 },
    });
    await expect.poll(() => tabA.evaluate(() => scrollY)).toBe(400);
    // B had the same push first (one socket, in order) by the time it shows a later chat message: it did nothing.
    await agent.getByTestId('chat-input').fill('少し下までスクロールしました');
    await agent.getByTestId('chat-input').press('Enter');
    await expect.poll(() => tabB.getByTestId('tsunagi-chat-log').textContent()).toContain('少し下までスクロールしました');
    expect(await tabB.evaluate(() => scrollY)).toBe(bScroll);
    await agent.getByTestId('control-release').click();
    await agent.waitForSelector('[data-testid="control-state"][data-state="off"]');
  });

  it('tab B, which the agent picked, closes: it shows closed, and the view goes back to following the customer on tab A', async () => {
    await tabA.bringToFront();
    await expect.poll(() => shownStream(agent)).toBe(streamA);
    await tabButton(agent, streamB).click();
    await expect.poll(() => shownStream(agent)).toBe(streamB);
    await tabB.close();
    await expect.poll(async () => (await strip(agent)).map((tab) => tab.status), { timeout: 15_000 }).toEqual(['お客様が表示中', '閉じられました']);
    expect(await activeTabStream(agent)).toBe(streamA);
    await expect.poll(() => shownStream(agent)).toBe(streamA);
    await expect.poll(() => replayText(agent)).toContain('火災保険');
    expect(await agent.getByTestId('live-view').getAttribute('data-following')).toBe('true');
    expect(await agent.getByTestId('live-tabs-follow').count()).toBe(0);
    expect(await announced(agent)).toBe('表示していたタブが閉じられました。お客様が表示中のタブに戻ります。');
    // A closed tab is listed, but there is nothing to show of it.
    expect(await tabButton(agent, streamB).isDisabled()).toBe(true);
    await agent.screenshot({ path: `${SHOTS}/4-tab-closed-ja.png` });
    expect(await axeViolations(agent)).toEqual([]);

    await agent.getByTestId('lang-toggle').click();
    await expect.poll(async () => (await strip(agent)).map((tab) => tab.status)).toEqual(['Customer is here', 'Closed']);
    expect(await agent.getByTestId('live-tabs').getAttribute('aria-label')).toBe("Customer's tabs");
    await agent.screenshot({ path: `${SHOTS}/5-tab-closed-en.png` });
    expect(await axeViolations(agent)).toEqual([]);
    await agent.getByTestId('lang-toggle').click();
  });
});
