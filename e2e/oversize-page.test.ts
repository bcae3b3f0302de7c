import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/test/support/test-server.ts';
import { launchJourneyBrowsers, type JourneyBrowsers } from './support/browser.ts';
import { askForHelpAndReadCode, signIn, waitForLiveView } from './support/journey.ts';
import { replayText } from './support/replay.ts';

/**
 * A customer's page too large for the server's batch limit: the widget sends
 * a `tsunagi:dropped-event` marker instead of the full snapshot (nothing of
 * the page's content), and the agent's console says why the view does not
 * come, in Japanese and in English. When the page gets small again the view
 * plays; a single change too large says that part of the view may be
 * missing. The smallest limit the server allows (64 KiB) keeps the pages
 * small. Needs the built client (`npm run build`). Screenshots go to
 * .artifacts/oversize/.
 */

const SHOTS = resolve(import.meta.dirname, '../.artifacts/oversize');
const LIMIT = 64 * 1024;
/** In the big block only: must not reach the server. */
const CANARY = 'OVERSIZE-CANARY-テキスト';

/** Adds a block of about `kb` kilobytes of text to the page (one DOM mutation). */
async function addBigBlock(page: Page, id: string, kb: number): Promise<void> {
  await page.evaluate(
    ({ id, kb, canary }) => {
      const block = document.createElement('section');
      block.id = id;
      const line = `${canary} ${'この段落はページを大きくするための文章です。'.repeat(4)}`;
      const lines: string[] = [];
      for (let size = 0; size < kb * 1024; size += line.length * 3) lines.push(`<p>${line}</p>`);
      block.innerHTML = lines.join('');
      document.body.append(block);
    },
    { id, kb, canary: CANARY },
  );
}

describe('a page too large for MAX_BATCH_BYTES', () => {
  let server: TestServer;
  let browsers: JourneyBrowsers;
  let customer: Page;
  let agent: Page;
  let sessionId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer({ env: { MAX_BATCH_BYTES: String(LIMIT) } });
    browsers = await launchJourneyBrowsers();
    customer = await browsers.customer.newPage();
    agent = browsers.agent;
  });

  afterAll(async () => {
    await browsers?.close();
    await server?.destroy();
  });

  const storedMarkers = async () => {
    const rows = await server.storage.db
      .selectFrom('event_batches')
      .select(['events'])
      .where('session_id', '=', sessionId)
      .where('events', 'like', '%tsunagi:dropped-event%')
      .orderBy('id')
      .execute();
    return rows.flatMap((row) =>
      (JSON.parse(row.events) as { type: number; data: { tag?: string; payload?: Record<string, number> } }[])
        .filter((event) => event.type === 5 && event.data.tag === 'tsunagi:dropped-event')
        .map((event) => event.data.payload),
    );
  };

  it('tells the agent the page cannot be shown, and why', async () => {
    await customer.goto(`${server.url}/`);
    await addBigBlock(customer, 'big-block', 200);
    const code = await askForHelpAndReadCode(customer);
    await signIn(agent, server.url, 'agent1');
    await agent.getByTestId('join-code-input').fill(code);
    await agent.getByTestId('join-code-submit').click();

    await agent.getByTestId('live-view').waitFor();
    sessionId = (await agent.getByTestId('live-view').getAttribute('data-session-id'))!;
    const notice = agent.getByTestId('live-oversize');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-kind')).toBe('page');
    expect(await notice.getAttribute('role')).toBe('alert');
    const text = (await agent.getByTestId('live-oversize-text').textContent()) ?? '';
    expect(text).toMatch(/^お客様のページが大きすぎるため、画面を表示できません（\d+(\.\d)? KB、上限 64 KB）。/);
    expect(text).toContain('チャットや電話でご案内ください');
    expect(text).toContain('MAX_BATCH_BYTES');
    // The "loading" overlay gives way: nothing is on its way.
    await agent.getByTestId('live-oversize-overlay').waitFor();
    expect(await agent.getByTestId('live-waiting').count()).toBe(0);
    expect(await agent.getByTestId('live-view').getAttribute('data-replay-state')).toBe('waiting');
    await agent.screenshot({ path: `${SHOTS}/1-notice-ja.png` });

    await agent.getByTestId('lang-toggle').click();
    await expect
      .poll(() => agent.getByTestId('live-oversize-text').textContent())
      .toMatch(/^The customer's page is too large to show \(\d+(\.\d)? KB; the limit is 64 KB\)\. Guide them by chat or phone\. An administrator can raise MAX_BATCH_BYTES\.$/);
    await agent.screenshot({ path: `${SHOTS}/2-notice-en.png` });
    await agent.getByTestId('lang-toggle').click();
  });

  it('stores the marker, and nothing of the page that was too large', async () => {
    await expect.poll(async () => (await storedMarkers()).length).toBeGreaterThanOrEqual(1);
    const markers = await storedMarkers();
    expect(markers.length).toBeGreaterThanOrEqual(1);
    for (const marker of markers) {
      expect(marker).toEqual({ eventType: 2, bytes: expect.any(Number) as number, limit: LIMIT });
      expect(marker!.bytes).toBeGreaterThan(LIMIT);
    }
    const all = await server.storage.db.selectFrom('event_batches').select(['events']).where('session_id', '=', sessionId).execute();
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((row) => row.events).join('\n')).not.toContain('OVERSIZE-CANARY');
  });

  it('shows the page once it is small again, and says when one change is too large', async () => {
    await customer.evaluate(() => document.getElementById('big-block')!.remove());
    // A fresh watch asks the widget for a fresh full snapshot, which fits now.
    await agent.reload();
    await waitForLiveView(agent);
    await expect.poll(() => replayText(agent)).toContain('つなぎ損害保険');
    expect(await agent.getByTestId('live-oversize').count()).toBe(0);

    await addBigBlock(customer, 'big-change', 100);
    const notice = agent.getByTestId('live-oversize');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-kind')).toBe('change');
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await agent.getByTestId('live-oversize-text').textContent()).toMatch(
      /^お客様のページの変更が大きすぎるため、画面の一部が欠けているか古いままの可能性があります（\d+(\.\d)? KB、上限 64 KB）。/,
    );
    // The view goes on playing what it has.
    expect(await agent.getByTestId('live-view').getAttribute('data-replay-state')).toBe('playing');
    await agent.screenshot({ path: `${SHOTS}/3-notice-change-ja.png` });
    await expect.poll(async () => (await storedMarkers()).some((marker) => marker!.eventType === 3)).toBe(true);
  });
});
