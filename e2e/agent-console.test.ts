import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { setHidden } from './support/console.ts';
import { askForHelp, submitLogin, takeFirstInQueue, waitForLiveView } from './support/journey.ts';
import { replayClock, replayInputs, replayText } from './support/replay.ts';

/**
 * The agent's journey in the console against the real server and the demo
 * site with the real widget: log in, see a customer arrive, take them, watch
 * their page live (typing, navigation, a hidden console tab), end the
 * session. Needs the built client (`npm run build`). Screenshots go to
 * .artifacts/agent/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/agent');
/** How far the agent's computer clock is ahead of the server's. */
const AGENT_SKEW_MS = 6000;

describe('agent console', () => {
  let server: TestServer;
  let agentBrowser: TestBrowser;
  let customerBrowser: TestBrowser;
  let agent: Page;
  let customer: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    agentBrowser = await launchBrowser({ viewport: { width: 1440, height: 900 } });
    customerBrowser = await launchBrowser({ viewport: { width: 1200, height: 800 } });
    // The agent's computer clock is 6 s fast: the console must measure the
    // server clock instead of trusting its own.
    await agentBrowser.context.addInitScript((skew) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + skew;
    }, AGENT_SKEW_MS);
    agent = await agentBrowser.context.newPage();
    customer = await customerBrowser.context.newPage();
  });

  afterAll(async () => {
    await agentBrowser?.close();
    await customerBrowser?.close();
    await server?.destroy();
  });

  it('rejects a wrong password with an announced message, then logs in', async () => {
    await submitLogin(agent, server.url, 'agent1', 'not-the-password');
    const error = agent.getByTestId('login-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await agent.getByTestId('login-password').getAttribute('aria-invalid')).toBe('true');
    await agent.screenshot({ path: `${SHOTS}/login-error.png` });

    await agent.getByTestId('login-password').fill('tsunagi-agent1');
    await agent.getByTestId('login-submit').click();
    await agent.waitForSelector('[data-testid="connection-status"][data-state="connected"]');
    await agent.getByTestId('queue-empty').waitFor();
    expect(await agent.getByTestId('header-user').textContent()).toBe('佐藤 花子');
  });

  it('shows a waiting customer with a waiting time on the server clock', async () => {
    await customer.goto(`${server.url}/renewal/`);
    await askForHelp(customer);
    const item = agent.getByTestId('queue-item').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('自動車保険');
    await agent.waitForTimeout(2200);
    // Waited about two seconds, not eight (6 s of skew would show up here).
    const shown = (await agent.getByTestId('queue-wait').first().locator('time').textContent()) ?? '';
    expect(['0:01', '0:02', '0:03']).toContain(shown);
    expect(await agent.getByTestId('queue-announcer').textContent()).toMatch(/待機/);
    await agent.screenshot({ path: `${SHOTS}/queue.png` });
  });

  it('rejects a wrong join code with a translated error', async () => {
    await agent.getByTestId('join-code-input').fill('１２３');
    await agent.getByTestId('join-code-submit').click();
    expect(await agent.getByTestId('join-code-error').getAttribute('data-code')).toBe('incomplete');
    await agent.getByTestId('join-code-input').fill('000000');
    await agent.getByTestId('join-code-submit').click();
    await agent.waitForSelector('[data-testid="join-code-error"][data-code="code_invalid"]');
  });

  it('takes the customer and sees their page live', async () => {
    await takeFirstInQueue(agent);
    await expect.poll(() => replayText(agent)).toContain('自動車保険の更新手続き');
    expect(await agent.getByTestId('live-viewport').textContent()).toContain('1200×800');
    expect(await agent.getByTestId('live-customer').getAttribute('data-state')).toBe('connected');
    expect(await agent.locator('.replayer-wrapper iframe').getAttribute('tabindex')).toBe('-1');

    const field = customer.locator('main input[type="text"], main input:not([type])').first();
    await field.click();
    await field.pressSequentially('TG-2025-0048213', { delay: 20 });
    await expect.poll(() => replayInputs(agent), { timeout: 20_000 }).toContain('TG-2025-0048213');
    // The agent's clock skew must not shift the view: the replayer's timeline
    // runs on the server's clock (this process's), measured by the console,
    // not on the agent's own clock 6 s ahead. Compared clock to clock, not
    // against a deadline: a loaded machine delays both readings alike, and
    // only a clock error of half the skew or more fails.
    const before = Date.now();
    const replayNow = await replayClock(agent);
    const after = Date.now();
    expect(replayNow).not.toBeNull();
    expect(replayNow!).toBeGreaterThan(before - AGENT_SKEW_MS / 2);
    expect(replayNow!).toBeLessThan(after + AGENT_SKEW_MS / 2);
    expect(Number(await agent.getByTestId('live-lag').getAttribute('data-lag-ms'))).toBeLessThan(5000);
    await agent.screenshot({ path: `${SHOTS}/live.png` });
  });

  it('catches up at once when the console tab comes back from the background', async () => {
    const builds = Number(await agent.getByTestId('live-view').getAttribute('data-builds'));
    await setHidden(agent, true);
    await customer.mouse.wheel(0, 400);
    await customer.waitForTimeout(1500);
    await setHidden(agent, false);
    await expect.poll(async () => Number(await agent.getByTestId('live-view').getAttribute('data-builds'))).toBe(builds + 1);
    const customerScroll = await customer.evaluate(() => window.scrollY);
    await expect
      .poll(() => agent.evaluate(() => document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe')?.contentWindow?.scrollY))
      .toBe(customerScroll);
  });

  it('follows the customer to the next page', async () => {
    await customer.getByRole('link', { name: 'お支払い方法' }).first().click();
    await customer.waitForURL('**/payment/');
    await expect.poll(() => agent.getByTestId('live-page-url').textContent()).toContain('/payment/');
    await expect.poll(() => replayText(agent)).toContain('お支払い方法の選択');
  });

  it('reopens the live view after a console reload', async () => {
    await agent.reload();
    await waitForLiveView(agent);
    await expect.poll(() => replayText(agent)).toContain('お支払い方法の選択');
  });

  it('switches to English and back', async () => {
    await agent.getByTestId('lang-toggle').click();
    expect(await agent.getByTestId('live-end').textContent()).toBe('End session');
    expect(await agent.evaluate(() => document.documentElement.lang)).toBe('en');
    await agent.getByTestId('lang-toggle').click();
    expect(await agent.getByTestId('live-end').textContent()).toBe('セッションを終了');
  });

  it('ends the session after a confirmation', async () => {
    await agent.getByTestId('live-end').click();
    await agent.getByTestId('live-end-dialog').waitFor();
    await agent.screenshot({ path: `${SHOTS}/end-dialog.png` });
    await agent.getByTestId('live-end-confirm').click();
    await agent.getByTestId('queue-empty').waitFor();
    await agent.getByTestId('my-sessions-empty').waitFor();
    await customer.getByTestId('tsunagi-ended').waitFor();
  });
});
