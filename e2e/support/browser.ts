import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Flags that keep Debian's Chromium from stalling on this machine's closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile. Each person in a journey (customer, agent) gets
 * their own browser, so neither page is a background tab of the other
 * (rrweb's live replay stalls in background tabs).
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'tsunagi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'ja-JP',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The two people of a journey, each in their own Chromium, at the viewports most journeys use. */
export interface JourneyBrowsers {
  customer: BrowserContext;
  agent: Page;
  close(): Promise<void>;
}

export async function launchJourneyBrowsers(): Promise<JourneyBrowsers> {
  const [customer, agent] = await Promise.all([
    launchBrowser({ viewport: { width: 1200, height: 800 } }),
    launchBrowser({ viewport: { width: 1440, height: 900 } }),
  ]);
  return {
    customer: customer.context,
    agent: await agent.context.newPage(),
    close: async () => {
      await Promise.all([customer.close(), agent.close()]);
    },
  };
}
