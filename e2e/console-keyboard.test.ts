import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { axeViolations } from './support/console.ts';
import { findStoredNode } from './support/guidance.ts';
import { askForHelp, signIn, takeFirstInQueue } from './support/journey.ts';
import { focusedTestId, navNode, pressUntilSaid, spoken, tabTo } from './support/keyboard.ts';
import { replayText } from './support/replay.ts';

/**
 * Guidance from the keyboard alone: once the live view is up, the agent
 * uses nothing but `page.keyboard`. They Tab to the element navigator over
 * the replay, hear (read) what each element of the customer's page is,
 * highlight a field and point at it; with control granted they type into a
 * field, tick a box and press the form's button, and the customer's page
 * changes. Real server, demo site and widget, one Chromium per person.
 * Needs the built client (`npm run build`). Screenshots go to
 * .artifacts/keyboard/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/keyboard');

/** The customer's element `selector` lies inside `outer` (a ring drawn around it). */
async function surrounds(customer: Page, outer: string, selector: string): Promise<boolean> {
  return customer.evaluate(
    ({ outer, selector }) => {
      const host = document.querySelector('tsunagi-widget')?.shadowRoot;
      const ring = host?.querySelector(outer)?.getBoundingClientRect();
      const field = document.querySelector(selector)?.getBoundingClientRect();
      if (!ring || !field) return false;
      return ring.left <= field.left && ring.top <= field.top && ring.right >= field.right && ring.bottom >= field.bottom;
    },
    { outer, selector },
  );
}

const widget = (page: Page, testId: string) => page.getByTestId(testId);

