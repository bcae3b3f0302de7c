import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '@tsunagi/shared';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { axeViolations } from './support/console.ts';
import { signIn } from './support/journey.ts';

/**
 * A console tab left open across a deploy that changed the protocol. The
 * real server and the real built console; what a deploy does is played by
 * the network: the console's websocket drops, and on reconnecting its
 * handshake (`40/agent,{"protocol":3}`) reaches the server claiming an older
 * version, which the server refuses with `outdated_client` exactly as it
 * would refuse an old console. Needs `npm run build`. Screenshots go to
 * .artifacts/outdated/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/outdated');
const OLD = PROTOCOL_VERSION - 1;

describe('console across a protocol change', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  /** Whether the server now speaks another protocol than the page's console. */
  let deployed = false;
  /** Agent-namespace handshakes that left the page. */
  let handshakes = 0;
  /** Drops the page's open websockets, as a server restart would. */
  let dropAll: () => Promise<void>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  beforeEach(async () => {
    deployed = false;
    handshakes = 0;
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    const open = new Set<() => Promise<void>>();
    dropAll = async () => {
      for (const drop of [...open]) await drop();
    };
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const toServer = ws.connectToServer();
      const drop = async () => {
        open.delete(drop);
        await ws.close();
        await toServer.close();
      };
      open.add(drop);
      ws.onMessage((message) => {
        if (typeof message === 'string' && message.startsWith('40/agent,')) {
          handshakes++;
          if (deployed) message = message.replace(/"protocol":\d+/, `"protocol":${OLD}`);
        }
        toServer.send(message);
      });
    });
  });

  async function deploy(): Promise<void> {
    expect(await page.getByTestId('outdated-notice').count()).toBe(0);
    deployed = true;
    await dropAll();
    await page.waitForSelector('[data-testid="connection-status"][data-state="outdated"]');
  }

  it('tells the agent to reload, in Japanese and English, stops retrying, and reloads from the keyboard', async () => {
    await signIn(page, server.url, 'agent1');
    await deploy();

    const notice = page.getByTestId('outdated-notice');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.innerText()).toContain('コンソールが更新されました。最新の版を使うには再読み込みしてください。');
    expect(await page.getByTestId('outdated-reload').innerText()).toBe('再読み込み');
    expect(await page.getByTestId('connection-status').innerText()).toContain('再読み込みが必要です');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/console-outdated-ja.png` });

    // No retry: other refusals come back after 2 s.
    const seen = handshakes;
    await page.waitForTimeout(3000);
    expect(handshakes).toBe(seen);
    expect(await page.getByTestId('connection-status').getAttribute('data-state')).toBe('outdated');

    await page.getByTestId('lang-toggle').click();
    expect(await notice.innerText()).toContain('The console has been updated. Reload to use the new version.');
    expect(await page.getByTestId('outdated-reload').innerText()).toBe('Reload');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/console-outdated-en.png` });

    // Right after the header in the tab order; Enter reloads, and the
    // reloaded (now current) console connects.
    await page.getByTestId('logout').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('outdated-reload');
    deployed = false;
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]');
    expect(await page.getByTestId('outdated-notice').count()).toBe(0);
    await page.getByTestId('lang-toggle').click(); // back to Japanese for the next test
    await page.close();
  });

  it('says reload, not log in, when the login also expired meanwhile; the reloaded console asks for the login', async () => {
    await signIn(page, server.url, 'agent1');
    await browser.context.clearCookies();
    await deploy();
    expect(await page.getByTestId('outdated-notice').isVisible()).toBe(true);
    expect(await page.getByTestId('login-username').count()).toBe(0);

    deployed = false;
    await Promise.all([page.waitForEvent('load'), page.getByTestId('outdated-reload').click()]);
    await page.getByTestId('login-username').waitFor();
    await page.close();
  });
});
