import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchJourneyBrowsers, type JourneyBrowsers } from './support/browser.ts';
import { axeViolations } from './support/console.ts';
import { askForHelp, signIn, takeFirstInQueue } from './support/journey.ts';

/**
 * A customer duplicates a sharing tab: the browser copies the tab's
 * sessionStorage, tab id included, into the new tab while the original page
 * lives on. The agent must see two tabs, not one — and a plain reload of
 * either must still be the same tab.
 *
 * Chromium offers no tab duplication over CDP, so the duplicate is a new
 * page of the same context whose sessionStorage is seeded, before any script
 * of the page runs, with the original's `tsunagi.*` entries — what Chrome's
 * "Duplicate" hands the new tab. Seeded only while the page has no tab id
 * yet, so its own reloads keep what the widget stored. Needs the built client
 * (`npm run build`).
 */

/** The streams of the customer's tabs as the agent's tab strip lists them (no strip: one tab). */
const tabStreams = (agent: Page) => agent.getByTestId('live-tab').evaluateAll((items) => items.map((item) => item.getAttribute('data-stream-id')));
const tabIdOf = (page: Page) => page.evaluate(() => sessionStorage.getItem('tsunagi.tab'));

/** The new tab the browser makes of `original` when the customer duplicates it. */
async function duplicateTab(context: BrowserContext, original: Page): Promise<Page> {
  const copied = await original.evaluate(() =>
    Object.fromEntries(Object.keys(sessionStorage).filter((key) => key.startsWith('tsunagi.')).map((key) => [key, sessionStorage.getItem(key)!])),
  );
  expect(copied['tsunagi.tab']).toBeTruthy();
  const page = await context.newPage();
  await page.addInitScript((entries) => {
    if (sessionStorage.getItem('tsunagi.tab') !== null) return;
    for (const [key, value] of Object.entries(entries)) sessionStorage.setItem(key, value);
  }, copied);
  await page.goto(original.url());
  return page;
}

/** Reloads a customer's tab and waits until the agent lists its new page load, returning the strip then. */
async function reloadTab(page: Page, agent: Page): Promise<(string | null)[]> {
  const before = await tabStreams(agent);
  await page.reload();
  await page.getByTestId('tsunagi-sharing-bar').waitFor({ timeout: 10_000 });
  await expect.poll(async () => (await tabStreams(agent)).some((stream) => !before.includes(stream))).toBe(true);
  return tabStreams(agent);
}

describe('a customer duplicates a sharing tab', () => {
  let server: TestServer;
  let browsers: JourneyBrowsers | undefined;
  let customerContext: BrowserContext;
  let original: Page;
  let duplicate: Page;
  let agent: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browsers = await launchJourneyBrowsers();
    ({ customer: customerContext, agent } = browsers);
  });

  afterAll(async () => {
    await browsers?.close();
    await server?.destroy();
  });

  it('the duplicate takes a tab id of its own: the agent sees two tabs', async () => {
    original = await customerContext.newPage();
    await original.goto(`${server.url}/fire/`);
    await askForHelp(original);
    await signIn(agent, server.url, 'agent1');
    await takeFirstInQueue(agent);

    duplicate = await duplicateTab(customerContext, original);
    // The duplicate rejoins the session by itself, like any other page of the site.
    await duplicate.getByTestId('tsunagi-sharing-bar').waitFor({ timeout: 10_000 });
    await expect.poll(() => agent.getByTestId('live-tab').count(), { timeout: 10_000 }).toBe(2);
    expect(await tabIdOf(duplicate)).not.toBe(await tabIdOf(original));
    expect(new Set(await tabStreams(agent)).size).toBe(2);
    expect(await axeViolations(agent)).toEqual([]);
  });

  it('a plain reload keeps its tab: still two tabs, each reloaded one with its new page', async () => {
    for (const page of [duplicate, original]) {
      const id = await tabIdOf(page);
      const streams = await reloadTab(page, agent);
      expect(streams).toHaveLength(2);
      expect(await tabIdOf(page)).toBe(id);
    }
  });
});