describe('keyboard-only guidance', () => {
  let server: TestServer;
  const browsers: TestBrowser[] = [];
  let customer: Page;
  let agent: Page;
  let sessionId = '';
  let addressNode = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    const [c, a] = await Promise.all([
      launchBrowser({ viewport: { width: 1200, height: 800 } }),
      launchBrowser({ viewport: { width: 1440, height: 900 } }),
    ]);
    browsers.push(c, a);
    [customer, agent] = await Promise.all([c.context.newPage(), a.context.newPage()]);
  });

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.destroy();
  });

  it('the agent Tabs to the navigator and steps through the page, hearing each element', async () => {
    await customer.goto(`${server.url}/fire/`);
    await askForHelp(customer);
    await signIn(agent, server.url, 'agent1');
    sessionId = await takeFirstInQueue(agent);
    await expect.poll(() => replayText(agent)).toContain('火災保険');

    // From here on the agent uses the keyboard only.
    await tabTo(agent, 'guide-navigator');
    expect(await agent.getByTestId('guide-navigator').getAttribute('role')).toBe('application');
    expect(await agent.getByTestId('guide-nav-caption').textContent()).toContain('下矢印キーで順に選べます');

    // The first key starts where the customer is looking: the top of the form page.
    await agent.keyboard.press('ArrowDown');
    expect(await spoken(agent)).toMatch(/^(リンク|見出し|ボタン)/);
    await agent.getByTestId('guide-focus').waitFor();

    // H goes from heading to heading, with its level.
    expect(await pressUntilSaid(agent, 'h', '1. 保険の対象となる建物')).toContain('見出しレベル2「1. 保険の対象となる建物」');

    // F goes from field to field: the address field, by its label, empty and required.
    const said = await pressUntilSaid(agent, 'f', '建物の所在地');
    expect(said).toContain('入力欄「建物の所在地 必須」');
    expect(said).toContain('未入力');
    addressNode = await navNode(agent);
    // The node id is the recorder's own for that field, as the server stored it.
    const batches = await server.storage.db.selectFrom('event_batches').select('events').where('session_id', '=', sessionId).orderBy('id').execute();
    expect(findStoredNode(batches, addressNode)?.attributes?.id).toBe('fire-address');
    expect(await agent.getByTestId('guide-focus').getAttribute('data-node-id')).toBe(String(addressNode));
    await agent.screenshot({ path: `${SHOTS}/1-navigator-field-ja.png` });
    expect(await axeViolations(agent)).toEqual([]);
  });

  it('Enter highlights the chosen field on the customer page; P shows the pointer there and follows', async () => {
    await agent.keyboard.press('Enter');
    const theirs = widget(customer, 'tsunagi-highlight');
    await theirs.waitFor({ state: 'visible' });
    expect(Number(await theirs.getAttribute('data-node'))).toBe(addressNode);
    await expect.poll(() => surrounds(customer, '[data-testid="tsunagi-highlight"]', '#fire-address')).toBe(true);
    await agent.waitForSelector('[data-testid="guide-notice"][data-kind="highlighted"]');
    expect(await focusedTestId(agent)).toBe('guide-navigator');
    await customer.screenshot({ path: `${SHOTS}/2-highlight-customer.png` });

    await agent.keyboard.press('p');
    const pointer = customer.locator('[data-testid="tsunagi-pointer"]:not([hidden])');
    await pointer.waitFor({ state: 'attached' });
    expect(Number(await pointer.getAttribute('data-node'))).toBe(addressNode);
    expect(await agent.getByTestId('guide-navigator').getAttribute('data-pointer')).toBe('on');
    // The pointer's tip is in the middle of the field (both read at one moment: the page may be scrolling).
    const offset = await customer.evaluate(() => {
      const tip = document.querySelector('tsunagi-widget')!.shadowRoot!.querySelector('[data-testid="tsunagi-pointer"]')!.getBoundingClientRect();
      const field = document.querySelector('#fire-address')!.getBoundingClientRect();
      return { x: tip.x - (field.x + field.width / 2), y: tip.y - (field.y + field.height / 2) };
    });
    expect(Math.abs(offset.x)).toBeLessThan(3);
    expect(Math.abs(offset.y)).toBeLessThan(3);
    await agent.screenshot({ path: `${SHOTS}/2-pointer-agent.png` });
    await customer.screenshot({ path: `${SHOTS}/2-pointer-customer.png` });

    // It follows the ring to the next field, and P again takes it away.
    await agent.keyboard.press('f');
    const next = await navNode(agent);
    expect(next).not.toBe(addressNode);
    await expect.poll(async () => Number(await pointer.getAttribute('data-node'))).toBe(next);
    await agent.keyboard.press('p');
    await pointer.waitFor({ state: 'detached' });
  });

  it('a password field is announced as protected', async () => {
    const said = await pressUntilSaid(agent, 'f', 'パスワード');
    expect(said).toContain('保護されているため操作できません');
    expect(await agent.getByTestId('guide-navigator').getAttribute('data-control')).toBe('protected');
    expect(await agent.locator('.guide-nav-ring-protected').count()).toBe(1);
    await agent.screenshot({ path: `${SHOTS}/3-protected-ja.png` });
  });

  it('with control granted: types into a field, ticks a box, presses the button — the customer page changes', async () => {
    // Back to the tools to ask for control, by keyboard.
    await tabTo(agent, 'control-request', 'Shift+Tab');
    await agent.keyboard.press('Enter');
    await agent.waitForSelector('[data-testid="control-state"][data-state="requested"]');
    await widget(customer, 'tsunagi-control-allow').click();
    await agent.waitForSelector('[data-testid="guide-bar"][data-mode="control"]');
    // The button the agent pressed is gone: focus comes to the navigator, where control happens.
    await expect.poll(() => focusedTestId(agent)).toBe('guide-navigator');

    // The password field refuses at once: no editor.
    await agent.keyboard.press('Enter');
    await agent.waitForSelector('[data-testid="guide-notice"][data-kind="protected"]');
    expect(await agent.getByTestId('control-editor').count()).toBe(0);

    // Up to the address field; Enter opens the editor over it, focused.
    await pressUntilSaid(agent, 'Shift+F', '建物の所在地');
    expect(await navNode(agent)).toBe(addressNode);
    await agent.keyboard.press('Enter');
    const editor = agent.getByTestId('control-editor');
    await editor.waitFor();
    expect(await focusedTestId(agent)).toBe('control-editor');
    await agent.keyboard.insertText('東京都千代田区');
    await agent.keyboard.type(' 1-2-3', { delay: 20 });
    await expect.poll(() => customer.locator('#fire-address').inputValue()).toBe('東京都千代田区 1-2-3');
    await agent.screenshot({ path: `${SHOTS}/4-control-typing.png` });
    // Esc closes the editor and returns to the navigator, which reads the new value.
    await agent.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await focusedTestId(agent)).toBe('guide-navigator');
    await expect.poll(() => agent.getByTestId('guide-nav-caption').textContent()).toContain('入力内容: 東京都千代田区 1-2-3');

    // Space ticks a box.
    await pressUntilSaid(agent, 'f', '地震保険を付ける');
    const before = await customer.locator('#fire-earthquake').isChecked();
    await agent.keyboard.press('Space');
    await expect.poll(() => customer.locator('#fire-earthquake').isChecked()).toBe(!before);
    expect(await spoken(agent)).toBe(before ? 'チェックを外しました。' : 'チェックを入れました。');

    // The form's button, below the customer's view: Enter scrolls their page to it and clicks it.
    await pressUntilSaid(agent, 'ArrowDown', 'ボタン「入力内容を送信する」');
    await agent.keyboard.press('Enter');
    await customer.locator('#fire-errors').waitFor();
    await expect.poll(() => replayText(agent)).toContain('件の誤りがあります');
    await agent.screenshot({ path: `${SHOTS}/4-control-submitted.png` });
    await customer.screenshot({ path: `${SHOTS}/4-control-submitted-customer.png` });
    expect(await axeViolations(agent)).toEqual([]);
  });

  it('speaks English too', async () => {
    await tabTo(agent, 'lang-toggle', 'Shift+Tab', 50);
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.evaluate(() => document.documentElement.lang)).toBe('en');
    await tabTo(agent, 'guide-navigator', 'Tab', 50);
    // The customer's page stays Japanese; the console's words are English.
    await pressUntilSaid(agent, 'Shift+F', '建物の所在地');
    expect(await spoken(agent)).toMatch(/^Field “建物の所在地 必須”, contains: 東京都千代田区 1-2-3(, [^.]+)?\. \d+ of \d+$/);
    expect(await agent.getByTestId('guide-nav-caption').textContent()).toContain('Enter/Space: act');
    await agent.screenshot({ path: `${SHOTS}/5-navigator-en.png` });
    expect(await axeViolations(agent)).toEqual([]);
  });

  it('what the site blocks from the recording is a stop of its own: not shared, not controllable', async () => {
    // The customer goes on to the certificate page, whose licence scan is blocked (an empty box in the replay).
    await customer.getByRole('link', { name: '保険証券' }).first().click();
    await customer.waitForURL('**/certificate/');
    await expect.poll(() => replayText(agent), { timeout: 15_000 }).toContain('デジタル保険証券');
    await tabTo(agent, 'guide-navigator', 'Tab', 50);
    // Node ids are per page load: the field chosen on the last page is not carried over.
    expect(await agent.getByTestId('guide-navigator').getAttribute('data-node-id')).toBe('');
    expect(await pressUntilSaid(agent, 'ArrowDown', 'Area not shared')).toContain("protected: you cannot act on it");
    expect(await agent.getByTestId('guide-navigator').getAttribute('data-role')).toBe('blocked');
    expect(await agent.getByTestId('guide-navigator').getAttribute('data-control')).toBe('protected');
    await agent.screenshot({ path: `${SHOTS}/6-blocked-en.png` });
  });
});
