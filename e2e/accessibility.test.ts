import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { submitLogin } from './support/journey.ts';

/**
 * WCAG 2.1 A and AA, as axe checks them in Chromium, on every screen a
 * customer or an agent sees: the demo insurer site's pages, the widget in
 * each of its states (axe looks into its open shadow root), and the agent
 * console — each in Japanese and in English. One server, two browsers (the
 * customer's and the agent's), reused throughout. Needs the built client
 * (`npm run build`). Screenshots go to .artifacts/a11y/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/a11y');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LANGS = ['ja', 'en'] as const;
type Lang = (typeof LANGS)[number];

interface ScanOptions {
  /** Left out of the scan (CSS selectors). */
  exclude?: string[];
  /** A shadow host that must have been looked into: proves the scan saw the widget at all. */
  within?: string;
}

/**
 * Scans the page as it is now; a failure names the screen and lists every
 * violation with where it is and what to fix. Soft, so one run reports
 * every screen.
 */
async function expectAccessible(page: Page, screen: string, options: ScanOptions = {}): Promise<void> {
  // Legacy mode runs axe in the page itself instead of opening a blank tab to
  // merge per-frame results: half the time per scan. What it gives up is
  // cross-origin frames, and these screens have none (the console's one
  // same-origin frame, the replay, is excluded anyway).
  let builder = new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
      v.nodes.map((n) => `    at ${JSON.stringify(n.target)}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n'),
  );
  expect.soft(found, `${screen}:\n${found.join('\n')}`).toEqual([]);
  if (options.within) {
    const host = options.within;
    const checked = results.passes.flatMap((rule) => rule.nodes).filter((node) => Array.isArray(node.target[0]) && node.target[0][0] === host);
    expect.soft(checked.length, `${screen}: nothing inside <${host}> was checked`).toBeGreaterThan(0);
  }
}

const documentLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

/** The demo site's language button. Clicked from script so it also works behind the widget's modal dialog. */
async function setSiteLang(page: Page, lang: Lang): Promise<void> {
  if ((await documentLang(page)) !== lang) await page.evaluate(() => document.getElementById('lang-toggle')!.click());
  await expect.poll(() => documentLang(page)).toBe(lang);
  // The widget follows the page's language.
  await expect
    .poll(() => page.evaluate(() => document.querySelector('tsunagi-widget')?.shadowRoot?.querySelector('.root')?.getAttribute('lang')))
    .toBe(lang);
}

async function setConsoleLang(page: Page, lang: Lang): Promise<void> {
  if ((await documentLang(page)) !== lang) await page.getByTestId('lang-toggle').click();
  await expect.poll(() => documentLang(page)).toBe(lang);
}

describe('accessibility (axe, WCAG 2.1 AA)', () => {
  let server: TestServer;
  let customerBrowser: TestBrowser;
  let agentBrowser: TestBrowser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [server, customerBrowser, agentBrowser] = await Promise.all([
      startTestServer(),
      launchBrowser({ viewport: { width: 1200, height: 800 } }),
      launchBrowser({ viewport: { width: 1440, height: 900 } }),
    ]);
    customer = await customerBrowser.context.newPage();
    agent = await agentBrowser.context.newPage();
  });

  afterAll(async () => {
    await customerBrowser?.close();
    await agentBrowser?.close();
    await server?.destroy();
  });

  it('demo site: every page in Japanese and English, the fire form with its errors', async () => {
    for (const path of ['/', '/renewal/', '/payment/', '/fire/', '/certificate/']) {
      await customer.goto(`${server.url}${path}`);
      await customer.locator('main h1').first().waitFor();
      await customer.getByTestId('tsunagi-launcher').waitFor();
      // The widget's first state, the launcher, is on every page.
      for (const lang of LANGS) {
        await setSiteLang(customer, lang);
        await expectAccessible(customer, `${path} with the widget launcher (${lang})`, { within: 'tsunagi-widget' });
        if (path === '/') await customer.screenshot({ path: `${SHOTS}/home-launcher-${lang}.png` });
      }
      await setSiteLang(customer, 'ja');
    }

    // /fire/ after an empty submit: the error summary and every field's message.
    await customer.goto(`${server.url}/fire/`);
    await customer.locator('#fire-submit').click();
    await customer.locator('#fire-errors').waitFor();
    for (const lang of LANGS) {
      await setSiteLang(customer, lang);
      await expectAccessible(customer, `/fire/ with errors (${lang})`);
      expect(await customer.locator('#fire-errors-heading').textContent()).toMatch(lang === 'ja' ? /件の誤り/ : /problems? with your answers/);
      await customer.screenshot({ path: `${SHOTS}/fire-errors-${lang}.png`, fullPage: true });
    }
    await setSiteLang(customer, 'ja');
  });

  it('console: the login screen with an error', async () => {
    await submitLogin(agent, server.url, 'agent1', 'not-the-password');
    await agent.getByTestId('login-error').waitFor();
    for (const lang of LANGS) {
      await setConsoleLang(agent, lang);
      await expectAccessible(agent, `console login with an error (${lang})`);
      // axe cannot tell the language of a text: the message must follow the switch.
      expect(await agent.getByTestId('login-error').textContent()).toBe(
        lang === 'ja' ? 'ユーザー名またはパスワードが正しくありません。' : 'The username or password is wrong.',
      );
      await agent.screenshot({ path: `${SHOTS}/console-login-${lang}.png` });
    }
    await setConsoleLang(agent, 'ja');
    await agent.getByTestId('login-password').fill('tsunagi-agent1');
    await agent.getByTestId('login-submit').click();
    await agent.waitForSelector('[data-testid="connection-status"][data-state="connected"]');
    await agent.getByTestId('queue-empty').waitFor();
  });

  it('widget: consent dialog and code panel; console: queue with a waiting customer', async () => {
    await customer.goto(`${server.url}/renewal/`);
    await customer.getByTestId('tsunagi-launcher').click();
    await customer.getByTestId('tsunagi-consent').waitFor();
    for (const lang of LANGS) {
      await setSiteLang(customer, lang);
      await expectAccessible(customer, `widget consent dialog (${lang})`, { within: 'tsunagi-widget' });
      await customer.screenshot({ path: `${SHOTS}/widget-consent-${lang}.png` });
    }
    await setSiteLang(customer, 'ja');

    await customer.getByTestId('tsunagi-agree').click();
    await expect.poll(() => customer.getByTestId('tsunagi-code').getAttribute('data-code')).toMatch(/^\d{6}$/);
    for (const lang of LANGS) {
      await setSiteLang(customer, lang);
      await expectAccessible(customer, `widget code panel (${lang})`, { within: 'tsunagi-widget' });
      await customer.screenshot({ path: `${SHOTS}/widget-code-${lang}.png` });
    }
    await setSiteLang(customer, 'ja');

    await agent.getByTestId('queue-item').first().waitFor();
    for (const lang of LANGS) {
      await setConsoleLang(agent, lang);
      await expectAccessible(agent, `console queue with a waiting customer (${lang})`);
      await agent.screenshot({ path: `${SHOTS}/console-queue-${lang}.png` });
    }
    await setConsoleLang(agent, 'ja');
  });

  it('console: live view and the end-session dialog; widget: sharing bar, then the ended notice', async () => {
    await agent.getByTestId('queue-take').first().click();
    await agent.waitForSelector('[data-testid="live-view"][data-replay-state="playing"]');
    await customer.getByTestId('tsunagi-sharing-bar').waitFor();
    await expect.poll(() => customer.getByTestId('tsunagi-viewers').textContent()).toContain('佐藤 花子');

    for (const lang of LANGS) {
      await setSiteLang(customer, lang);
      await expectAccessible(customer, `widget sharing bar (${lang})`, { within: 'tsunagi-widget' });
      await customer.screenshot({ path: `${SHOTS}/widget-sharing-${lang}.png` });
    }
    await setSiteLang(customer, 'ja');

    // The replay iframe is the customer's own page rebuilt by rrweb: its
    // accessibility is the customer site's (scanned above), not the console's,
    // so rrweb's wrapper is left out of the console's scans. The one thing the
    // console owns there, the frame's title, is checked by hand instead.
    const replay = { exclude: ['.replayer-wrapper'] };
    for (const lang of LANGS) {
      await setConsoleLang(agent, lang);
      await expectAccessible(agent, `console live view (${lang})`, replay);
      expect(await agent.locator('.replayer-wrapper iframe').getAttribute('title')).toBe(
        lang === 'ja' ? 'お客様の画面（表示のみ）' : "Customer's screen (view only)",
      );
      await agent.screenshot({ path: `${SHOTS}/console-live-${lang}.png` });
    }

    // The dialog is modal: the language is switched with it closed.
    for (const lang of ['en', 'ja'] as const) {
      await setConsoleLang(agent, lang);
      await agent.getByTestId('live-end').click();
      await agent.getByTestId('live-end-dialog').waitFor();
      await expectAccessible(agent, `console end-session dialog (${lang})`, replay);
      await agent.screenshot({ path: `${SHOTS}/console-end-dialog-${lang}.png` });
      if (lang === 'en') {
        await agent.keyboard.press('Escape');
        await agent.getByTestId('live-end-dialog').waitFor({ state: 'hidden' });
      }
    }
    await agent.getByTestId('live-end-confirm').click();
    await agent.getByTestId('queue-empty').waitFor();

    await customer.getByTestId('tsunagi-ended').waitFor();
    for (const lang of LANGS) {
      await setSiteLang(customer, lang);
      await expectAccessible(customer, `widget ended notice (${lang})`, { within: 'tsunagi-widget' });
      await customer.screenshot({ path: `${SHOTS}/widget-ended-${lang}.png` });
    }
    await setSiteLang(customer, 'ja');
  });

  it('console: the admin Users screen with validation errors', async () => {
    await agent.getByTestId('logout').click();
    await submitLogin(agent, server.url, 'admin', 'tsunagi-admin');
    await agent.getByTestId('users-table').waitFor();
    await agent.getByTestId('new-user-username').fill('A');
    await agent.getByTestId('new-user-password').fill('short');
    await agent.getByTestId('create-user-submit').click();
    await agent.locator('#new-user-username-error').waitFor();
    for (const lang of LANGS) {
      await setConsoleLang(agent, lang);
      await expectAccessible(agent, `console Users screen with errors (${lang})`);
      expect(await agent.locator('#new-user-password-error').textContent()).toBe(
        lang === 'ja' ? 'パスワードは10文字以上で入力してください。' : 'The password needs at least 10 characters.',
      );
      await agent.screenshot({ path: `${SHOTS}/console-users-${lang}.png` });
    }
    await setConsoleLang(agent, 'ja');
  });
});
