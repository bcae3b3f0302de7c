import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { axeViolations, setHidden } from './support/console.ts';
import { findStoredNode, replayScrolledLike, settledReplayPoint } from './support/guidance.ts';
import { askForHelp, signIn, takeFirstInQueue, waitForLiveView } from './support/journey.ts';
import { replayText } from './support/replay.ts';

/**
 * Guidance from the agent console against the real server and the demo
 * site with the real widget, one Chromium per person (a background tab
 * would stall the replay): the agent points, highlights, chats and — with
 * the customer's consent — controls the page; a supervisor monitors
 * silently; the agent hands the session to a colleague with a note.
 * Needs the built client (`npm run build`). Screenshots go to
 * .artifacts/guidance/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/guidance');

/** The customer's widget UI lives in an open shadow root; Playwright's test-id locators pierce it. */
const widget = (page: Page, testId: string) => page.getByTestId(testId);

describe('guidance from the agent console', () => {
  let server: TestServer;
  const browsers: TestBrowser[] = [];
  let customer: Page;
  let agent: Page;
  let agent2: Page;
  let supervisor: Page;
  let sessionId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    const [c, a, a2, s] = await Promise.all([
      launchBrowser({ viewport: { width: 1200, height: 800 } }),
      launchBrowser({ viewport: { width: 1440, height: 900 } }),
      launchBrowser({ viewport: { width: 1440, height: 900 } }),
      launchBrowser({ viewport: { width: 1440, height: 900 } }),
    ]);
    browsers.push(c, a, a2, s);
    [customer, agent, agent2, supervisor] = await Promise.all([
      c.context.newPage(),
      a.context.newPage(),
      a2.context.newPage(),
      s.context.newPage(),
    ]);
  });

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.destroy();
  });

  it('the agent takes the customer and finds the guidance tools', async () => {
    await customer.goto(`${server.url}/fire/`);
    await askForHelp(customer);
    await signIn(agent, server.url, 'agent1');
    sessionId = await takeFirstInQueue(agent);
    await expect.poll(() => replayText(agent)).toContain('火災保険');

    const bar = agent.getByTestId('guide-bar');
    expect(await bar.getAttribute('data-mode')).toBe('guide');
    expect(await agent.getByTestId('control-state').getAttribute('data-state')).toBe('off');
    // Remote control is not offered as a mode before the customer grants it.
    expect(await agent.getByTestId('guide-mode-control').count()).toBe(0);
    // The modes are radio buttons: reachable and switchable from the keyboard.
    await agent.getByRole('radio', { name: 'ポインター・強調表示' }).focus();
    await agent.keyboard.press('ArrowLeft');
    expect(await bar.getAttribute('data-mode')).toBe('view');
    await agent.keyboard.press('ArrowRight');
    expect(await bar.getAttribute('data-mode')).toBe('guide');
    await agent.screenshot({ path: `${SHOTS}/1-toolbar-ja.png` });
    expect(await axeViolations(agent)).toEqual([]);
  });

  it("the pointer lands on the same element of the customer's page, named by its node id", async () => {
    await customer.locator('#fire-address').scrollIntoViewIfNeeded();
    await replayScrolledLike(agent, customer);
    const at = await settledReplayPoint(agent, '#fire-address', 0.25, 0.5);
    await agent.mouse.move(at.x - 40, at.y - 40);
    await agent.mouse.move(at.x, at.y, { steps: 4 });

    // The widget's pointer is a zero-sized anchor at the arrow's tip, shown by dropping `hidden`.
    const pointer = customer.locator('[data-testid="tsunagi-pointer"]:not([hidden])');
    await pointer.waitFor({ state: 'attached' });
    const nodeId = Number(await pointer.getAttribute('data-node'));
    expect(nodeId).toBeGreaterThan(0);
    // The tip of the customer's pointer is where the agent's mouse is: a quarter into the field.
    const tip = await pointer.evaluate((element) => element.getBoundingClientRect());
    const field = (await customer.locator('#fire-address').boundingBox())!;
    expect(tip.x).toBeGreaterThanOrEqual(field.x);
    expect(tip.x).toBeLessThanOrEqual(field.x + field.width);
    expect(tip.y).toBeGreaterThanOrEqual(field.y);
    expect(tip.y).toBeLessThanOrEqual(field.y + field.height);
    expect(Math.abs((tip.x - field.x) / field.width - 0.25)).toBeLessThan(0.05);
    // And the id is the recorder's own for that field, as the server stored it.
    const batches = await server.storage.db.selectFrom('event_batches').select('events').where('session_id', '=', sessionId).orderBy('id').execute();
    expect(findStoredNode(batches, nodeId)?.attributes?.id).toBe('fire-address');
    await agent.screenshot({ path: `${SHOTS}/2-pointer-agent.png` });
    await customer.screenshot({ path: `${SHOTS}/2-pointer-customer.png` });

    // Leaving the replay takes the pointer away.
    await agent.mouse.move(5, 5);
    await pointer.waitFor({ state: 'detached' });
  });

  it('a click highlights the element on both screens; "view only" sends nothing', async () => {
    await customer.locator('#fire-structure').scrollIntoViewIfNeeded();
    await replayScrolledLike(agent, customer);
    const at = await settledReplayPoint(agent, '#fire-structure');
    await agent.mouse.click(at.x, at.y);
    const mine = agent.getByTestId('guide-highlight');
    await mine.waitFor();
    const nodeId = await mine.getAttribute('data-node-id');
    const theirs = widget(customer, 'tsunagi-highlight');
    await theirs.waitFor({ state: 'visible' });
    expect(await theirs.getAttribute('data-node')).toBe(nodeId);
    expect(await agent.getByTestId('guide-notice').getAttribute('data-kind')).toBe('highlighted');
    await agent.screenshot({ path: `${SHOTS}/3-highlight-agent.png` });
    await customer.screenshot({ path: `${SHOTS}/3-highlight-customer.png` });

    await agent.getByTestId('guide-mode-view').click();
    await agent.mouse.move(at.x, at.y + 5, { steps: 3 });
    await agent.waitForTimeout(400);
    expect(await widget(customer, 'tsunagi-pointer').getAttribute('hidden')).not.toBeNull();
    await agent.getByTestId('guide-mode-guide').click();
  });

  it('chat: Enter sends, Shift+Enter adds a line, an IME Enter never sends; links are safe; unread counts', async () => {
    const input = agent.getByTestId('chat-input');
    await input.fill('こんにちは、担当の佐藤です。');
    // The Enter that confirms a Japanese conversion belongs to the IME.
    await input.evaluate((element) =>
      element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true })),
    );
    await input.press('Shift+Enter');
    await input.pressSequentially('https://example.jp/faq をご覧ください');
    expect(await agent.getByTestId('chat-message').count()).toBe(0);
    await input.press('Enter');
    const text = 'こんにちは、担当の佐藤です。\nhttps://example.jp/faq をご覧ください';
    await expect
      .poll(async () => (await server.storage.db.selectFrom('chat_messages').select('text').where('session_id', '=', sessionId).execute()).map((row) => row.text))
      .toEqual([text]);
    await expect.poll(() => input.inputValue()).toBe('');
    const link = agent.getByTestId('chat-link');
    expect(await link.getAttribute('href')).toBe('https://example.jp/faq');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await agent.getByTestId('chat-message').locator('time').textContent()).toMatch(/^\d\d:\d\d$/);

    // The customer reads it in the widget and answers.
    await widget(customer, 'tsunagi-chat-toggle').click();
    await expect.poll(() => widget(customer, 'tsunagi-chat-message').first().textContent()).toContain('担当の佐藤です');
    await widget(customer, 'tsunagi-chat-input').fill('住所の欄の書き方がわかりません');
    await widget(customer, 'tsunagi-chat-send').click();
    const reply = agent.locator('[data-testid="chat-message"][data-from="customer"]');
    await expect.poll(() => reply.textContent()).toContain('住所の欄の書き方');
    expect(await reply.textContent()).toContain('お客様');
    await agent.screenshot({ path: `${SHOTS}/4-chat-ja.png` });

    // Collapsed, the customer's next message counts as unread.
    await agent.getByTestId('chat-toggle').click();
    await widget(customer, 'tsunagi-chat-input').fill('よろしくお願いします');
    await widget(customer, 'tsunagi-chat-send').click();
    await expect.poll(() => agent.getByTestId('chat-unread').getAttribute('data-count')).toBe('1');
    expect(await agent.title()).toMatch(/^\(1\) /);
    await agent.screenshot({ path: `${SHOTS}/4-chat-collapsed-unread.png` });
    expect(await axeViolations(agent)).toEqual([]);
    await agent.getByTestId('chat-toggle').click();
    await expect.poll(() => agent.getByTestId('chat-unread').count()).toBe(0);

    // With the console's tab in the background, the open panel counts too.
    await setHidden(agent, true);
    await widget(customer, 'tsunagi-chat-input').fill('今は別の画面を見ています');
    await widget(customer, 'tsunagi-chat-send').click();
    await expect.poll(() => agent.getByTestId('chat-unread').getAttribute('data-count')).toBe('1');
    await setHidden(agent, false);
    await expect.poll(() => agent.getByTestId('chat-unread').count()).toBe(0);
    expect(await agent.title()).not.toMatch(/^\(/);
    expect(await agent.getByTestId('chat-message').count()).toBe(4);
  });

  it('remote control: request, wait for consent, then click, type, choose, check and scroll on the customer page', async () => {
    await agent.getByTestId('control-request').click();
    await agent.waitForSelector('[data-testid="control-state"][data-state="requested"]');
    await agent.screenshot({ path: `${SHOTS}/5-control-requested.png` });
    await widget(customer, 'tsunagi-control-allow').click();
    await agent.waitForSelector('[data-testid="control-state"][data-state="granted"]');
    await agent.waitForSelector('[data-testid="guide-bar"][data-mode="control"]');
    expect(await agent.getByTestId('guide-notice').getAttribute('data-kind')).toBe('granted');
    await agent.screenshot({ path: `${SHOTS}/5-control-granted.png` });

    // Typing: a click on the replayed field opens an editor over it; each change goes out as the whole value.
    await customer.locator('#fire-address').scrollIntoViewIfNeeded();
    await replayScrolledLike(agent, customer);
    const address = await settledReplayPoint(agent, '#fire-address');
    await agent.mouse.click(address.x, address.y);
    const editor = agent.getByTestId('control-editor');
    await editor.waitFor();
    await agent.keyboard.insertText('東京都千代田区');
    await agent.keyboard.type(' 1-2-3', { delay: 20 });
    await expect.poll(() => customer.locator('#fire-address').inputValue()).toBe('東京都千代田区 1-2-3');
    // An input method: unconverted kana stay in the console until the conversion is committed.
    const ime = await agent.context().newCDPSession(agent);
    await ime.send('Input.imeSetComposition', { text: 'ばんち', selectionStart: 3, selectionEnd: 3 });
    expect(await editor.inputValue()).toBe('東京都千代田区 1-2-3ばんち');
    await agent.waitForTimeout(300);
    expect(await customer.locator('#fire-address').inputValue()).toBe('東京都千代田区 1-2-3');
    await ime.send('Input.insertText', { text: '番地' });
    await expect.poll(() => customer.locator('#fire-address').inputValue()).toBe('東京都千代田区 1-2-3番地');
    await agent.screenshot({ path: `${SHOTS}/5-control-typing.png` });
    expect(await axeViolations(agent)).toEqual([]);
    await agent.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });

    // A drop-down: the console shows the replayed options and sends the choice.
    await customer.locator('#fire-structure').scrollIntoViewIfNeeded();
    await replayScrolledLike(agent, customer);
    const structure = await settledReplayPoint(agent, '#fire-structure');
    await agent.mouse.click(structure.x, structure.y);
    const select = agent.getByTestId('control-select');
    await select.waitFor();
    const options = await select.locator('option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    const choice = options.find((value) => value !== '')!;
    await select.selectOption(choice);
    await expect.poll(() => customer.locator('#fire-structure').inputValue()).toBe(choice);

    // A check box, by its new state.
    await customer.locator('#fire-earthquake').scrollIntoViewIfNeeded();
    await replayScrolledLike(agent, customer);
    const before = await customer.locator('#fire-earthquake').isChecked();
    const box = await settledReplayPoint(agent, '#fire-earthquake');
    await agent.mouse.click(box.x, box.y);
    await expect.poll(() => customer.locator('#fire-earthquake').isChecked()).toBe(!before);

    // The wheel scrolls the customer's page.
    const scrolled = await customer.evaluate(() => window.scrollY);
    await agent.mouse.move(box.x, box.y);
    await agent.mouse.wheel(0, 300);
    await expect.poll(() => customer.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled + 100);

    // The password is masked on the customer's page: the console refuses at once.
    await customer.locator('#fire-password').scrollIntoViewIfNeeded();
    await replayScrolledLike(agent, customer);
    const password = await settledReplayPoint(agent, '#fire-password');
    await agent.mouse.click(password.x, password.y);
    await agent.waitForSelector('[data-testid="guide-notice"][data-kind="protected"]');
    expect(await agent.getByTestId('control-editor').count()).toBe(0);

    await agent.getByTestId('control-release').click();
    await agent.waitForSelector('[data-testid="control-state"][data-state="off"]');
    expect(await agent.getByTestId('guide-bar').getAttribute('data-mode')).toBe('guide');
  });

  it('a supervisor monitors the session read-only, and the customer sees them listed', async () => {
    await signIn(supervisor, server.url, 'supervisor');
    await supervisor.getByTestId('nav-monitor').click();
    const row = supervisor.locator(`[data-testid="monitor-item"][data-session-id="${sessionId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('monitor-owner').textContent()).toBe('佐藤 花子');
    expect(await row.getByTestId('monitor-status').textContent()).toBe('対応中');
    expect(await row.getByTestId('monitor-customer').getAttribute('data-state')).toBe('connected');
    await supervisor.screenshot({ path: `${SHOTS}/6-monitor-list.png` });
    expect(await axeViolations(supervisor)).toEqual([]);

    await row.getByTestId('monitor-open').click();
    await waitForLiveView(supervisor);
    await expect.poll(() => replayText(supervisor)).toContain('火災保険');
    expect(await supervisor.getByTestId('monitor-banner-owner').textContent()).toContain('佐藤 花子');
    // Read-only: no guidance, no control, no chat input, no end or transfer.
    for (const testId of ['guide-bar', 'guide-layer', 'control-request', 'chat-input', 'live-end', 'live-transfer']) {
      expect(await supervisor.getByTestId(testId).count(), testId).toBe(0);
    }
    await supervisor.getByTestId('chat-readonly').waitFor();
    await expect.poll(() => supervisor.getByTestId('chat-message').count()).toBe(4);
    await expect.poll(() => widget(customer, 'tsunagi-viewers').textContent()).toContain('高橋 美咲');
    await supervisor.screenshot({ path: `${SHOTS}/6-monitor-view.png` });
    expect(await axeViolations(supervisor)).toEqual([]);
    await customer.screenshot({ path: `${SHOTS}/6-customer-viewers.png` });

    // Updates reach the list: the agent asks for control again, the list says so.
    await supervisor.getByTestId('live-back').click();
    await row.waitFor();
    await agent.getByTestId('control-request').click();
    await expect.poll(() => row.textContent()).toContain('操作の許可待ち');
    await widget(customer, 'tsunagi-control-decline').click();
    await agent.waitForSelector('[data-testid="guide-notice"][data-kind="declined"]');
    await row.getByTestId('monitor-open').click();
    await waitForLiveView(supervisor);
  });

  it('the owner transfers to a colleague with a note; the colleague sees it first', async () => {
    await signIn(agent2, server.url, 'agent2');
    await agent.getByTestId('live-transfer').click();
    const dialog = agent.getByTestId('transfer-dialog');
    await dialog.waitFor();
    const colleague = dialog.getByTestId('transfer-agent').filter({ hasText: '鈴木 一郎' });
    await colleague.waitFor();
    // The supervisor is online too and may take calls; the owner is not offered to themself.
    expect(await dialog.getByTestId('transfer-agent').filter({ hasText: '佐藤 花子' }).count()).toBe(0);
    await agent.getByTestId('transfer-confirm').click();
    expect(await agent.getByTestId('transfer-error').textContent()).toBe('引き継ぎ先を選んでください。');
    await colleague.click();
    const note = '住所の入力まで完了。地震保険の説明をお願いします。';
    await agent.getByTestId('transfer-note').fill(note);
    await agent.screenshot({ path: `${SHOTS}/7-transfer-dialog.png` });
    expect(await axeViolations(agent)).toEqual([]);
    await agent.getByTestId('transfer-confirm').click();

    // The old owner is back at the queue, the session no longer theirs.
    await agent.getByTestId('my-sessions-empty').waitFor();
    await agent.getByRole('heading', { name: '待機中のお客様' }).waitFor();

    const mine = agent2.locator(`[data-testid="my-session"][data-session-id="${sessionId}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('queue-transfer-note').textContent()).toContain(note);
    await agent2.screenshot({ path: `${SHOTS}/7-transfer-my-sessions.png` });
    await mine.getByTestId('my-session-open').click();
    await waitForLiveView(agent2);
    expect(await agent2.getByTestId('transfer-note-text').textContent()).toBe(note);
    await expect.poll(() => agent2.getByTestId('chat-message').count()).toBe(4);
    await expect.poll(() => supervisor.getByTestId('monitor-banner-owner').textContent()).toContain('鈴木 一郎');
    await agent2.screenshot({ path: `${SHOTS}/7-transfer-received.png` });
    expect(await axeViolations(agent2)).toEqual([]);

    // The new owner guides: the customer gets their chat.
    await agent2.getByTestId('chat-input').fill('引き継ぎました、鈴木です。');
    await agent2.getByTestId('chat-input').press('Enter');
    await expect.poll(() => widget(customer, 'tsunagi-chat-log').textContent()).toContain('鈴木です');
  });

  it('reads in English too', async () => {
    await agent2.getByTestId('lang-toggle').click();
    expect(await agent2.getByTestId('chat-send').textContent()).toBe('Send');
    expect(await agent2.getByTestId('control-request').textContent()).toBe('Request control');
    expect(await agent2.getByTestId('live-transfer').textContent()).toBe('Transfer');
    await agent2.screenshot({ path: `${SHOTS}/8-live-en.png` });
    await supervisor.getByTestId('lang-toggle').click();
    await supervisor.getByTestId('live-back').click();
    await supervisor.getByTestId('monitor-list').waitFor();
    await supervisor.screenshot({ path: `${SHOTS}/8-monitor-list-en.png` });
    await agent2.getByTestId('lang-toggle').click();
  });
});
